/**
 * Comparisons with a number in a one-table question ("more than 5 silver medals", "an elevation of at
 * least 3,200 feet", "at least 18 meters tall") become a range on an amount column: the column beside
 * the number, else the only amount column the question names, else the one an adjective measures.
 */
import type { Filter } from '@askdata/core';
import { type CatalogColumn, isNumericType } from './catalog';
import type { ComparisonOperator } from './numbers';
import { nextNonStop } from './table-lookup-parts';
import type { Tag } from './tagger';
import type { Token } from './tokenize';

export const comparisonOps = {
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
  '=': 'eq',
} satisfies Record<Exclude<ComparisonOperator, 'between' | '!='>, 'gt' | 'gte' | 'lt' | 'lte' | 'eq'>;

export type AmountRange = { range: Filter; column: CatalogColumn };

/** "more than 5 silver medals", "attendance over 60,000": a range on the amount column beside the number. */
export function comparisonRange(
  tags: Tag[],
  at: number,
  columnOf: (tag: Tag) => CatalogColumn | undefined,
): AmountRange | undefined {
  const tag = tags[at];
  if (tag?.type !== 'comparison') return undefined;
  const operator = tag.comparison.operator;
  if (operator === 'between' || operator === '!=') return undefined;
  const column = [tags[nextNonStop(tags, at)], tags[at - 1]]
    .map((candidate) => (candidate ? columnOf(candidate) : undefined))
    .find((candidate) => candidate !== undefined && isNumericType(candidate.logicalType));
  if (!column) return undefined;
  return {
    range: { op: comparisonOps[operator], column: { column: column.name }, value: tag.comparison.value },
    column,
  };
}

/** Adjectives that say which amount a number measures ("18 meters tall"). */
const measuredBy: Record<string, string[]> = {
  tall: ['height'],
  high: ['height', 'elevation', 'altitude'],
  long: ['length', 'distance'],
  old: ['age'],
  heavy: ['weight'],
  wide: ['width'],
  deep: ['depth'],
};

/**
 * "an elevation of at least 3,200 feet", "at least 18 meters tall": the number is not beside its column,
 * but the question names exactly one amount column (or an adjective names it), which it compares.
 */
export function soleAmountRange(
  tags: Tag[],
  tokens: Token[],
  at: number,
  columnOf: (tag: Tag) => CatalogColumn | undefined,
  hintColumn: (hints: string[]) => { column: CatalogColumn; flip: boolean } | undefined,
): AmountRange | undefined {
  const tag = tags[at];
  if (tag?.type !== 'comparison') return undefined;
  const operator = tag.comparison.operator;
  if (operator === 'between' || operator === '!=') return undefined;
  const amounts = new Map<string, CatalogColumn>();
  for (const other of tags) {
    const column = columnOf(other);
    if (column && isNumericType(column.logicalType)) amounts.set(column.name, column);
  }
  if (amounts.size === 0) {
    const adjective = tokens
      .slice(tag.end, tag.end + 3)
      .find((token) => Object.hasOwn(measuredBy, token.norm));
    const hinted = adjective ? hintColumn(measuredBy[adjective.norm] ?? []) : undefined;
    if (hinted && !hinted.flip && isNumericType(hinted.column.logicalType))
      amounts.set(hinted.column.name, hinted.column);
  }
  const [column] = amounts.values();
  if (amounts.size !== 1 || !column) return undefined;
  return {
    range: { op: comparisonOps[operator], column: { column: column.name }, value: tag.comparison.value },
    column,
  };
}
