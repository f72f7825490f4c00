import type { LogicalType } from './schema';

/**
 * A result value that is always JSON-safe. Rule for every producer: integers within ±2^53 are numbers,
 * wider integers are decimal strings; DECIMAL and floating values are numbers; dates are `YYYY-MM-DD`,
 * timestamps ISO 8601 (`YYYY-MM-DDTHH:MM:SS[.fff][Z]`); intervals, lists, structs and blobs are strings.
 */
export type CellValue = string | number | boolean | null;

export interface ResultColumn {
  name: string;
  sourceType: string;
  logicalType: LogicalType;
}

export interface QueryResult {
  columns: ResultColumn[];
  /** Row-major; arrays (not objects) so that duplicate column names survive. */
  rows: CellValue[][];
  /** Rows returned (after any cap). */
  rowCount: number;
  /** True when the row or byte cap cut the result short. */
  truncated: boolean;
  elapsedMs: number;
}
