import type { DialectName } from '@askdata/core';
import { dialectFunctions } from './dialect-functions';

/**
 * Functions a query may call, per dialect. This is an allowlist on purpose: anything not named here
 * (file readers, network, extensions, settings, sleeps, large objects, admin functions) is refused by
 * construction, including functions added to a database after this list was written.
 */
const aggregates = [
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'total',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'variance',
  'var_pop',
  'var_samp',
  'corr',
  'covar_pop',
  'covar_samp',
  'bool_and',
  'bool_or',
  'every',
  'string_agg',
  'array_agg',
  'percentile_cont',
  'percentile_disc',
  'mode',
  'median',
  'regr_slope',
  'regr_intercept',
  'regr_r2',
  'regr_count',
];
const windows = [
  'row_number',
  'rank',
  'dense_rank',
  'percent_rank',
  'cume_dist',
  'ntile',
  'lag',
  'lead',
  'first_value',
  'last_value',
  'nth_value',
];
const math = [
  'abs',
  'ceil',
  'ceiling',
  'floor',
  'round',
  'trunc',
  'sign',
  'sqrt',
  'cbrt',
  'power',
  'pow',
  'exp',
  'ln',
  'log',
  'log10',
  'log2',
  'mod',
  'pi',
  'degrees',
  'radians',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'atan2',
  'greatest',
  'least',
  'width_bucket',
  'div',
];
const text = [
  'length',
  'char_length',
  'character_length',
  'octet_length',
  'lower',
  'upper',
  'initcap',
  'substr',
  'substring',
  'trim',
  'btrim',
  'ltrim',
  'rtrim',
  'replace',
  'concat',
  'concat_ws',
  'left',
  'right',
  'lpad',
  'rpad',
  'reverse',
  'repeat',
  'position',
  'strpos',
  'instr',
  'split_part',
  'starts_with',
  'format',
  'translate',
  'ascii',
  'chr',
  'regexp_replace',
  'regexp_matches',
  'regexp_like',
  'like_escape',
  'similar_to_escape',
  'normalize',
  'overlay',
];
const dates = [
  'now',
  'current_date',
  'current_timestamp',
  'date_trunc',
  'date_part',
  'extract',
  'age',
  'make_date',
  'make_timestamp',
  'to_char',
  'to_date',
  'to_timestamp',
  'timezone',
  'date_add',
  'date_sub',
  'datediff',
];
const conditional = ['coalesce', 'nullif', 'ifnull', 'nvl', 'iif'];
const common = [...aggregates, ...windows, ...math, ...text, ...dates, ...conditional];

export const allowedFunctions: Record<DialectName, ReadonlySet<string>> = {
  postgres: new Set([...common, ...dialectFunctions.postgres]),
  duckdb: new Set([...common, ...dialectFunctions.duckdb]),
  sqlite: new Set([...common, ...dialectFunctions.sqlite]),
  mysql: new Set([...common, ...dialectFunctions.mysql]),
  bigquery: new Set([...common, ...dialectFunctions.bigquery]),
  snowflake: new Set([...common, ...dialectFunctions.snowflake]),
  trino: new Set([...common, ...dialectFunctions.trino]),
  clickhouse: new Set([...common, ...dialectFunctions.clickhouse]),
} satisfies Record<DialectName, ReadonlySet<string>>;

/** Set-returning functions that may appear in FROM: they generate values and touch no file or table. */
export const allowedTableFunctions: Record<DialectName, ReadonlySet<string>> = {
  postgres: new Set(['generate_series', 'unnest']),
  duckdb: new Set(['generate_series', 'range', 'unnest']),
  sqlite: new Set<string>(),
  mysql: new Set<string>(),
  bigquery: new Set<string>(),
  snowflake: new Set<string>(),
  trino: new Set(['unnest']),
  clickhouse: new Set(['numbers']),
} satisfies Record<DialectName, ReadonlySet<string>>;

const systemNamespaces = new Set([
  'pg_catalog',
  'information_schema',
  'mysql',
  'performance_schema',
  'sys',
  'system',
  'temp',
  // Snowflake's account-wide views (query history, logins, grants).
  'account_usage',
  'organization_usage',
  'reader_account_usage',
  'data_sharing_usage',
]);

/** Catalogs that describe the server rather than the data; never readable through the guard. */
export function isSystemTable(table: string, namespace: string | undefined): boolean {
  const name = table.toLowerCase();
  // Any part of a qualified namespace (Trino `system.runtime`, BigQuery `region-us.INFORMATION_SCHEMA`).
  const spaces = namespace?.toLowerCase().split('.') ?? [];
  if (spaces.some((space) => systemNamespaces.has(space))) return true;
  return (
    name.startsWith('pg_') ||
    name.startsWith('sqlite_') ||
    name.startsWith('duckdb_') ||
    name === 'information_schema'
  );
}
