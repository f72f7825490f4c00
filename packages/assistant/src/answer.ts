import type { ChartChoice, Narrative, VegaLiteChart, VerificationReport } from '@askdata/answer';
import type { CompiledQuery, QueryResult, QuerySpec } from '@askdata/core';
import type { Correction, Interpretation } from './pipeline-event';

/** An earlier part of a multi-step answer: its own SQL and result. */
export interface AnswerStep {
  title: string;
  spec?: QuerySpec;
  sql: string;
  result: QueryResult;
}

/** A stored, re-runnable answer: what was asked, how it was read, the SQL, the data it read and what it showed. */
export interface Answer {
  question: string;
  interpretation: string;
  confidence: number;
  /** The QuerySpec; absent when the LLM answered with SQL that a QuerySpec cannot express. */
  spec?: QuerySpec;
  sql: string;
  dialect: CompiledQuery['dialect'];
  outputColumns: CompiledQuery['columns'];
  result: QueryResult;
  chart: { choice: ChartChoice } & VegaLiteChart;
  narrative: Narrative;
  verification: VerificationReport;
  corrections: Correction[];
  snapshotIds: string[];
  source: string;
  timings: Record<string, number>;
  /** Which engine produced it; absent on answers stored before the LLM engine existed (offline). */
  engine?: 'offline' | 'llm';
  /** Earlier steps of a multi-step answer; the answer's own SQL and result are the last step. */
  steps?: AnswerStep[];
  /** Both readings when the offline engine and the LLM disagreed. */
  alternatives?: Interpretation[];
  /** The model, its token use and cost for this answer, and who phrased the narrative. */
  llm?: {
    model: string;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
    costIncomplete: boolean;
    narrativePhrasedBy: 'model' | 'deterministic';
    /** Why the model's phrasing was not used (invented numbers, privacy mode), when it was not. */
    narrativeNote?: string;
  };
}
