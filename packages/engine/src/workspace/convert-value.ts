import type { CellValue } from '@askdata/core';
import { DuckDBDecimalValue, DuckDBTimestampTZValue, DuckDBTypeId, type DuckDBValue } from '@duckdb/node-api';

/**
 * DuckDB value → JSON-safe `CellValue`, following the rule in core `result.ts`: integers within ±2^53 are
 * numbers and wider ones decimal strings; DECIMAL/floating are numbers (non-finite floats become strings
 * because JSON has no NaN); dates `YYYY-MM-DD`; timestamps ISO 8601 with `T` (and `Z` for TIMESTAMPTZ);
 * everything structured (lists, structs, intervals, blobs) is its DuckDB text form.
 */
type Converter = (value: Exclude<DuckDBValue, null>) => CellValue;

const asText: Converter = (value) => String(value);

const asBoolean: Converter = (value) => (typeof value === 'boolean' ? value : String(value) === 'true');

const asInteger: Converter = (value) => {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  return String(value);
};

const asFloat: Converter = (value) => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return String(value);
};

const asDecimal: Converter = (value) => {
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  return typeof value === 'number' ? value : String(value);
};

const asTimestamp: Converter = (value) => {
  const text = String(value);
  // DuckDB prints `YYYY-MM-DD HH:MM:SS[.fff]`; infinite values stay as DuckDB prints them.
  return /^\d{4}-\d{2}-\d{2} /.test(text) ? text.replace(' ', 'T') : text;
};

const asTimestampTz: Converter = (value) => {
  if (value instanceof DuckDBTimestampTZValue && value.isFinite) {
    const millis = Number(value.micros / 1000n);
    const date = new Date(millis);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return String(value);
};

export const cellConverters = {
  [DuckDBTypeId.INVALID]: asText,
  [DuckDBTypeId.BOOLEAN]: asBoolean,
  [DuckDBTypeId.TINYINT]: asInteger,
  [DuckDBTypeId.SMALLINT]: asInteger,
  [DuckDBTypeId.INTEGER]: asInteger,
  [DuckDBTypeId.BIGINT]: asInteger,
  [DuckDBTypeId.UTINYINT]: asInteger,
  [DuckDBTypeId.USMALLINT]: asInteger,
  [DuckDBTypeId.UINTEGER]: asInteger,
  [DuckDBTypeId.UBIGINT]: asInteger,
  [DuckDBTypeId.HUGEINT]: asInteger,
  [DuckDBTypeId.UHUGEINT]: asInteger,
  [DuckDBTypeId.BIGNUM]: asInteger,
  [DuckDBTypeId.INTEGER_LITERAL]: asInteger,
  [DuckDBTypeId.FLOAT]: asFloat,
  [DuckDBTypeId.DOUBLE]: asFloat,
  [DuckDBTypeId.DECIMAL]: asDecimal,
  [DuckDBTypeId.DATE]: asText,
  [DuckDBTypeId.TIMESTAMP]: asTimestamp,
  [DuckDBTypeId.TIMESTAMP_S]: asTimestamp,
  [DuckDBTypeId.TIMESTAMP_MS]: asTimestamp,
  [DuckDBTypeId.TIMESTAMP_NS]: asTimestamp,
  [DuckDBTypeId.TIMESTAMP_TZ]: asTimestampTz,
  [DuckDBTypeId.TIME]: asText,
  [DuckDBTypeId.TIME_NS]: asText,
  [DuckDBTypeId.TIME_TZ]: asText,
  [DuckDBTypeId.INTERVAL]: asText,
  [DuckDBTypeId.VARCHAR]: asText,
  [DuckDBTypeId.STRING_LITERAL]: asText,
  [DuckDBTypeId.ENUM]: asText,
  [DuckDBTypeId.UUID]: asText,
  [DuckDBTypeId.BLOB]: asText,
  [DuckDBTypeId.BIT]: asText,
  [DuckDBTypeId.LIST]: asText,
  [DuckDBTypeId.ARRAY]: asText,
  [DuckDBTypeId.STRUCT]: asText,
  [DuckDBTypeId.MAP]: asText,
  [DuckDBTypeId.UNION]: asText,
  [DuckDBTypeId.VARIANT]: asText,
  [DuckDBTypeId.GEOMETRY]: asText,
  [DuckDBTypeId.ANY]: asText,
  [DuckDBTypeId.SQLNULL]: () => null,
} as const satisfies Record<DuckDBTypeId, Converter>;

export function convertValue(value: DuckDBValue, typeId: DuckDBTypeId): CellValue {
  if (value === null) return null;
  return cellConverters[typeId](value);
}
