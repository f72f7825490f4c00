/**
 * `npm run bench:latency`: offline question latency on a 1M-row table after load (issue [4] target: P95 ≤ 50 ms).
 * Uses the ingest benchmark's generated CSV (bench/out, created by `npm run bench:ingest` or here), loads it once,
 * prepares the source once (schema, value samples), then times each question end to end: understand, compile,
 * guard, execute, verify, chart and narrative. The SQL-only time of the same queries is printed as a baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { askQuestion, prepareSource, workspaceSource } from '@askdata/assistant';
import { openWorkspace } from '@askdata/engine';
import { ensureWideCsv } from '../ingest/wide-csv';

const questions = [
  'total amount',
  'total amount by region',
  'average discount by category',
  'number of orders by month',
  'top 5 categories by amount',
  'how many orders per channel in 2023',
  'average score by status',
  'total quantity by country',
  'amount by region and channel',
  'how many returned orders',
  'which city has the most orders',
  'average unit price by category',
];
const rounds = 5;

const repoRoot = path.resolve(import.meta.dirname, '../..');
const file = ensureWideCsv(path.join(repoRoot, 'bench/out'), 1_000_000);
const home = mkdtempSync(path.join(tmpdir(), 'askdata-latency-'));
try {
  const workspace = await openWorkspace({ home });
  await workspace.load(file, { name: 'orders' });
  const source = workspaceSource(workspace);
  const prepareStarted = performance.now();
  const prepared = await prepareSource(source);
  console.log(
    `prepare (schema, distinct counts, value samples): ${(performance.now() - prepareStarted).toFixed(0)} ms`,
  );
  const total: number[] = [];
  const sqlOnly: number[] = [];
  let answered = 0;
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const started = performance.now();
      let sql: string | undefined;
      for await (const event of askQuestion(question, prepared, { asOf: '2024-12-31' })) {
        if (event.type === 'answer') {
          sql = event.answer.sql;
          if (round === 0) answered++;
        }
      }
      total.push(performance.now() - started);
      if (sql) {
        const sqlStarted = performance.now();
        await workspace.query(sql as never, { maxRows: 5001 });
        sqlOnly.push(performance.now() - sqlStarted);
      }
    }
  }
  const at = (values: number[], share: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  };
  console.log(
    `questions: ${questions.length} × ${rounds} rounds on 1,000,000 rows; answered ${answered}/${questions.length}`,
  );
  console.log(
    `end to end   P50 ${at(total, 0.5).toFixed(1)} ms  P95 ${at(total, 0.95).toFixed(1)} ms  (goal P95 ≤ 50 ms: ${at(total, 0.95) <= 50 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `SQL alone    P50 ${at(sqlOnly, 0.5).toFixed(1)} ms  P95 ${at(sqlOnly, 0.95).toFixed(1)} ms  (baseline: the database's own time)`,
  );
  await source.close();
} finally {
  rmSync(home, { recursive: true, force: true });
}
