import type { CellValue, LogicalType, ResultColumn } from '@askdata/core';
import { toCell } from '../../result-builder';

/** A field of a BigQuery REST schema (tables.get, getQueryResults). */
export interface BigqueryField {
  name: string;
  type: string;
  mode?: string;
  description?: string;
  fields?: BigqueryField[];
}

/** A row as the REST API sends it: `{ f: [{ v: … }] }`, every scalar as a string. */
export interface BigqueryRow {
  f: Array<{ v: unknown }>;
}

const logicalTypes: Record<string, LogicalType> = {
  STRING: 'text',
  INTEGER: 'integer',
  INT64: 'integer',
  FLOAT: 'float',
  FLOAT64: 'float',
  NUMERIC: 'decimal',
  BIGNUMERIC: 'decimal',
  BOOLEAN: 'boolean',
  BOOL: 'boolean',
  DATE: 'date',
  DATETIME: 'timestamp',
  TIMESTAMP: 'timestamp',
  TIME: 'time',
  BYTES: 'blob',
  JSON: 'json',
  RECORD: 'json',
  STRUCT: 'json',
  GEOGRAPHY: 'text',
  INTERVAL: 'interval',
};

export function bigqueryLogicalType(field: BigqueryField): LogicalType {
  if (field.mode === 'REPEATED') return 'json';
  return logicalTypes[field.type.toUpperCase()] ?? 'other';
}

export function bigqueryColumns(fields: readonly BigqueryField[]): ResultColumn[] {
  return fields.map((field) => ({
    name: field.name,
    sourceType: field.mode === 'REPEATED' ? `ARRAY<${field.type}>` : field.type,
    logicalType: bigqueryLogicalType(field),
  }));
}

/**
 * Reads one REST value by its schema type. Timestamps arrive as microseconds since the epoch (the client asks
 * for `formatOptions.useInt64Timestamp`) and become ISO text; nested and repeated values stay JSON.
 */
export function bigqueryCell(value: unknown, field: BigqueryField): CellValue {
  if (value === null || value === undefined) return null;
  const logicalType = bigqueryLogicalType(field);
  if (logicalType === 'json') return JSON.stringify(value);
  if (typeof value !== 'string') return toCell(value, logicalType);
  switch (field.type.toUpperCase()) {
    case 'BOOLEAN':
    case 'BOOL':
      return value.toLowerCase() === 'true';
    case 'FLOAT':
    case 'FLOAT64':
      return Number.isFinite(Number(value)) ? Number(value) : value;
    case 'TIMESTAMP':
      return /^-?\d+$/.test(value) ? microsToIso(BigInt(value)) : value;
    default:
      return toCell(value, logicalType);
  }
}

function microsToIso(micros: bigint): string {
  const millis = Number(micros / 1000n);
  const rest = Number(((micros % 1000n) + 1000n) % 1000n);
  const iso = new Date(millis).toISOString();
  return rest === 0 ? iso : iso.replace('Z', `${String(rest).padStart(3, '0')}Z`);
}
