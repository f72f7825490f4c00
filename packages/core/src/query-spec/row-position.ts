/**
 * The pseudo column for a row's position in its source (1 = first row of the file or table). Questions
 * about "the first", "the last", "the next" or "the row before" a named row need the source's own order,
 * which no real column holds. Use it like any column of the base table: `{ column: ROW_POSITION }`.
 * DuckDB numbers the rows of a plain scan (insertion order is preserved), SQLite uses `rowid`;
 * PostgreSQL and MySQL tables have no stable row order, so the compiler refuses it there.
 */
export const ROW_POSITION = '__row';

export function isRowPosition(column: string): boolean {
  return column.toLowerCase() === ROW_POSITION;
}
