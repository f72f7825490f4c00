import { AskdataError, type LogicalType, type TableSchema } from '@askdata/core';
import { type ConnectionTarget, connectionError, isUnreachable } from '../../connection-error';
import type { ConnectorCapabilities, RowBatch, TableRef } from '../../connector';
import { loadOptionalModule } from '../../optional-module';
import { toCell } from '../../result-builder';
import { collectRows, queryCancelledError, queryTimeoutError, timeLimitSeconds } from '../driver-support';
import type { RunOptions, WarehouseDriver } from '../warehouse-driver';
import { columnSchema } from '../warehouse-types';
import type {
  SnowflakeColumn,
  SnowflakeConnection,
  SnowflakeError,
  SnowflakeSdk,
  SnowflakeStatement,
} from './snowflake-sdk-types';

export interface SnowflakeOptions {
  /** Account identifier, e.g. `myorg-myaccount`. */
  account: string;
  username: string;
  password?: string;
  /** Key-pair or OAuth sign-in, passed to the SDK as is (`SNOWFLAKE_JWT`, `OAUTH`, …). */
  authenticator?: string;
  token?: string;
  privateKeyPath?: string;
  warehouse?: string;
  database: string;
  schema: string;
  role?: string;
  /** Another endpoint for the SDK (a private link); default: the account's public URL. */
  accessUrl?: string;
  /** How the SDK is loaded (tests hand in a recorded-response stand-in); default: `import('snowflake-sdk')`. */
  loadSdk?: () => Promise<SnowflakeSdk>;
}

export const snowflakeCapabilities = {
  pushDown: true,
  namespaces: true,
  cancel: 'server',
  // Snowflake has no read-only session: give askdata a role with USAGE and SELECT grants only.
  readOnly: 'credentials',
  explain: false,
  primaryKeys: false,
  foreignKeys: false,
  comments: true,
  rowCounts: 'exact',
} as const satisfies ConnectorCapabilities;

/** Session settings so values come back in the forms `toCell` reads (ISO dates, exact numbers as text). */
const sessionParameters = {
  QUERY_TAG: 'askdata',
  DATE_OUTPUT_FORMAT: 'YYYY-MM-DD',
  TIMESTAMP_NTZ_OUTPUT_FORMAT: 'YYYY-MM-DD"T"HH24:MI:SS.FF3',
  TIMESTAMP_LTZ_OUTPUT_FORMAT: 'YYYY-MM-DD"T"HH24:MI:SS.FF3TZH:TZM',
  TIMESTAMP_TZ_OUTPUT_FORMAT: 'YYYY-MM-DD"T"HH24:MI:SS.FF3TZH:TZM',
};

/**
 * Snowflake through `snowflake-sdk`: one connection, statements streamed with `streamRows`, the time limit as
 * the statement parameter STATEMENT_TIMEOUT_IN_SECONDS, and a cancel through `statement.cancel()`.
 */
export class SnowflakeDriver implements WarehouseDriver {
  readonly kind = 'snowflake' as const;
  readonly dialect = 'snowflake' as const;
  readonly label: string;
  readonly capabilities = snowflakeCapabilities;
  private connection: Promise<SnowflakeConnection> | undefined;
  private readonly target: ConnectionTarget;

  constructor(private readonly options: SnowflakeOptions) {
    const host = options.accessUrl
      ? new URL(options.accessUrl).host
      : `${options.account}.snowflakecomputing.com`;
    this.target = {
      product: 'Snowflake',
      host,
      database: `${options.database}.${options.schema}`,
      user: options.username,
    };
    this.label = `Snowflake ${options.database}.${options.schema}@${options.account}`;
  }

  async connect(timeoutMs: number): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      for await (const _ of this.run('SELECT 1', { signal: controller.signal, timeoutMs, maxRows: 1 })) {
        // One row back proves the login, the warehouse and the database.
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async *run(sql: string, options: RunOptions): AsyncIterable<RowBatch> {
    const connection = await this.open();
    const statement = await new Promise<SnowflakeStatement>((resolve, reject) => {
      const started = connection.execute({
        sqlText: sql,
        streamResult: true,
        rowMode: 'array',
        fetchAsString: ['Number', 'Date', 'JSON'],
        parameters: {
          ...sessionParameters,
          STATEMENT_TIMEOUT_IN_SECONDS: timeLimitSeconds(options.timeoutMs),
        },
        complete: (error, done) => (error ? reject(this.describe(error)) : resolve(done)),
      });
      options.signal.addEventListener('abort', () => started.cancel(), { once: true });
    });
    const columns = (statement.getColumns() ?? []).map((column) => ({
      name: column.getName(),
      sourceType: sourceType(column),
      logicalType: logicalType(column),
    }));
    const rows: RowBatch['rows'] = [];
    let finished = false;
    try {
      for await (const row of statement.streamRows()) {
        if (options.signal.aborted) throw options.signal.reason;
        rows.push(
          (row as unknown[]).map((value, index) => toCell(value, columns[index]?.logicalType ?? 'other')),
        );
        if (rows.length >= 1000) yield { columns, rows: rows.splice(0) };
      }
      finished = true;
      yield { columns, rows };
    } catch (error) {
      throw this.describe(error);
    } finally {
      if (!finished) statement.cancel();
    }
  }

  async describeTables(tables?: readonly TableRef[]): Promise<TableSchema[]> {
    const read = (sql: string) => collectRows(this, sql, { timeoutMs: 60_000, maxRows: 1_000_000 });
    const tableRows = await read(
      `SELECT table_name, comment, row_count FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const columnRows = await read(
      `SELECT table_name, column_name, data_type, is_nullable, comment, numeric_scale FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA() ORDER BY table_name, ordinal_position`,
    );
    const wanted = tables ? new Set(tables.map((table) => table.name)) : undefined;
    return tableRows
      .filter(([name]) => !wanted || wanted.has(String(name)))
      .map(([name, comment, rowCount]) => ({
        name: String(name),
        namespace: this.options.schema,
        ...(comment ? { description: String(comment) } : {}),
        columns: columnRows
          .filter((row) => row[0] === name)
          .map(([, column, type, nullable, columnComment, scale]) =>
            columnSchema(
              String(column),
              type === 'NUMBER' && scale !== null ? `NUMBER(38,${scale})` : String(type),
              nullable === 'YES',
              columnComment as string | null,
            ),
          ),
        ...(typeof rowCount === 'number' ? { rowCount } : {}),
      }));
  }

  async close(): Promise<void> {
    const pending = this.connection;
    this.connection = undefined;
    if (!pending) return;
    const connection = await pending.catch(() => undefined);
    await new Promise<void>((resolve) => (connection ? connection.destroy(() => resolve()) : resolve()));
  }

  private open(): Promise<SnowflakeConnection> {
    this.connection ??= (async () => {
      const sdk = await (this.options.loadSdk ?? defaultSdk)();
      sdk.configure?.({ logLevel: 'OFF' });
      const {
        account,
        username,
        password,
        authenticator,
        token,
        privateKeyPath,
        warehouse,
        database,
        schema,
        role,
        accessUrl,
      } = this.options;
      const connection = sdk.createConnection({
        account,
        username,
        password,
        authenticator,
        token,
        privateKeyPath,
        warehouse,
        database,
        schema,
        role,
        accessUrl,
        application: 'askdata',
      });
      try {
        return await connection.connectAsync();
      } catch (error) {
        throw this.describe(error);
      }
    })();
    this.connection.catch(() => {
      this.connection = undefined;
    });
    return this.connection;
  }

  /** Snowflake error codes (SDK docs and SQL error reference); messages never include the password. */
  private describe(error: unknown): AskdataError {
    if (AskdataError.isInstance(error)) return error;
    const failure = error as SnowflakeError;
    const code = String(failure.code ?? '');
    const message = failure instanceof Error ? failure.message : String(error);
    if (code === '390100' || code === '390144' || /incorrect username or password/i.test(message))
      return connectionError('auth_failed', this.target, error);
    if (code === '390201' || /database .* does not exist/i.test(message))
      return connectionError('database_not_found', this.target, error);
    if (code === '002003') return new AskdataError('table_not_found', message, { cause: error });
    if (code === '000904') return new AskdataError('column_not_found', message, { cause: error });
    if (code === '000630' || /timeout/i.test(message)) return queryTimeoutError('Snowflake', error);
    if (code === '000604') return queryCancelledError(error);
    if (isUnreachable(error)) return connectionError('host_unreachable', this.target, error);
    return new AskdataError('query_failed', `Snowflake could not run the query: ${message.split('\n')[0]}`, {
      cause: error,
    });
  }
}

async function defaultSdk(): Promise<SnowflakeSdk> {
  // A variable specifier: the SDK is not installed by default, so type-checking must not look for it.
  const name = 'snowflake-sdk';
  const module = await loadOptionalModule(
    () => import(name) as Promise<{ default?: SnowflakeSdk }>,
    name,
    'Connecting to Snowflake',
  );
  return (module.default ?? module) as SnowflakeSdk;
}

function sourceType(column: SnowflakeColumn): string {
  const type = column.getType().toUpperCase();
  return type === 'FIXED' ? `NUMBER(38,${column.getScale()})` : type;
}

function logicalType(column: SnowflakeColumn): LogicalType {
  const type = column.getType().toLowerCase();
  if (type === 'fixed') return column.getScale() === 0 ? 'integer' : 'decimal';
  if (type === 'real') return 'float';
  if (type === 'text') return 'text';
  if (type === 'date') return 'date';
  if (type.startsWith('timestamp')) return 'timestamp';
  if (type === 'time') return 'time';
  if (type === 'boolean') return 'boolean';
  if (type === 'binary') return 'blob';
  if (['variant', 'object', 'array'].includes(type)) return 'json';
  return 'other';
}
