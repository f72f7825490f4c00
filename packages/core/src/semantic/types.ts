/**
 * The semantic model: what the tables mean. Derived from an introspected schema, then enriched by an
 * optional `askdata.yaml`. The compiler reads join paths and metrics from it; the language engine and
 * the LLM read labels, synonyms and roles; answers cite metric definitions.
 */
import type { Aggregation, Filter } from '../query-spec/types';
import type { LogicalType } from '../schema';

export type ColumnRole = 'key' | 'dimension' | 'measure' | 'time' | 'other';

export interface SemanticColumn {
  name: string;
  label: string;
  logicalType: LogicalType;
  role: ColumnRole;
  /** For measures: the aggregation used when a question names the column without one. */
  defaultAggregation?: Aggregation;
  synonyms: string[];
  description?: string;
  /** PII tag such as 'email' or 'name'; present means the column holds personal data. */
  pii?: string;
  unit?: string;
  format?: string;
  /** Spoken forms of stored values: stored value → synonyms ("NY" → ["new york"]). */
  valueSynonyms?: Record<string, string[]>;
  /** Distinct values count when statistics were supplied. */
  distinctCount?: number;
}

export interface Entity {
  /** Table name as used in SQL. */
  name: string;
  namespace?: string;
  label: string;
  description?: string;
  synonyms: string[];
  primaryKey: string[];
  columns: SemanticColumn[];
  defaultTimeColumn?: string;
  rowCount?: number;
}

export type RelationshipSource = 'declared' | 'inferred' | 'yaml';

/** A many-to-one link: each row of `from` matches at most one row of `to`. */
export interface Relationship {
  from: { table: string; columns: string[] };
  to: { table: string; columns: string[] };
  source: RelationshipSource;
  /** 1 for declared keys and YAML; below 1 when inferred from names. */
  confidence: number;
}

export interface Metric {
  name: string;
  label: string;
  /** Base table of the metric. */
  table: string;
  aggregation: Aggregation;
  /** Column or row-level expression aggregated; absent for count(*). */
  expression?: string;
  percentile?: number;
  filters: Filter[];
  description?: string;
  owner?: string;
  version?: string;
  unit?: string;
  format?: string;
  synonyms: string[];
}

export interface SemanticModel {
  entities: Entity[];
  relationships: Relationship[];
  metrics: Metric[];
  /** Where the YAML enrichment came from, for citations. */
  sources: string[];
}
