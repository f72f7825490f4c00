import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AskdataError } from '@askdata/core';
import type { Answerer } from './answerer';
import { createAnswerer } from './engines';
import { evaluateFile } from './evaluate-file';
import type { RecordResult } from './record-result';
import type { EvalRecord } from './records';
import type { Summary } from './report';
import { createWorkspaceTableLoader } from './table-loader';

/**
 * The fixed, deterministic sample the CI gate runs. Spider: the first 200 questions (10 databases).
 * WTQ: every question on the first tables in file order until 300 questions. Taking whole tables keeps
 * the gate fast (loading a CSV costs far more than answering on it: the first 300 WTQ questions touch
 * 263 tables) while still covering a few dozen different real-world tables.
 */
export const regressionSets = [
  { name: 'spider', file: 'spider/questions.jsonl', limit: 200, wholeTables: false },
  { name: 'wtq', file: 'wtq/questions.jsonl', limit: 300, wholeTables: true },
] as const;

/** All records of the first data sources (database or table) in file order, up to `limit` records. */
export function firstSources(records: readonly EvalRecord[], limit: number): EvalRecord[] {
  const sourceOf = (record: EvalRecord) => (record.kind === 'denotation' ? record.table : record.db);
  const order: string[] = [];
  const bySource = new Map<string, EvalRecord[]>();
  for (const record of records) {
    const source = sourceOf(record);
    if (!bySource.has(source)) {
      bySource.set(source, []);
      order.push(source);
    }
    bySource.get(source)?.push(record);
  }
  return order.flatMap((source) => bySource.get(source) ?? []).slice(0, limit);
}

export type RegressionSetName = (typeof regressionSets)[number]['name'];

/** Accuracy may fall this much (absolute) below the baseline before the gate fails. */
export const allowedDrop = 0.02;

export interface SetFigures {
  records: number;
  scored: number;
  errors: number;
  accuracy: number;
  precision: number;
  abstentionRate: number;
  totalMsP95?: number;
}

export interface Baseline {
  recordedAt: string;
  /** Answerer that produced the figures; the gate refuses to compare a different engine silently. */
  engine: string;
  command: string;
  sets: Record<RegressionSetName, SetFigures>;
}

/** Stands in while the offline engine cannot be imported: it abstains, so the recorded baseline is honest (0%). */
export const unavailableEngineAnswerer: Answerer = {
  name: 'none (offline engine unavailable)',
  async answer() {
    return { kind: 'abstain', reason: 'the offline engine is not available' };
  },
};

/** The offline engine when it can be imported, otherwise the abstaining stand-in. */
export async function regressionAnswerer(): Promise<Answerer> {
  try {
    return await createAnswerer('offline');
  } catch (error) {
    if (AskdataError.isInstance(error) && error.code === 'engine_unavailable')
      return unavailableEngineAnswerer;
    throw error;
  }
}

function figures(summary: Summary): SetFigures {
  return {
    records: summary.records,
    scored: summary.scored,
    errors: summary.errors,
    accuracy: summary.accuracy,
    precision: summary.precision,
    abstentionRate: summary.abstentionRate,
    totalMsP95: summary.totalMsP95,
  };
}

export interface RegressionRun {
  engine: string;
  sets: Record<RegressionSetName, SetFigures>;
  failures: Record<RegressionSetName, RecordResult[]>;
}

/** Runs every regression set with one answerer; `benchRoot` is the shared bench folder. */
export async function runRegressionSample(
  benchRoot: string,
  answerer: Answerer,
  onResult?: (set: RegressionSetName, done: number, total: number) => void,
): Promise<RegressionRun> {
  const sets = {} as Record<RegressionSetName, SetFigures>;
  const failures = {} as Record<RegressionSetName, RecordResult[]>;
  for (const set of regressionSets) {
    const report = await evaluateFile(join(benchRoot, set.file), {
      answerer,
      ...(set.wholeTables
        ? { select: (records: EvalRecord[]) => firstSources(records, set.limit) }
        : { limit: set.limit }),
      tableLoader: createWorkspaceTableLoader(),
      onResult: (_, done, total) => onResult?.(set.name, done, total),
    });
    sets[set.name] = figures(report.overall);
    failures[set.name] = report.failures;
  }
  return { engine: answerer.name, sets, failures };
}

/** Reads baseline.json beside this package's sources. */
export async function readBaseline(path: string): Promise<Baseline> {
  return JSON.parse(await readFile(path, 'utf8')) as Baseline;
}

/** Problems that should fail the gate, as one-line messages (empty when the run holds up). */
export function compareWithBaseline(run: RegressionRun, baseline: Baseline): string[] {
  const problems: string[] = [];
  if (run.engine !== baseline.engine) {
    problems.push(`baseline was recorded with "${baseline.engine}" but this run used "${run.engine}"`);
  }
  for (const set of regressionSets) {
    const current = run.sets[set.name];
    const recorded = baseline.sets[set.name];
    if (!recorded) {
      problems.push(`${set.name}: no baseline recorded (run npm run eval:baseline)`);
      continue;
    }
    if (current.accuracy < recorded.accuracy - allowedDrop) {
      problems.push(
        `${set.name}: accuracy ${(current.accuracy * 100).toFixed(1)}% is more than ${allowedDrop * 100} points below the baseline ${(recorded.accuracy * 100).toFixed(1)}%`,
      );
    }
    // Records that could no longer be scored (a table that stopped loading) hide behind accuracy otherwise.
    if (current.errors > recorded.errors + Math.ceil(allowedDrop * current.records)) {
      problems.push(
        `${set.name}: ${current.errors} records could not be scored (baseline ${recorded.errors})`,
      );
    }
  }
  return problems;
}
