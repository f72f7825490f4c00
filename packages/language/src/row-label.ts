/**
 * The column that names each row of a one-table question's table, for answers the question does not
 * name a column for ("who scored the most points?", "what is the last one listed?"). A Name or Title
 * column when there is one (SchemaResolver.labelColumn); otherwise the text column of names — cells
 * that are mostly words, not numbers — with the most distinct values, the first one on a tie
 * ("Player" rather than "Country" in a leaderboard, "Nation" in a medal table). Notes and remarks
 * columns are never names.
 */
import type { CatalogColumn, CatalogTable } from './catalog';
import type { SchemaResolver } from './schema-resolver';
import type { ValueIndex } from './value-index';

/** Columns of remarks about a row never name it, however many distinct cells they hold. */
const commentary = /(^|_)(notes?|comments?|remarks?|details?|description|references?|refs?|sources?)($|_)/;

export function rowLabelColumn(
  resolver: SchemaResolver,
  values: ValueIndex,
  table: CatalogTable,
): { column: CatalogColumn; named: boolean } | undefined {
  const label = resolver.labelColumn(table.name);
  if (label) return { column: label, named: true };
  let best: { column: CatalogColumn; distinct: number } | undefined;
  for (const column of table.columns) {
    if (column.logicalType !== 'text' || column.isKey || commentary.test(column.name)) continue;
    const cells = values.allValues(table.name, column.name);
    if (!cells || cells.length < 2) continue;
    const withDigits = cells.filter((cell) => /\d/.test(cell)).length;
    if (withDigits > 0.25 * cells.length) continue;
    if (!best || cells.length > best.distinct) best = { column, distinct: cells.length };
  }
  return best ? { column: best.column, named: false } : undefined;
}
