import { existsSync } from 'node:fs';
import { AskdataError, type CellValue } from '@askdata/core';
import Database from 'better-sqlite3';
import { quoteAsLiteral, reportedStringLiteral } from './legacy-quotes';

/** Most rows read from one query; a runaway prediction (e.g. a cross join) stops here instead of filling memory. */
export const sqliteRowCap = 100_000;

function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return String(value);
}

/**
 * Runs gold and predicted SQL on SQLite database files opened read-only (one connection per file per run),
 * as the bench scoring rules require. Errors come back as AskdataError with a one-line message.
 */
export class SqliteRunner {
  private readonly connections = new Map<string, Database.Database>();

  private open(path: string): Database.Database {
    const cached = this.connections.get(path);
    if (cached) return cached;
    if (!existsSync(path)) {
      throw new AskdataError('file_not_found', `The database file ${path} does not exist.`);
    }
    const connection = new Database(path, { readonly: true, fileMustExist: true });
    this.connections.set(path, connection);
    return connection;
  }

  /** Checks a database file can be opened, so a missing file is reported before the engine is asked. */
  ensure(path: string): void {
    this.open(path);
  }

  run(path: string, sql: string): CellValue[][] {
    const connection = this.open(path);
    const statement = prepare(connection, sql);
    if (!statement.reader) {
      throw new AskdataError('sql_not_read_only', 'The query does not return rows.');
    }
    const rows: CellValue[][] = [];
    try {
      for (const row of statement.raw(true).iterate() as IterableIterator<unknown[]>) {
        if (rows.length >= sqliteRowCap) {
          throw new AskdataError('result_too_large', `The query returned more than ${sqliteRowCap} rows.`);
        }
        rows.push(row.map(toCell));
      }
    } catch (error) {
      if (AskdataError.isInstance(error)) throw error;
      throw new AskdataError('query_failed', `SQLite failed to run the query: ${oneLine(error)}`, {
        cause: error,
      });
    }
    return rows;
  }

  close(): void {
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }
}

/** Most double-quoted tokens turned into literals for one query (each retry fixes one token). */
const legacyQuoteRetries = 8;

function prepare(connection: Database.Database, sql: string): Database.Statement {
  let current = sql;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return connection.prepare(current);
    } catch (error) {
      const literal = reportedStringLiteral(error);
      const rewritten = literal === undefined ? current : quoteAsLiteral(current, literal);
      if (attempt >= legacyQuoteRetries || rewritten === current) {
        throw new AskdataError('sql_invalid', `SQLite rejected the query: ${oneLine(error)}`, {
          cause: error,
        });
      }
      current = rewritten;
    }
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
