import type { Readable } from 'node:stream';

/**
 * The part of `snowflake-sdk` (3.x, index.d.ts) askdata uses, declared here because the SDK is an optional
 * dependency that is not installed by default (about 120 MB with its cloud-storage dependencies).
 */
export interface SnowflakeSdk {
  createConnection(options: Record<string, unknown>): SnowflakeConnection;
  configure?(options: { logLevel?: string }): void;
}

export interface SnowflakeConnection {
  connectAsync(): Promise<SnowflakeConnection>;
  execute(options: {
    sqlText: string;
    streamResult?: boolean;
    fetchAsString?: Array<'String' | 'Boolean' | 'Number' | 'Date' | 'JSON' | 'Buffer'>;
    rowMode?: 'array' | 'object';
    parameters?: Record<string, unknown>;
    complete?: (error: SnowflakeError | undefined, statement: SnowflakeStatement) => void;
  }): SnowflakeStatement;
  destroy(callback: (error: SnowflakeError | undefined) => void): void;
}

export interface SnowflakeStatement {
  getColumns(): SnowflakeColumn[] | undefined;
  getQueryId(): string;
  streamRows(options?: { start?: number; end?: number }): Readable;
  cancel(callback?: (error: SnowflakeError | undefined) => void): void;
}

export interface SnowflakeColumn {
  getName(): string;
  /** Lower case: fixed, real, text, date, timestamp_ntz, timestamp_ltz, timestamp_tz, boolean, variant, … */
  getType(): string;
  getScale(): number;
  isNullable(): boolean;
}

export interface SnowflakeError extends Error {
  code?: number | string;
  sqlState?: string;
}
