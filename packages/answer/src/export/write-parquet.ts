/**
 * Writes a result as Parquet through a separate, short-lived in-memory DuckDB instance (never the
 * locked query workspace, whose sandbox forbids writing files). Values are appended as text into a
 * staging table and cast to each column's type, so DuckDB's own parsers handle dates, timestamps
 * and wide integers exactly as results carry them.
 */

import { AskdataError, type LogicalType, type QueryResult } from '@askdata/core';
import { DuckDBInstance } from '@duckdb/node-api';

const duckdbTypes = {
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  float: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  time: 'TIME',
  interval: 'VARCHAR',
  text: 'VARCHAR',
  blob: 'VARCHAR',
  json: 'VARCHAR',
  other: 'VARCHAR',
} as const satisfies Record<LogicalType, string>;

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * DECIMAL(p,s) from the source survives as itself. Wide integers (carried as strings) become
 * DECIMAL(38,0): Parquet has no 128-bit integer and DuckDB would write HUGEINT as a lossy DOUBLE;
 * beyond 38 digits only text is exact.
 */
function columnType(result: Pick<QueryResult, 'columns' | 'rows'>, index: number): string {
  const column = result.columns[index]!;
  const decimal = /^DECIMAL\(\s*\d{1,2}\s*,\s*\d{1,2}\s*\)$/i.exec(column.sourceType.trim());
  if (column.logicalType === 'decimal' && decimal) return decimal[0].toUpperCase();
  if (column.logicalType === 'timestamp' && /TIME ZONE|TIMESTAMPTZ/i.test(column.sourceType))
    return 'TIMESTAMPTZ';
  if (column.logicalType === 'integer') {
    const wide = result.rows
      .map((row) => row[index])
      .filter((cell): cell is string => typeof cell === 'string');
    if (wide.some((cell) => cell.replace(/^-/, '').length > 38)) return 'VARCHAR';
    if (wide.length > 0) return 'DECIMAL(38,0)';
  }
  return duckdbTypes[column.logicalType];
}

export async function writeParquet(
  result: Pick<QueryResult, 'columns' | 'rows'>,
  path: string,
): Promise<void> {
  if (result.columns.length === 0) throw new AskdataError('invalid_input', 'There are no columns to export.');
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  try {
    // Unique staging names: result column names may repeat, the Parquet file keeps the originals.
    const staging = result.columns.map((_, index) => `c${index}`);
    await connection.run(`CREATE TABLE staging (${staging.map((name) => `${name} VARCHAR`).join(', ')})`);
    const appender = await connection.createAppender('staging');
    for (const row of result.rows) {
      for (let index = 0; index < staging.length; index += 1) {
        const cell = row[index];
        if (cell === null || cell === undefined) appender.appendNull();
        else appender.appendVarchar(String(cell));
      }
      appender.endRow();
    }
    appender.closeSync();
    const names = new Map<string, number>();
    const projections = result.columns.map((column, index) => {
      const seen = names.get(column.name) ?? 0;
      names.set(column.name, seen + 1);
      const alias = seen === 0 ? column.name : `${column.name}_${seen + 1}`;
      return `CAST(c${index} AS ${columnType(result, index)}) AS ${quoteIdentifier(alias)}`;
    });
    await connection.run(
      `COPY (SELECT ${projections.join(', ')} FROM staging) TO ${quoteLiteral(path)} (FORMAT parquet)`,
    );
  } catch (error) {
    throw new AskdataError('internal', `Could not write the Parquet file ${path}.`, { cause: error });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
