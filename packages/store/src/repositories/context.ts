import { randomUUID } from 'node:crypto';
import { AskdataError } from '@askdata/core';
import type { SecretBox } from '../secrets/secret-box';
import type { SqlClient } from '../sql/sql-client';

/** What every repository is built from; a transaction rebuilds them over its own client. */
export interface RepositoryContext {
  client: SqlClient;
  secretBox: SecretBox;
  processId: string;
  idempotencyTtlMs: number;
}

export const newId = (): string => randomUUID();

/** Timestamps come back as Date from both drivers; records carry ISO strings. */
export function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

/** bigint/count columns are strings from `pg` and numbers from PGlite. */
export function toNumber(value: unknown): number {
  return Number(value);
}

/** jsonb parameters are passed as JSON text and cast with `::jsonb`, the same on both drivers. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function stringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

const uniqueViolation = '23505';

/** Turns a unique-constraint violation into a 'conflict' a person can read; rethrows anything else. */
export function conflictOn(error: unknown, message: string): never {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === uniqueViolation) {
    throw new AskdataError('conflict', message, { cause: error });
  }
  throw error;
}

/** Ids are UUIDs; anything else cannot match a row, and must not reach PostgreSQL as a bad cast. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
