import type { CellValue, ValidatedSql } from '@askdata/core';
import type { SampleOptions, TableRef } from './connector';
import type { ExecuteOptions, SqlExecutor } from './executor';

/**
 * The most frequent non-null values of one column, through any executor whose SQL takes
 * `GROUP BY 1 ORDER BY count(*) DESC, 1`. `quote` is the source's identifier quoting.
 */
export async function sampleTopValues(
  executor: SqlExecutor,
  quote: (name: string) => string,
  table: TableRef,
  column: string,
  options: SampleOptions = {},
): Promise<CellValue[]> {
  const name = table.namespace ? `${quote(table.namespace)}.${quote(table.name)}` : quote(table.name);
  const value = quote(column);
  const limit = Math.max(1, Math.floor(options.limit ?? 100));
  // Built here from introspected names only; no outside text reaches it.
  const sql =
    `SELECT ${value} AS v FROM ${name} WHERE ${value} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${limit}` as ValidatedSql;
  const executeOptions: ExecuteOptions = { maxRows: limit, timeoutMs: options.timeoutMs ?? 30_000 };
  if (options.signal) executeOptions.signal = options.signal;
  const result = await executor.execute(sql, executeOptions);
  return result.rows.map((row) => row[0] ?? null);
}
