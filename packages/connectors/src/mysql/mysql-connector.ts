import type { CellValue, DatabaseSchema } from '@askdata/core';
import mysql from 'mysql2/promise';
import type { ConnectOptions, Connector, IntrospectOptions, SampleOptions, TableRef } from '../connector';
import { sampleTopValues } from '../sample-values';
import { type PoolLimits, poolLimits, serverDatabaseCapabilities } from '../server-database';
import { mysqlConnectionError } from './mysql-connection-error';
import { MysqlExecutor } from './mysql-executor';
import { introspectMysql } from './mysql-introspector';

export interface MysqlConnectorOptions extends PoolLimits {
  /** `mysql://user:password@host:port/database`; `?ssl=true` (or `sslmode=require`) demands TLS. */
  url: string;
  /** Databases to describe (default: the one in the URL). */
  databases?: readonly string[];
}

export const mysqlCapabilities = serverDatabaseCapabilities;

export function quoteMysql(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** Splits the TLS demand off the URL: mysql2 reads the rest, and TLS is an option of ours. */
function readUrl(url: string): { uri: string; ssl: boolean } {
  try {
    const parsed = new URL(url);
    const ssl = parsed.searchParams.get('ssl') ?? parsed.searchParams.get('sslmode');
    parsed.searchParams.delete('ssl');
    parsed.searchParams.delete('sslmode');
    parsed.protocol = 'mysql:';
    return { uri: parsed.toString(), ssl: ssl !== null && !['false', 'disable', '0'].includes(ssl) };
  } catch {
    return { uri: url, ssl: false };
  }
}

/** MySQL and MariaDB through `mysql2`: the executor is the driver, `information_schema` the introspector. */
export class MysqlConnector extends MysqlExecutor implements Connector {
  readonly kind = 'mysql' as const;
  readonly label: string;
  readonly capabilities = mysqlCapabilities;
  private readonly databases: readonly string[];
  private readonly connectionOptions: mysql.ConnectionOptions;

  constructor(options: MysqlConnectorOptions) {
    const { uri, ssl } = readUrl(options.url);
    super({
      uri,
      ssl,
      ...poolLimits(options),
    });
    this.connectionOptions = {
      uri,
      connectTimeout: options.connectionTimeoutMs ?? 10_000,
      ...(ssl ? { ssl: {} } : {}),
    };
    this.databases = options.databases ?? (this.target.database ? [this.target.database] : []);
    this.label = `MySQL ${this.target.database ?? ''}@${this.target.host}:${this.target.port}`;
  }

  /** Opens one connection of its own (an optional shorter limit) and closes it. */
  async connect(options: ConnectOptions = {}): Promise<void> {
    let connection: mysql.Connection | undefined;
    try {
      connection = await mysql.createConnection({
        ...this.connectionOptions,
        ...(options.timeoutMs === undefined ? {} : { connectTimeout: options.timeoutMs }),
      });
    } catch (error) {
      throw mysqlConnectionError(error, this.target);
    } finally {
      await connection?.end().catch(() => undefined);
    }
  }

  async introspect(options: IntrospectOptions = {}): Promise<DatabaseSchema> {
    await this.connect();
    return introspectMysql(this.pool, {
      databases: this.databases,
      ...(options.tables ? { tables: options.tables } : {}),
    });
  }

  sampleValues(table: TableRef, column: string, options: SampleOptions = {}): Promise<CellValue[]> {
    return sampleTopValues(this, quoteMysql, table, column, options);
  }
}
