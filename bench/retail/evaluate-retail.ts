/**
 * The retail business-question suite: realistic questions on the demo data, each with gold SQL written by
 * hand. An answer is right when every gold column appears among the answer's columns with the same values
 * (extra columns, such as a supporting share or the measure behind a "which …" answer, are allowed); rows
 * are compared as a multiset unless the gold SQL orders them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { askQuestion, prepareSource, workspaceSource } from '@askdata/assistant';
import type { CellValue } from '@askdata/core';
import { demoDataDir, ensureDemoData, openWorkspace } from '@askdata/engine';
import { compareResults } from '@askdata/eval';

export interface RetailRecord {
  id: string;
  category: string;
  question: string;
  gold_sql: string;
}

export interface RetailOutcome {
  record: RetailRecord;
  status: 'correct' | 'wrong' | 'abstained' | 'error';
  detail: string;
  sql?: string;
  interpretation?: string;
  latencyMs: number;
}

/** "Today" for the suite's relative dates: the last day of the demo data. */
export const retailAsOf = '2025-12-31';

export function readRetailQuestions(): RetailRecord[] {
  const text = readFileSync(join(import.meta.dirname, 'questions.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RetailRecord);
}

function* subsets(size: number, total: number, start = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === size) {
    yield chosen;
    return;
  }
  for (let index = start; index < total; index++) yield* subsets(size, total, index + 1, [...chosen, index]);
}

/** A timestamp at midnight and the same date are one value here: gold SQL may truncate to either. */
function normaliseCell(value: CellValue): CellValue {
  if (typeof value === 'string') {
    const midnight = /^(\d{4}-\d{2}-\d{2})[T ]00:00:00(?:\.0+)?Z?$/.exec(value);
    if (midnight) return midnight[1] ?? value;
  }
  return value;
}

/** True when the gold columns are found among the predicted ones (any order), with the same rows. */
export function goldColumnsMatch(
  goldRows: CellValue[][],
  predictedRows: CellValue[][],
  ordered: boolean,
): boolean {
  const gold = goldRows.map((row) => row.map(normaliseCell));
  const predicted = predictedRows.map((row) => row.map(normaliseCell));
  if (gold.length !== predicted.length) return false;
  if (gold.length === 0) return true;
  const width = gold[0]?.length ?? 0;
  const predictedWidth = predicted[0]?.length ?? 0;
  if (predictedWidth < width) return false;
  for (const columns of subsets(width, predictedWidth)) {
    const projected = predicted.map((row) => columns.map((index) => row[index] ?? null));
    if (compareResults(gold, projected, { ordered }).equal) return true;
  }
  return false;
}

/** Loads the demo data into a workspace in `home` and answers every question of the suite. */
export async function evaluateRetail(
  home: string,
  records = readRetailQuestions(),
): Promise<RetailOutcome[]> {
  const demo = await ensureDemoData(demoDataDir(home));
  const workspace = await openWorkspace({ home });
  const source = workspaceSource(workspace);
  try {
    for (const file of [
      demo.files.customers,
      demo.files.products,
      demo.files.orders,
      demo.files.orderLines,
    ]) {
      await workspace.load(file);
    }
    const prepared = await prepareSource(source);
    const outcomes: RetailOutcome[] = [];
    for (const record of records) {
      const started = performance.now();
      const goldSql = await source.validate(record.gold_sql, 100_001);
      const gold = await source.run(goldSql.sql, { maxRows: 100_000, timeoutMs: 60_000 });
      let outcome: Omit<RetailOutcome, 'latencyMs' | 'record'> = {
        status: 'error',
        detail: 'no ending event',
      };
      for await (const event of askQuestion(record.question, prepared, {
        asOf: retailAsOf,
        maxRows: 100_000,
      })) {
        if (event.type === 'answer') {
          const ordered = /\border\s+by\b/i.test(record.gold_sql.replace(/OVER\s*\([^)]*\)/gi, ''));
          const right = goldColumnsMatch(gold.rows, event.answer.result.rows, ordered);
          outcome = {
            status: right ? 'correct' : 'wrong',
            detail: right
              ? ''
              : `expected ${JSON.stringify(gold.rows.slice(0, 3))}, got ${JSON.stringify(event.answer.result.rows.slice(0, 3))}`,
            sql: event.answer.sql,
            interpretation: event.answer.interpretation,
          };
        } else if (event.type === 'abstention') {
          outcome = {
            status: 'abstained',
            detail: `${event.reason}; not understood: ${event.notUnderstood.join(', ')}`,
          };
        } else if (event.type === 'clarification') {
          outcome = {
            status: 'abstained',
            detail: `clarification: ${event.options.map((option) => option.description).join(' | ')}`,
          };
        } else if (event.type === 'error') {
          outcome = { status: 'error', detail: event.message };
        }
      }
      outcomes.push({ record, ...outcome, latencyMs: performance.now() - started });
    }
    return outcomes;
  } finally {
    await source.close();
  }
}

export function summarise(outcomes: RetailOutcome[]) {
  const count = (status: RetailOutcome['status']) =>
    outcomes.filter((outcome) => outcome.status === status).length;
  const answered = count('correct') + count('wrong') + count('error');
  const latencies = outcomes.map((outcome) => outcome.latencyMs).sort((a, b) => a - b);
  const at = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0;
  return {
    questions: outcomes.length,
    accuracy: count('correct') / outcomes.length,
    precisionWhenAnswered: answered === 0 ? 0 : count('correct') / answered,
    abstentionRate: count('abstained') / outcomes.length,
    latencyP50Ms: at(0.5),
    latencyP95Ms: at(0.95),
  };
}
