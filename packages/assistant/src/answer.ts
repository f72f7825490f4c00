import type { ChartChoice, Narrative, VegaLiteChart, VerificationReport } from '@askdata/answer';
import type { CompiledQuery, QueryResult, QuerySpec } from '@askdata/core';
import type { Correction } from './pipeline-event';

/** A stored, re-runnable answer: what was asked, how it was read, the SQL, the data it read and what it showed. */
export interface Answer {
  question: string;
  interpretation: string;
  confidence: number;
  spec: QuerySpec;
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
}
