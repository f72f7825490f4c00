/**
 * What the phrase readers of `interpret` share: the tagged question, the spec being built, the helpers
 * that resolve a tag to a column or table, and the ranking (order, direction, limit) the phrases set.
 */
import type { Aggregation, TimeGrain } from '@askdata/core';
import type { CatalogColumn } from './catalog';
import type { KeywordKind } from './keywords';
import type { SchemaResolver } from './schema-resolver';
import type { SpecBuilder } from './spec-builder';
import type { Tag } from './tagger';

export interface RankingState {
  direction?: 'asc' | 'desc';
  orderColumn?: CatalogColumn;
  orderMeasure?: string;
  limit?: number;
  /** The order asks for totals per entity: "top 5 products by revenue", "which product has the highest revenue". */
  rankedByMeasure: boolean;
}

export interface PhraseContext {
  tags: Tag[];
  used: Set<number>;
  consumedColumns: Set<number>;
  groupedEntities: Set<string>;
  /** Measures the question asks for by name (as opposed to ones only used for ranking). */
  explicitMeasures: Set<string>;
  builder: SpecBuilder;
  resolver: SchemaResolver;
  baseTable: string;
  hasAggregation: boolean;
  columnAt: (i: number) => CatalogColumn | undefined;
  peekColumn: (i: number) => CatalogColumn | undefined;
  tableOf: (tag: Tag | undefined) => string | undefined;
  nextIndex: (from: number, skip?: Set<KeywordKind>) => number;
  previousIndex: (from: number) => number;
  keywordAt: (i: number) => KeywordKind | undefined;
  phraseOf: (tag: Tag) => string;
  penalise: (factor: number, why: string) => void;
  /** The table whose rows are measured: it decides which date column places them in time. */
  factTable: () => string;
  /** A date column the question names by a word ("signed up" → signup_date), and that word's tag. */
  namedTime?: { column: CatalogColumn; index: number };
  ranking: RankingState;
}

export type KeywordTag = Extract<Tag, { type: 'keyword' }>;

export const aggregationOf: Partial<Record<KeywordKind, Aggregation>> = {
  count: 'count',
  sum: 'sum',
  avg: 'avg',
  min: 'min',
  max: 'max',
  median: 'median',
};

export const grainOf: Partial<Record<KeywordKind, TimeGrain>> = {
  grain_day: 'day',
  grain_week: 'week',
  grain_month: 'month',
  grain_quarter: 'quarter',
  grain_year: 'year',
  grain_weekday: 'day_of_week',
};
