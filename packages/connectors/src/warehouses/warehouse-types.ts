import type { ColumnSchema, LogicalType } from '@askdata/core';
import { logicalTypeOf } from '../result-builder';

/** Unwraps ClickHouse's `Nullable(…)`/`LowCardinality(…)` and Trino's `varchar(n)` style wrappers. */
export function innerType(sourceType: string): { type: string; nullable: boolean } {
  let type = sourceType.trim();
  let nullable = false;
  for (;;) {
    const wrapped = /^(Nullable|LowCardinality)\((.*)\)$/i.exec(type);
    if (!wrapped?.[1] || wrapped[2] === undefined) break;
    if (wrapped[1].toLowerCase() === 'nullable') nullable = true;
    type = wrapped[2];
  }
  return { type, nullable };
}

/** The shared logical type, with the warehouse spellings the generic rule does not know. */
export function warehouseLogicalType(sourceType: string): LogicalType {
  const { type } = innerType(sourceType);
  const lower = type.toLowerCase();
  if (lower === 'date32') return 'date';
  if (/^(int64|numeric|bignumeric|bigdecimal)$/.test(lower)) return lower === 'int64' ? 'integer' : 'decimal';
  if (/^(float64|float)$/.test(lower)) return 'float';
  if (/^number\(\d+,\s*0\)$/.test(lower) || lower === 'fixed') return 'integer';
  if (/^number/.test(lower)) return 'decimal';
  if (/^timestamp_(ntz|ltz|tz)/.test(lower)) return 'timestamp';
  if (/^(variant|object|array|struct|record|map|tuple)/.test(lower)) return 'json';
  return logicalTypeOf(type);
}

export function columnSchema(
  name: string,
  sourceType: string,
  nullable: boolean,
  description?: string | null,
): ColumnSchema {
  return {
    name,
    sourceType,
    logicalType: warehouseLogicalType(sourceType),
    nullable,
    ...(description ? { description } : {}),
  };
}
