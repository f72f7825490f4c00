import type { ErrorCode, QueryResult, QuerySpec } from '@askdata/core';
import type { Answer } from './answer';

export type PipelineStep = 'understanding' | 'planning' | 'querying' | 'verifying' | 'charting' | 'writing';

/**
 * What a run reports as it goes, in order. The CLI prints them; the server streams them over SSE.
 * The last event of a run is always `answer`, `clarification`, `abstention` or `error`.
 */
export type PipelineEvent =
  | { type: 'step-started'; step: PipelineStep }
  | { type: 'step-finished'; step: PipelineStep; elapsedMs: number }
  | { type: 'interpretation'; text: string; confidence: number; spec: QuerySpec; corrections: Correction[] }
  | { type: 'sql'; sql: string; dialect: string }
  /** The dry run's findings on the plan (cartesian products, huge full scans); the query still runs. */
  | { type: 'warning'; message: string }
  | { type: 'rows'; result: QueryResult }
  | { type: 'clarification'; question: string; options: { description: string; spec: QuerySpec }[] }
  | {
      type: 'abstention';
      reason: string;
      understood: string[];
      notUnderstood: string[];
      suggestions: string[];
    }
  | { type: 'error'; code: ErrorCode; message: string }
  | { type: 'answer'; answer: Answer };

export interface Correction {
  from: string;
  to: string;
}
