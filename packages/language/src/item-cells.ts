/**
 * Sheets often write one entity in several cells: "UCLA", "UCLA (2)", "UCLA (3)" (a running tally), or
 * list several in one cell: "M. Isham, W. Adams", "Tokyu, Hitachi and Nippon Sharyo". Counting or adding
 * up the rows of "UCLA" means every cell that names it as a whole item, not only the cell equal to it.
 * An equality filter of an aggregated reading becomes a membership in those cells; only when the value
 * index holds the whole column, so no cell is missed.
 */
import type { Filter, QuerySpec } from '@askdata/core';
import type { ValueIndex } from './value-index';

/** A trailing tally, code or footnote: "(2)", "(CHN)", "[a]", "*". */
const trailingNote = /(\s*(\([^()]*\)|\[[^\]]*\]|[*†‡§#^]+))+$/u;
/** What separates items inside one cell. */
const separators = /\s*(?:,|;|\/|&|\+|\n|\band\b|\bwith\b|\bfeat\.?|\bfeaturing\b)\s*/iu;

const plain = (text: string) => text.replace(trailingNote, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** True when the cell names the value as one of its items (or as itself with a note after it). */
export function cellNamesItem(cell: string, value: string): boolean {
  const wanted = plain(value);
  if (wanted.length < 2) return false;
  if (plain(cell) === wanted) return true;
  // A value that itself holds a separator ("Kyal and Kara") is only ever matched whole.
  if (separators.test(value)) return false;
  return cell.split(separators).some((item) => item.length > 0 && plain(item) === wanted);
}

/** The cells of a complete column that name the value as an item, the value's own cell first. */
export function itemCells(cells: readonly string[], value: string): string[] {
  const named = cells.filter((cell) => cell !== value && cellNamesItem(cell, value));
  return named.length === 0 ? [] : [value, ...named];
}

/**
 * "how many times was UCLA national champion?": the equality filters of a reading with measures match
 * every cell naming the value as an item. Readings without measures (row lookups) are left as they are.
 */
export function withItemCells(spec: QuerySpec, values: ValueIndex): QuerySpec {
  if (spec.measures.length === 0) return spec;
  let changed = false;
  const widen = (filter: Filter): Filter => {
    if (filter.op !== 'eq' || typeof filter.value !== 'string' || filter.keepEmpty) return filter;
    const cells = values.allValues(filter.column.table ?? spec.table, filter.column.column);
    if (!cells) return filter;
    const matched = itemCells(cells, filter.value);
    if (matched.length === 0) return filter;
    changed = true;
    return { op: 'in', column: filter.column, values: matched };
  };
  const filters = spec.filters.map(widen);
  // "how many more titles did A win than B": each side's own condition too.
  const measures = spec.measures.map((measure) =>
    measure.where ? { ...measure, where: measure.where.map(widen) } : measure,
  );
  return changed ? { ...spec, filters, measures } : spec;
}
