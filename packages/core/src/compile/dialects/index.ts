import type { DialectName } from '../../dialect-name';
import type { Dialect } from '../dialect';
import { duckdbDialect } from './duckdb';
import { mysqlDialect } from './mysql';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

export const dialects = {
  duckdb: duckdbDialect,
  postgres: postgresDialect,
  mysql: mysqlDialect,
  sqlite: sqliteDialect,
} satisfies Record<DialectName, Dialect>;
