import type { CellValue } from '@askdata/core';
import type { EvalRecord } from './records';

/**
 * How one record ended. `error` means the record itself could not be scored (missing database or table,
 * gold SQL failing): it is reported but left out of accuracy. An engine that crashes or returns bad SQL is `wrong`.
 */
export type RecordStatus = 'correct' | 'wrong' | 'abstained' | 'clarified' | 'error' | 'skipped';

export interface RecordResult {
  id: string;
  kind: EvalRecord['kind'];
  question: string;
  category: string;
  /** SQL shape of the gold query (execution records), e.g. "join+group-by". */
  shape?: string;
  status: RecordStatus;
  /** Time the engine took to answer, measured around the call. */
  answerMs?: number;
  /** Time of the engine's one-off warm-up on this record's source (first record per source only). */
  prepareMs?: number;
  /** Time to run the predicted SQL, when the harness ran it. */
  executionMs?: number;
  interpretation?: string;
  sql?: string;
  /** Why the record is wrong, skipped or an error; the abstention reason or clarification options. */
  reason?: string;
  expected?: unknown;
  got?: unknown;
}

/** Rows kept in a failure report: enough to see the difference, small enough to read. */
export const previewRows = 5;

export function preview(rows: CellValue[][]): { rows: CellValue[][]; rowCount: number } {
  return { rows: rows.slice(0, previewRows), rowCount: rows.length };
}
