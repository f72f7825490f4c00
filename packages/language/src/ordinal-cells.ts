/**
 * "how many times did they finish 9th?", "what year did she place 1st?": an ordinal in a one-table
 * question names the cells of the column that holds places ("1st", "9th (q)", "2nd"). The column is
 * the one the question names among those whose cells are all ordinals, else the only such column.
 */
import type { Filter } from '@askdata/core';
import type { CatalogColumn, CatalogTable } from './catalog';
import { cellAmount, columnAmounts } from './numeric-cells';
import type { ValueIndex } from './value-index';

export function ordinalCellFilter(
  values: ValueIndex,
  table: CatalogTable,
  place: number,
  /** Columns the question names. */
  named: CatalogColumn[],
): { filter: Filter; column: CatalogColumn } | undefined {
  const places = table.columns.flatMap((column) => {
    if (column.logicalType !== 'text') return [];
    const cells = values.allValues(table.name, column.name);
    const amounts = cells ? columnAmounts(cells) : undefined;
    const [first] = amounts?.keys() ?? [];
    return amounts && first !== undefined && cellAmount(first)?.unit === 'ordinal'
      ? [{ column, amounts }]
      : [];
  });
  const namedPlaces = places.filter((entry) => named.some((column) => column.name === entry.column.name));
  const chosen = namedPlaces.length === 1 ? namedPlaces[0] : places.length === 1 ? places[0] : undefined;
  if (!chosen) return undefined;
  const cells = [...chosen.amounts].filter(([, amount]) => amount === place).map(([cell]) => cell);
  if (cells.length === 0) return undefined;
  return {
    filter: { op: 'in', column: { column: chosen.column.name }, values: cells },
    column: chosen.column,
  };
}
