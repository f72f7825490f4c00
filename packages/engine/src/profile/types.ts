import type { LogicalType } from '@askdata/core';

/** What a column means, beyond its storage type; drives charts, suggestions and PII handling. */
export type SemanticType =
  | 'id'
  | 'category'
  | 'boolean'
  | 'date'
  | 'currency'
  | 'percent'
  | 'quantity'
  | 'number'
  | 'email'
  | 'phone'
  | 'url'
  | 'person_name'
  | 'country'
  | 'region'
  | 'free_text'
  | 'text';

export type PiiKind = 'email' | 'phone' | 'person_name' | 'iban' | 'card_number' | 'address';

export interface ValueCount {
  value: string;
  count: number;
}

export interface HistogramBin {
  /** Lower bound (inclusive); numbers for numeric columns, `YYYY-MM-DD` for dates. */
  from: number | string;
  /** Upper bound (exclusive, inclusive for the last bin). */
  to: number | string;
  count: number;
}

export interface OutlierSummary {
  /** IQR rule: below q1 − 1.5·IQR or above q3 + 1.5·IQR. */
  lowerFence: number;
  upperFence: number;
  count: number;
  /** The most extreme values on each side, at most three each. */
  examples: number[];
}

export interface ColumnProfile {
  name: string;
  label?: string;
  sourceType: string;
  logicalType: LogicalType;
  semanticType: SemanticType;
  nullCount: number;
  nullShare: number;
  distinctCount: number;
  /** True when the distinct count is a HyperLogLog estimate (large tables). */
  distinctApproximate: boolean;
  /** Numbers for numeric columns, `YYYY-MM-DD[ HH:MM:SS]` for temporal ones, text otherwise. */
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  stddev: number | null;
  quantiles: { p25: number; p50: number; p75: number } | null;
  /** Text length range, for text columns. */
  length: { min: number; max: number; mean: number } | null;
  topValues: ValueCount[];
  histogram: HistogramBin[];
  outliers: OutlierSummary | null;
  pii: PiiKind[];
  /** Observations a person should see: mixed types kept as text, constant column, all null, … */
  notes: string[];
}

export interface TableProfile {
  table: string;
  rowCount: number;
  columnCount: number;
  /** Rows that repeat an earlier row exactly (counted by row hash). */
  duplicateRows: number;
  /** Columns that are non-null and unique over the whole table. */
  candidateKeys: string[];
  dateRange: { column: string; min: string; max: string } | null;
  columns: ColumnProfile[];
  suggestedQuestions: string[];
  /** Which figures are estimates: distinct counts and quantiles switch to sketches on big tables. */
  approximate: { distinct: boolean; quantiles: boolean };
  notes: string[];
  elapsedMs: number;
}
