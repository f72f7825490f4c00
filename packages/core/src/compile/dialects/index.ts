import type { DialectName } from '../../dialect-name';
import type { Dialect } from '../dialect';
import { bigqueryDialect } from './bigquery';
import { clickhouseDialect } from './clickhouse';
import { duckdbDialect } from './duckdb';
import { mysqlDialect } from './mysql';
import { postgresDialect } from './postgres';
import { snowflakeDialect } from './snowflake';
import { sqliteDialect } from './sqlite';
import { trinoDialect } from './trino';

export const dialects = {
  duckdb: duckdbDialect,
  postgres: postgresDialect,
  mysql: mysqlDialect,
  sqlite: sqliteDialect,
  bigquery: bigqueryDialect,
  snowflake: snowflakeDialect,
  trino: trinoDialect,
  clickhouse: clickhouseDialect,
} satisfies Record<DialectName, Dialect>;
