import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AskdataError } from '@askdata/core';
import type { Connector } from './connector';
import { DuckdbConnector } from './duckdb/duckdb-connector';
import { MysqlConnector } from './mysql/mysql-connector';
import { PostgresConnector } from './postgres/postgres-connector';
import { isSqliteFile, SqliteConnector } from './sqlite/sqlite-connector';
import { warehouseUrlSchemes } from './warehouses/warehouse-urls';

export interface OpenConnectorOptions {
  /** PostgreSQL schemas or MySQL databases to describe (default: the search path / the URL's database). */
  namespaces?: readonly string[];
}

type UrlFactory = (url: string, options: OpenConnectorOptions) => Connector;

const postgres: UrlFactory = (url, options) =>
  new PostgresConnector({ url, ...(options.namespaces ? { schemas: options.namespaces } : {}) });
const mysql: UrlFactory = (url, options) =>
  new MysqlConnector({ url, ...(options.namespaces ? { databases: options.namespaces } : {}) });

/** URL schemes and the connector each opens. */
const byScheme: Record<string, UrlFactory> = {
  'postgres:': postgres,
  'postgresql:': postgres,
  'mysql:': mysql,
  'mariadb:': mysql,
  ...warehouseUrlSchemes,
};

/**
 * The connector for what a person typed after `--db`: a database URL (postgres://, mysql://, mariadb://, or a
 * warehouse: clickhouse://, trino://, bigquery://, snowflake://, see warehouses/warehouse-urls.ts),
 * a SQLite file, or an askdata workspace folder (files through DuckDB). Nothing is opened yet.
 */
export async function openConnector(target: string, options: OpenConnectorOptions = {}): Promise<Connector> {
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(target)?.[1]?.toLowerCase();
  if (scheme) {
    const factory = byScheme[scheme];
    if (!factory)
      throw new AskdataError(
        'invalid_input',
        `askdata cannot connect to ${scheme}// URLs: use postgres://, mysql://, mariadb://, clickhouse://, trino://, bigquery://, snowflake://, a SQLite file or a workspace folder.`,
      );
    return factory(target, options);
  }
  if (!existsSync(target))
    throw new AskdataError('database_not_found', `There is no file or folder ${target}.`);
  if (statSync(target).isDirectory()) {
    if (!existsSync(join(target, 'catalog.json')))
      throw new AskdataError('database_not_found', `The folder ${target} is not an askdata workspace.`);
    return new DuckdbConnector({ home: target });
  }
  if (await isSqliteFile(target)) return new SqliteConnector(target);
  throw new AskdataError(
    'invalid_input',
    `${target} is neither a database URL nor a SQLite file: load data files with askdata load, or pass --data.`,
  );
}
