import type { LogicalType } from '@askdata/core';
import { DuckDBTypeId } from '@duckdb/node-api';

/** How every DuckDB type is seen by the rest of askdata; adding a type id fails to compile until mapped. */
export const logicalTypeByTypeId = {
  [DuckDBTypeId.INVALID]: 'other',
  [DuckDBTypeId.BOOLEAN]: 'boolean',
  [DuckDBTypeId.TINYINT]: 'integer',
  [DuckDBTypeId.SMALLINT]: 'integer',
  [DuckDBTypeId.INTEGER]: 'integer',
  [DuckDBTypeId.BIGINT]: 'integer',
  [DuckDBTypeId.UTINYINT]: 'integer',
  [DuckDBTypeId.USMALLINT]: 'integer',
  [DuckDBTypeId.UINTEGER]: 'integer',
  [DuckDBTypeId.UBIGINT]: 'integer',
  [DuckDBTypeId.HUGEINT]: 'integer',
  [DuckDBTypeId.UHUGEINT]: 'integer',
  [DuckDBTypeId.BIGNUM]: 'integer',
  [DuckDBTypeId.FLOAT]: 'float',
  [DuckDBTypeId.DOUBLE]: 'float',
  [DuckDBTypeId.DECIMAL]: 'decimal',
  [DuckDBTypeId.TIMESTAMP]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_S]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_MS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_NS]: 'timestamp',
  [DuckDBTypeId.TIMESTAMP_TZ]: 'timestamp',
  [DuckDBTypeId.DATE]: 'date',
  [DuckDBTypeId.TIME]: 'time',
  [DuckDBTypeId.TIME_NS]: 'time',
  [DuckDBTypeId.TIME_TZ]: 'time',
  [DuckDBTypeId.INTERVAL]: 'interval',
  [DuckDBTypeId.VARCHAR]: 'text',
  [DuckDBTypeId.ENUM]: 'text',
  [DuckDBTypeId.UUID]: 'text',
  [DuckDBTypeId.STRING_LITERAL]: 'text',
  [DuckDBTypeId.INTEGER_LITERAL]: 'integer',
  [DuckDBTypeId.BLOB]: 'blob',
  [DuckDBTypeId.BIT]: 'other',
  [DuckDBTypeId.LIST]: 'other',
  [DuckDBTypeId.ARRAY]: 'other',
  [DuckDBTypeId.STRUCT]: 'other',
  [DuckDBTypeId.MAP]: 'other',
  [DuckDBTypeId.UNION]: 'other',
  [DuckDBTypeId.VARIANT]: 'json',
  [DuckDBTypeId.GEOMETRY]: 'other',
  [DuckDBTypeId.ANY]: 'other',
  [DuckDBTypeId.SQLNULL]: 'other',
} as const satisfies Record<DuckDBTypeId, LogicalType>;

export function logicalTypeOf(typeId: DuckDBTypeId): LogicalType {
  return logicalTypeByTypeId[typeId];
}
