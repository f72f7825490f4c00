import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier } from '../workspace/sql-text';

export interface NullFacts {
  rowCount: number;
  /** Per column: whether any row holds NULL. */
  nullable: boolean[];
}

/** The column's own validity facts close `stats()` (nested types list their children's first). */
const validityAtEnd = /\[Has Null: (true|false), Has No Null: (?:true|false)\](?:\[Approx Unique: \d+\])?$/;

/** Reads "Has Null" from each column's `stats()` text; undefined unless every column's text has it. */
export function nullableFromStats(texts: readonly unknown[], columns: number): boolean[] | undefined {
  const flags = texts.map((text) => (typeof text === 'string' ? validityAtEnd.exec(text)?.[1] : undefined));
  if (flags.length !== columns || flags.some((flag) => flag === undefined)) return undefined;
  return flags.map((flag) => flag === 'true');
}

/**
 * Row count and which columns hold NULLs, for a table just written. DuckDB keeps exact null facts in
 * the statistics of freshly written storage, so reading them costs nothing; counting every column
 * costs a scan. The scan is the fallback when the statistics text is not in the expected form.
 */
export async function nullFacts(
  connection: DuckDBConnection,
  table: string,
  columns: string[],
): Promise<NullFacts> {
  const rowCount = Number(
    (await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]?.[0],
  );
  if (rowCount === 0 || columns.length === 0) return { rowCount, nullable: columns.map(() => false) };
  const stats = await connection.runAndReadAll(
    `SELECT ${columns.map((column) => `stats(${quoteIdentifier(column)})`).join(', ')} FROM ${table} LIMIT 1`,
  );
  const fromStats = nullableFromStats(stats.getRows()[0] ?? [], columns.length);
  if (fromStats) return { rowCount, nullable: fromStats };
  const counts = await connection.runAndReadAll(
    `SELECT ${columns.map((column) => `count(${quoteIdentifier(column)})`).join(', ')} FROM ${table}`,
  );
  const nonNull = (counts.getRows()[0] ?? []).map((value) => Number(value));
  return { rowCount, nullable: columns.map((_, i) => (nonNull[i] ?? 0) < rowCount) };
}
