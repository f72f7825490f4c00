import type { CellValue, DatabaseSchema } from '@askdata/core';
import pg from 'pg';
import type { ConnectOptions, Connector, IntrospectOptions, SampleOptions, TableRef } from '../connector';
import { sampleTopValues } from '../sample-values';
import { type PoolLimits, poolLimits, serverDatabaseCapabilities } from '../server-database';
import { postgresConnectionError, postgresTarget } from './postgres-connection-error';
import { PostgresExecutor, postgresTypes } from './postgres-executor';
import { introspectPostgres } from './postgres-introspector';

export interface PostgresConnectorOptions extends PoolLimits {
  /** `postgres://user:password@host:port/database?sslmode=require` */
  url: string;
  /** Schemas to describe (default: the existing schemas on the search path). */
  schemas?: readonly string[];
}

export const postgresCapabilities = serverDatabaseCapabilities;

export function quotePostgres(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** PostgreSQL through `pg`: the executor is the driver, the catalogs the introspector. */
export class PostgresConnector extends PostgresExecutor implements Connector {
  readonly kind = 'postgres' as const;
  readonly label: string;
  readonly capabilities = postgresCapabilities;
  private readonly schemas: readonly string[] | undefined;

  constructor(options: PostgresConnectorOptions) {
    super({
      connectionString: options.url,
      ...poolLimits(options),
    });
    const target = postgresTarget(this.pool.options);
    this.label = `PostgreSQL ${target.database ?? ''}@${target.host}:${target.port}`;
    this.schemas = options.schemas;
  }

  /** Opens one connection of its own (the pool's settings, an optional shorter limit) and closes it. */
  async connect(options: ConnectOptions = {}): Promise<void> {
    const client = new pg.Client({
      ...this.pool.options,
      connectionTimeoutMillis: options.timeoutMs ?? this.pool.options.connectionTimeoutMillis ?? 10_000,
      types: postgresTypes,
    });
    try {
      await client.connect();
    } catch (error) {
      throw postgresConnectionError(error, this.pool.options);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async introspect(options: IntrospectOptions = {}): Promise<DatabaseSchema> {
    await this.connect();
    return introspectPostgres(this.pool, {
      ...(this.schemas ? { schemas: this.schemas } : {}),
      ...(options.tables ? { tables: options.tables } : {}),
    });
  }

  sampleValues(table: TableRef, column: string, options: SampleOptions = {}): Promise<CellValue[]> {
    return sampleTopValues(this, quotePostgres, table, column, options);
  }
}
