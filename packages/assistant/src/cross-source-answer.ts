import {
  buildVegaLite,
  type ChartChoice,
  chooseChart,
  detectChartRequest,
  type VegaLiteChart,
} from '@askdata/answer';
import type { AnalysisSource } from './analysis-source';
import { type CrossSourceAnswer, crossSourceQuery } from './cross-source';
import type { JoinKeyCandidate } from './cross-source-keys';
import type { CrossSourcePlan } from './cross-source-plan';

export interface CrossSourceRunOptions {
  files: AnalysisSource;
  database: AnalysisSource;
  /** `preview` runs on a sample of the moved side; `full` once the person has confirmed. */
  mode: 'preview' | 'full';
  previewRows?: number;
  maxMovedRows?: number;
  maxRows?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A cross-source result as people see it: the plan it ran, the rows, where they came from, and a chart. */
export interface CrossSourceResult extends CrossSourceAnswer {
  question: string;
  interpretation: string;
  key: JoinKeyCandidate;
  chart: { choice: ChartChoice } & VegaLiteChart;
}

/** Runs a plan (on a sample for a preview, in full after confirmation) and charts the result. */
export async function runCrossSourcePlan(
  plan: CrossSourcePlan,
  options: CrossSourceRunOptions,
): Promise<CrossSourceResult> {
  const answer = await crossSourceQuery({
    files: options.files,
    database: options.database,
    relationship: plan.relationship,
    spec: plan.spec,
    mode: options.mode,
    ...(options.previewRows !== undefined ? { previewRows: options.previewRows } : {}),
    ...(options.maxMovedRows !== undefined ? { maxMovedRows: options.maxMovedRows } : {}),
    ...(options.maxRows !== undefined ? { maxRows: options.maxRows } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const request = detectChartRequest(plan.question);
  const choice = chooseChart({ spec: plan.spec, result: answer.result, ...(request ? { request } : {}) });
  const chart = buildVegaLite(choice, answer.result, { title: plan.interpretation });
  const notes = [...answer.notes];
  if (plan.key.reason !== 'named' || plan.key.overlap.ratio < 1)
    notes.unshift(
      `Joined ${plan.key.file.table}.${plan.key.file.column} with ${plan.key.database.table}.${plan.key.database.column}: ${plan.key.overlap.found} of ${plan.key.overlap.sampled} sampled file keys occur in the database.`,
    );
  return {
    ...answer,
    notes,
    question: plan.question,
    interpretation: plan.interpretation,
    key: plan.key,
    chart: { choice, ...chart },
  };
}
