/**
 * "the difference in attendance between week 5 and 9", "how many more seats in 1975 than in 1963": two
 * rows named by numbers instead of names (difference-question.ts). The numbers are values of the column
 * named right before the first one ("week 5"), or years of the table's only year column. Ordinals,
 * other numbers and named values leave the question to the other readings.
 */
import type { CatalogColumn, CatalogTable } from './catalog';
import { isNumericType } from './catalog';
import type { SchemaResolver } from './schema-resolver';
import { yearColumn } from './table-lookup-parts';
import type { Tag } from './tagger';

export interface NumberedRow {
  column: string;
  value: number;
  /** Token span of the number, so "than" can be looked for between the two rows. */
  start: number;
  end: number;
}

export interface NumberedPair {
  first: NumberedRow;
  second: NumberedRow;
  /** Tag indexes the pair used (the numbers, or a "between A and B" comparison). */
  used: Set<number>;
}

export function numberedPair(
  tags: Tag[],
  table: CatalogTable,
  resolver: SchemaResolver,
): NumberedPair | undefined {
  const numbers: Array<{ index: number; value: number; start: number; end: number }> = [];
  for (const [index, tag] of tags.entries()) {
    if (tag.type === 'value' || tag.type === 'partial') return undefined;
    if (tag.type === 'number') {
      if (tag.ordinal || !Number.isInteger(tag.value)) return undefined;
      numbers.push({ index, value: tag.value, start: tag.start, end: tag.end });
    } else if (tag.type === 'date') {
      const year = Number(tag.phrase.kind === 'absolute' ? tag.phrase.year : Number.NaN);
      if (!Number.isInteger(year) || tag.end - tag.start !== 1) return undefined;
      numbers.push({ index, value: year, start: tag.start, end: tag.end });
    } else if (tag.type === 'comparison' && tag.comparison.operator === 'between') {
      // "between 2008 and 2009": one tag holding both numbers.
      const { value, high } = tag.comparison;
      if (high === undefined) return undefined;
      numbers.push({ index, value, start: tag.start, end: tag.end });
      numbers.push({ index, value: high, start: tag.end, end: tag.end });
    }
  }
  if (numbers.length !== 2) return undefined;
  const [first, second] = numbers as [(typeof numbers)[0], (typeof numbers)[0]];
  const keyed =
    tags[first.index]?.type === 'number' ? keyColumn(tags, first.index, table, resolver) : undefined;
  const column = keyed ?? yearKey(table, first.value, second.value);
  if (!column) return undefined;
  return {
    first: { column: column.name, value: first.value, start: first.start, end: first.end },
    second: { column: column.name, value: second.value, start: second.start, end: second.end },
    used: new Set([first.index, second.index]),
  };
}

/** "week 5 and 9": an integer column named right before the first number, with nothing between. */
function keyColumn(
  tags: Tag[],
  at: number,
  table: CatalogTable,
  resolver: SchemaResolver,
): CatalogColumn | undefined {
  const tag = tags[at - 1];
  if (tag?.type !== 'schema') return undefined;
  const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
  const column = choice && choice.score >= 0.7 ? choice.column : undefined;
  return column && isNumericType(column.logicalType) && column.logicalType === 'integer' ? column : undefined;
}

function yearKey(table: CatalogTable, first: number, second: number): CatalogColumn | undefined {
  const isYear = (value: number) => value >= 1000 && value <= 2100;
  return isYear(first) && isYear(second) ? yearColumn(table) : undefined;
}
