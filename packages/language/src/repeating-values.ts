/**
 * "Which club had the most losses?": ranking the values of a column by how many rows hold them only
 * means something when values repeat. When every row holds its own value (one row per club), each
 * value is on one row, the "most" is a tie of all of them, and the question asks for an amount column
 * instead. Read from the column's complete list of distinct texts and the sheet's row count.
 */
import type { CatalogColumn, CatalogTable } from './catalog';
import type { ValueIndex } from './value-index';

/**
 * False when the column is known to hold a different value on every row; true when some value repeats; undefined when the values or the row count are unknown.
 */
export function valuesRepeat(
  values: ValueIndex,
  table: CatalogTable,
  column: CatalogColumn,
): boolean | undefined {
  const cells = values.allValues(table.name, column.name);
  if (!cells || table.rowCount === undefined) return undefined;
  // Distinct texts fewer than rows: some value is on two rows (or some rows are empty).
  return cells.length < table.rowCount;
}
