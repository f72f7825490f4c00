/**
 * Quick accuracy and latency loop for the offline engine over the Spider benchmark file (execution
 * accuracy: predicted and gold SQL run on the same SQLite database, rows compared as multisets, in
 * order when the gold query sorts). The project's full harness lives in packages/eval; this loop
 * exists so the language engine can be measured on its own.
 * Usage: node packages/cli/bin/run-ts.js packages/language/bench/quick-eval.ts [limit] [--failures]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { createOfflineAnswerer } from '../src/offline-answerer';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const benchFolder = path.resolve(repoRoot, '../shared/bench/spider');
const limit = Number(process.argv[2] ?? 'Infinity');
const showFailures = process.argv.includes('--failures');
const showAll = process.argv.includes('--all');

interface SpiderRecord {
  id: string;
  db: string;
  question: string;
  gold_sql: string;
}

function normalise(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(10);
  return String(value);
}

function rowsKey(rows: unknown[][], ordered: boolean): string {
  const keys = rows.map((row) => row.map(normalise).sort().join('\u0001'));
  return (ordered ? keys : keys.sort()).join('\u0002');
}

const records = readFileSync(path.join(benchFolder, 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as SpiderRecord)
  .slice(0, limit);
const answerer = createOfflineAnswerer({ asOf: '2026-01-01' });
let correct = 0;
let answered = 0;
const latencies: number[] = [];
const buckets: Array<[number, boolean]> = [];
for (const record of records) {
  const dbPath = path.join(benchFolder, record.db);
  const started = performance.now();
  const outcome = await answerer.answer({
    question: record.question,
    source: { kind: 'sqlite', path: dbPath, dialect: 'sqlite' },
  });
  latencies.push(performance.now() - started);
  if (outcome.kind !== 'answer') {
    if (showAll)
      console.log(
        `ABSTAIN ${record.id} ${record.question} :: ${outcome.kind === 'abstain' ? outcome.reason : outcome.options.join(' | ')}`,
      );
    continue;
  }
  answered++;
  const database = new BetterSqlite3(dbPath, { readonly: true });
  let ok = false;
  let error = '';
  try {
    // Spider's gold SQL uses "double quoted" strings, which better-sqlite3 rejects; read them as strings.
    let goldSql = record.gold_sql;
    try {
      database.prepare(goldSql);
    } catch {
      goldSql = goldSql.replace(/"([^"]*)"/g, "'$1'");
    }
    const gold = database.prepare(goldSql).raw().all() as unknown[][];
    const predicted = database.prepare(outcome.sql).raw().all() as unknown[][];
    const ordered = /order\s+by/i.test(record.gold_sql);
    ok = rowsKey(gold, ordered) === rowsKey(predicted, ordered);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  } finally {
    database.close();
  }
  buckets.push([outcome.confidence, ok]);
  if (ok) {
    correct++;
    if (showAll) console.log(`RIGHT ${record.id} ${record.question}`);
  } else if (showFailures || showAll) {
    console.log(
      `WRONG ${record.id} ${record.question}\n   gold: ${record.gold_sql}\n   ours: ${outcome.sql} ${error}\n   read: ${outcome.interpretation} (${outcome.confidence.toFixed(2)})`,
    );
  }
}
// The first question per database pays for introspection; P95 is over all questions including those.
latencies.sort((a, b) => a - b);
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1);
console.log(
  `spider: ${records.length} questions, accuracy ${((100 * correct) / records.length).toFixed(1)}%, answered ${answered} (${((100 * answered) / records.length).toFixed(1)}%), precision when answered ${answered ? ((100 * correct) / answered).toFixed(1) : '–'}%, latency P50 ${percentile(0.5)} ms, P95 ${percentile(0.95)} ms`,
);
if (process.argv.includes('--calibration')) {
  for (const threshold of [0.6, 0.7, 0.8, 0.9, 0.95]) {
    const kept = buckets.filter(([confidence]) => confidence >= threshold);
    const right = kept.filter(([, ok]) => ok).length;
    console.log(
      `  confidence >= ${threshold}: answered ${kept.length}, right ${right}, precision ${kept.length ? ((100 * right) / kept.length).toFixed(1) : '-'}%`,
    );
  }
}
