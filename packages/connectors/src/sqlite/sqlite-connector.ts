import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { AskdataError, type CellValue, type DatabaseSchema } from '@askdata/core';
import type {
  ConnectOptions,
  Connector,
  ConnectorCapabilities,
  IntrospectOptions,
  SampleOptions,
  TableRef,
} from '../connector';
import { sampleTopValues } from '../sample-values';
import { SqliteExecutor } from './sqlite-executor';
import { introspectSqlite } from './sqlite-introspector';

export const sqliteCapabilities = {
  pushDown: true,
  namespaces: false,
  cancel: 'terminate',
  readOnly: 'connection',
  explain: true,
  primaryKeys: true,
  foreignKeys: true,
  comments: false,
  rowCounts: 'exact',
} as const satisfies ConnectorCapabilities;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** True when the file starts with SQLite's 16-byte header. */
export async function isSqliteFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const header = Buffer.alloc(16);
    await handle.read(header, 0, 16, 0);
    return header.toString('latin1') === 'SQLite format 3\0';
  } finally {
    await handle.close();
  }
}

/** A SQLite file through `better-sqlite3`, read-only, queries in a worker thread that a time limit ends. */
export class SqliteConnector extends SqliteExecutor implements Connector {
  readonly kind = 'sqlite' as const;
  readonly label: string;
  readonly capabilities = sqliteCapabilities;

  constructor(file: string) {
    super(file);
    this.label = `SQLite ${basename(file)}`;
  }

  async connect(_options: ConnectOptions = {}): Promise<void> {
    const handle = await open(this.file, 'r').catch(() => undefined);
    if (!handle)
      throw new AskdataError(
        'database_not_found',
        `The SQLite file ${this.file} does not exist or cannot be read.`,
      );
    await handle.close();
    if (!(await isSqliteFile(this.file)))
      throw new AskdataError('connection_failed', `The file ${this.file} is not a SQLite database.`);
  }

  async introspect(options: IntrospectOptions = {}): Promise<DatabaseSchema> {
    await this.connect();
    return introspectSqlite(this.file, options.tables);
  }

  sampleValues(table: TableRef, column: string, options: SampleOptions = {}): Promise<CellValue[]> {
    // SQLite has no namespaces: the table's own name is the whole reference.
    return sampleTopValues(this, quote, { name: table.name }, column, options);
  }
}
