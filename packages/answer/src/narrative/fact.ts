/**
 * The vocabulary of a narrative: facts computed from a result (every number the text may use lives
 * here), caveats, citations, follow-ups, and the written narrative itself. An answer stores these as
 * data so an old answer can be re-rendered, checked or translated without recomputing anything.
 */
import type { QuerySpec } from '@askdata/core';

/** How a number is shown: `percent` values are percentage points (62 means 62%). */
export type FactUnit = 'number' | 'count' | 'currency' | 'percent';

export interface FactNumber {
  name: string;
  value: number;
  unit: FactUnit;
  /** ISO 4217 code when unit is currency, e.g. 'USD'. */
  currency?: string;
}

export type FactKind =
  | 'empty'
  | 'value'
  | 'row_count'
  | 'total'
  | 'member_count'
  | 'top'
  | 'bottom'
  | 'concentration'
  | 'latest'
  | 'earliest'
  | 'period_change'
  | 'trend'
  | 'peak'
  | 'outlier';

export interface Fact {
  kind: FactKind;
  /** Output id of the measure the fact is about. */
  measure?: string;
  /** Human label of that measure, e.g. "Revenue". */
  measureLabel?: string;
  /** Output id and label of the dimension the members belong to. */
  dimension?: string;
  dimensionLabel?: string;
  /** Member or period labels as written in the text (e.g. "EMEA", "March 2024"). */
  members?: string[];
  numbers: FactNumber[];
  /** Kind-specific qualifiers without numbers, e.g. trend direction 'up'. */
  detail?: string;
  /** Time grain of a period dimension ('month'), for wording like "per month". */
  grain?: string;
}

export type CaveatCode =
  | 'empty_result'
  | 'nulls_excluded'
  | 'rows_truncated'
  | 'rows_limited'
  | 'partial_period'
  | 'sampled'
  | 'assumption'
  | 'typo_corrected'
  | 'verification_failed'
  | 'verification_warning';

export interface Caveat {
  code: CaveatCode;
  message: string;
  /** How much it should lower confidence (0 = informational). */
  weight: number;
  /** The verification check that raised it, if any. */
  check?: string;
}

export interface MetricCitation {
  name: string;
  version?: string;
  owner?: string;
  description?: string;
  expression?: string;
}

export interface Citations {
  tables: string[];
  /** `table.column` references the answer read. */
  columns: string[];
  metrics: MetricCitation[];
  /** Filters in words, e.g. "region is EMEA". */
  filters: string[];
  snapshotIds: string[];
  /** Files the semantic model's definitions came from (e.g. askdata.yaml). */
  definitions?: string[];
}

export interface FollowUp {
  question: string;
  /** The spec that answers it, so the follow-up is runnable without re-parsing the text. */
  spec: QuerySpec;
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

export interface Confidence {
  level: ConfidenceLevel;
  /** 0..1; levels: high >= 0.8, medium >= 0.5. */
  score: number;
  reasons: string[];
}

export interface Narrative {
  text: string;
  facts: Fact[];
  caveats: Caveat[];
  citations: Citations;
  confidence: Confidence;
  followUps: FollowUp[];
}
