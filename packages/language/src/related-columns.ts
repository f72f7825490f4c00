/**
 * Columns a question needs from tables next to the one it is about: the date that places a row in time
 * (an order line is dated by its order) and whether one table's rows are many per row of another (order
 * lines per product), which decides when a measure must be added up per entity.
 */
import { type CatalogColumn, isNumericType } from './catalog';
import { splitIdentifier } from './inflect';
import type { SchemaResolver } from './schema-resolver';
import type { Tag } from './tagger';

/**
 * The date column that places rows of `table` in time: its own first date column, else the first date
 * column of the nearest table its keys point to (order_lines → orders.order_date).
 */
export function timeColumnFor(
  resolver: SchemaResolver,
  table: string,
  named?: CatalogColumn,
): CatalogColumn | undefined {
  // "signed up each year", "by ship month": a date the question names by its verb or name part.
  if (named && (named.table === table || isManyToOne(resolver, table, named.table))) return named;
  const own = resolver.temporalColumns(table)[0];
  if (own) return own;
  let frontier = [table];
  const seen = new Set(frontier);
  for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const from of frontier)
      for (const join of resolver.catalog.joins)
        if (join.fromTable === from && !seen.has(join.toTable)) {
          seen.add(join.toTable);
          next.push(join.toTable);
        }
    for (const candidate of next) {
      const found = resolver.temporalColumns(candidate)[0];
      if (found) return found;
    }
    frontier = next;
  }
  return undefined;
}

/** Words of a date column's name that say nothing about which event it records. */
const dateWords = new Set(['date', 'time', 'at', 'on', 'day', 'timestamp', 'dt']);

/**
 * The date column an unknown word of the question names by its stem: "signed" and "signup" name
 * signup_date, "shipped" names ship_date. Returns the column and the tag index of the word.
 */
export function namedTimeColumn(
  resolver: SchemaResolver,
  tags: Tag[],
): { column: CatalogColumn; index: number } | undefined {
  const columns = resolver.catalog.tables.flatMap((table) => resolver.temporalColumns(table.name));
  for (const [index, tag] of tags.entries()) {
    if (tag.type !== 'unknown') continue;
    const stem = tag.word
      .toLowerCase()
      .replace(/(ed|ing|s)$/, '')
      .replace(/([bdglmnprt])\1$/, '$1');
    if (stem.length < 3) continue;
    const found = columns.filter((column) =>
      splitIdentifier(column.name).some((part) => !dateWords.has(part) && part.startsWith(stem)),
    );
    if (found.length === 1 && found[0]) return { column: found[0], index };
  }
  return undefined;
}

/** True when every row of `one` has many rows of `many`: a path of foreign keys leads from `many` to `one`. */
export function isManyToOne(resolver: SchemaResolver, many: string, one: string): boolean {
  if (many === one) return false;
  let frontier = [many];
  const seen = new Set(frontier);
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const from of frontier)
      for (const join of resolver.catalog.joins) {
        if (join.fromTable !== from || seen.has(join.toTable)) continue;
        if (join.toTable === one) return true;
        seen.add(join.toTable);
        next.push(join.toTable);
      }
    frontier = next;
  }
  return false;
}

/** A numeric, non-key column the model says is added up (or averaged) rather than read row by row. */
export function isMeasureColumn(column: CatalogColumn): boolean {
  return column.defaultAggregation !== undefined && !column.isKey && isNumericType(column.logicalType);
}

/** The columns that identify an entity in a grouped answer: its key and the column that names it. */
export function entityColumns(resolver: SchemaResolver, table: string): CatalogColumn[] {
  const columns = resolver.table(table)?.columns ?? [];
  const key = columns.find((column) => column.isKey);
  const label = resolver.labelColumn(table);
  return [key, label].filter((column): column is CatalogColumn => column !== undefined);
}
