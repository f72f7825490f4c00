/**
 * "the most <column>" where the column holds text (table-lookup.ts). Two readings are faithful:
 * - the cells are amounts written as text ("1,450 tonnes", "113.6 m"): keep the rows holding the
 *   extreme amount, every tied row included ("which class has the least displacement?");
 * - the cells are names and the question counts them in the plural ("which year had the most
 *   tournaments?"): each row is one of them, so the answer is the value on the most rows.
 * Anything else (a sampled column, cells mixing numbers and names) has no faithful reading.
 */
import type { Filter } from '@askdata/core';
import type { CatalogColumn, CatalogTable } from './catalog';
import { extremeAmountFilter } from './numeric-cells';
import type { ValueIndex } from './value-index';

export type TextRanking = { kind: 'amount'; filter: Filter } | { kind: 'rows' };

export function rankTextColumn(
  values: ValueIndex,
  table: CatalogTable,
  column: CatalogColumn,
  direction: 'asc' | 'desc',
  /** The word the question used for the column, as written. */
  noun: string,
): TextRanking | undefined {
  if (column.logicalType !== 'text') return undefined;
  const filter = extremeAmountFilter(values, table, column, direction);
  if (filter) return { kind: 'amount', filter };
  const cells = values.allValues(table.name, column.name);
  if (!cells || cells.length < 3 || !/[a-z]s$/i.test(noun)) return undefined;
  // Names, not amounts: most cells hold no digit at all.
  const withDigits = cells.filter((cell) => /\d/.test(cell)).length;
  return withDigits <= 0.25 * cells.length ? { kind: 'rows' } : undefined;
}

/**
 * "what is the largest attendance?", "what was the length of the shortest track?": the ranked column is
 * the answer when it is the first thing the question names.
 */
export function rankedAnswer(
  mentioned: Array<{ index: number; column: CatalogColumn }>,
  rankedName: string | undefined,
  firstContent: number,
  wh: string,
): { column: CatalogColumn; guessed: boolean } | undefined {
  if (rankedName === undefined || (wh !== 'what' && wh !== 'name')) return undefined;
  const entry = mentioned.find((candidate) => candidate.index === firstContent);
  return entry?.column.name === rankedName ? { column: entry.column, guessed: false } : undefined;
}
