/** The SQL dialects askdata compiles to and validates. Adding one must fail to compile until every table covers it. */
export const dialectNames = [
  'duckdb',
  'postgres',
  'mysql',
  'sqlite',
  'bigquery',
  'snowflake',
  'trino',
  'clickhouse',
] as const;
export type DialectName = (typeof dialectNames)[number];
