import {
  buildVegaLite,
  type ChartChoice,
  chooseChart,
  detectChartRequest,
  type VegaLiteChart,
} from '@askdata/answer';
import type { QueryResult } from '@askdata/core';
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
  const unmatched = unmatchedGroups(plan, answer.result);
  if (unmatched > 0)
    notes.push(
      `${unmatched} group${unmatched === 1 ? '' : 's'} of the result ${unmatched === 1 ? 'has' : 'have'} an empty (null) value: file rows whose ${plan.key.file.column} has no match in ${plan.key.database.table}, or database rows with no value there.`,
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

/** Result rows whose grouping value is null: what a left join gives file rows without a match. */
function unmatchedGroups(plan: CrossSourcePlan, result: QueryResult): number {
  const dimensionIds = new Set(plan.spec.dimensions.map((dimension) => dimension.id));
  const positions = result.columns
    .map((column, index) => (dimensionIds.has(column.name) ? index : -1))
    .filter((index) => index >= 0);
  if (positions.length === 0) return 0;
  return result.rows.filter((row) => positions.some((index) => row[index] === null)).length;
}
