import type { CellValue, LogicalType, QueryResult, ResultColumn } from '@askdata/core';
import { defaultMaxBytes } from './executor';

/** Collects rows while enforcing the row and byte caps; `push` returns false once the result is full. */
export class ResultBuilder {
  readonly rows: CellValue[][] = [];
  truncated = false;
  private bytes = 0;
  private readonly started = performance.now();

  constructor(
    private readonly maxRows: number,
    private readonly maxBytes = defaultMaxBytes,
  ) {}

  push(row: CellValue[]): boolean {
    if (this.rows.length >= this.maxRows) {
      this.truncated = true;
      return false;
    }
    const size = row.reduce<number>(
      (total, cell) => total + (cell === null ? 4 : String(cell).length + 2),
      2,
    );
    if (this.bytes + size > this.maxBytes) {
      this.truncated = true;
      return false;
    }
    this.bytes += size;
    this.rows.push(row);
    return true;
  }

  build(columns: ResultColumn[]): QueryResult {
    return {
      columns,
      rows: this.rows,
      rowCount: this.rows.length,
      truncated: this.truncated,
      elapsedMs: Math.round((performance.now() - this.started) * 100) / 100,
    };
  }
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The JSON-safe cell rule of core's `CellValue`, for values drivers hand back. */
export function toCell(value: unknown, logicalType: LogicalType): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    if (logicalType === 'date') return date;
    return `${date}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}.${pad(value.getUTCMilliseconds(), 3)}Z`;
  }
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'string') {
    if (
      (logicalType === 'decimal' || logicalType === 'float') &&
      value.trim() !== '' &&
      Number.isFinite(Number(value))
    ) {
      return Number(value);
    }
    if (logicalType === 'timestamp' && /^\d{4}-\d\d-\d\d \d/.test(value)) return value.replace(' ', 'T');
    if (logicalType === 'integer' && /^-?\d+$/.test(value)) {
      const number = Number(value);
      return Number.isSafeInteger(number) ? number : value;
    }
    return value;
  }
  return JSON.stringify(value);
}

/** Maps a source type name (any engine) to the shared logical type. */
export function logicalTypeOf(sourceType: string): LogicalType {
  const type = sourceType.toLowerCase();
  if (/^(bool)/.test(type)) return 'boolean';
  // Before integers: "interval" and "point" contain "int".
  if (/interval/.test(type)) return 'interval';
  if (/(^|[^a-z])u?(big|small|tiny|medium|huge)?int(eger)?\d*|serial|^long|^short|^year$/.test(type))
    return 'integer';
  if (/numeric|decimal|newdecimal/.test(type)) return 'decimal';
  if (/real|float|double/.test(type)) return 'float';
  if (/^date$/.test(type)) return 'date';
  if (/timestamp|datetime/.test(type)) return 'timestamp';
  if (/^time/.test(type)) return 'time';
  if (/interval/.test(type)) return 'interval';
  if (/json/.test(type)) return 'json';
  if (/blob|bytea|binary/.test(type)) return 'blob';
  if (/char|text|string|enum|uuid|clob|name/.test(type)) return 'text';
  return 'other';
}
