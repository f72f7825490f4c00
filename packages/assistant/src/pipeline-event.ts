import type { ErrorCode, QueryResult, QuerySpec } from '@askdata/core';
import type { Answer } from './answer';

export type PipelineStep =
  | 'understanding'
  | 'retrieving'
  | 'planning'
  | 'querying'
  | 'verifying'
  | 'charting'
  | 'writing';

/** Tokens and cost of one model call, and the session's running totals. */
export interface TokenUsageReport {
  purpose: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  session: {
    inputTokens: number;
    outputTokens: number;
    calls: number;
    costUsd: number;
    costIncomplete: boolean;
  };
}

/** One reading of the question, by the offline engine or the LLM, when the two disagree. */
export interface Interpretation {
  engine: 'offline' | 'llm';
  text: string;
  sql: string;
  /** Shape of its result, e.g. "3 rows; columns region, revenue". */
  summary: string;
}

/**
 * What a run reports as it goes, in order. The CLI prints them; the server streams them over SSE.
 * The last event of a run is always `answer`, `clarification`, `abstention` or `error`. Consumers
 * forward events by `type` and may ignore types they do not know.
 */
export type PipelineEvent =
  | { type: 'step-started'; step: PipelineStep }
  | { type: 'step-finished'; step: PipelineStep; elapsedMs: number }
  | { type: 'interpretation'; text: string; confidence: number; spec?: QuerySpec; corrections: Correction[] }
  | { type: 'sql'; sql: string; dialect: string }
  /** The dry run's findings on the plan, a provider retry or fallback; the run goes on. */
  | { type: 'warning'; message: string }
  | { type: 'rows'; result: QueryResult }
  /** Text as the model writes it, for live display; purpose is plan, repair or narrative. */
  | { type: 'model-text'; purpose: string; delta: string }
  /** What the model was shown of the schema (names only). */
  | { type: 'retrieval'; tables: string[]; omittedTables: number; schemaTokens: number }
  /** A failed attempt and the diagnosis sent back to the model for repair. */
  | { type: 'repair'; attempt: number; error: string; diagnosis: string }
  | ({ type: 'usage' } & TokenUsageReport)
  /** The offline engine and the LLM read the question differently; the answer shows both. */
  | { type: 'disagreement'; chosen: 'offline' | 'llm'; interpretations: Interpretation[] }
  /** The final narrative text and who phrased it (a model's text with unsupported numbers is rejected). */
  | { type: 'narrative'; text: string; phrasedBy: 'model' | 'deterministic'; rejected?: string }
  | { type: 'clarification'; question: string; options: { description: string; spec?: QuerySpec }[] }
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
