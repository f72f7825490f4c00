/**
 * "How many people does Argir have?" on a sheet with one row per town: counting the rows named Argir
 * gives 1, while the person asks for a cell (the population). When a count of rows is filtered on the
 * column that names each row and the counted noun is not a column, the reading is refused.
 */
import type { QuerySpec } from '@askdata/core';
import type { CatalogTable } from './catalog';
import type { TaggedQuestion } from './tagger';

export function countsOneNamedRow(
  spec: QuerySpec,
  table: CatalogTable,
  tagged: TaggedQuestion,
  labelColumn: string | undefined,
): boolean {
  const [measure] = spec.measures;
  if (spec.measures.length !== 1 || measure?.aggregation !== 'count' || measure.column) return false;
  if (spec.dimensions.length > 0) return false;
  // The column that names each row: a Name/Title column, else the first text column.
  const names = new Set([labelColumn, table.columns.find((column) => column.logicalType === 'text')?.name]);
  const namesRow = spec.filters.some((filter) => filter.op === 'eq' && names.has(filter.column.column));
  if (!namesRow) return false;
  const { tags, tokens } = tagged;
  const head = tags.findIndex((tag) => tag.type === 'keyword' && tag.keyword === 'count');
  const keyword = tags[head];
  if (!keyword) return false;
  const headText = tokens
    .slice(keyword.start, keyword.end)
    .map((token) => token.norm)
    .join(' ');
  const noun = tags[head + 1];
  // "how many times did X win" counts rows on purpose.
  return !/times$/.test(headText) && noun?.type === 'unknown' && !/^times?$/.test(noun.word.toLowerCase());
}
