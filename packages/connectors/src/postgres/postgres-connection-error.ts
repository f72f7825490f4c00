import type { AskdataError } from '@askdata/core';
import type pg from 'pg';
import {
  type ConnectionFailure,
  type ConnectionTarget,
  connectionError,
  isUnreachable,
} from '../connection-error';

/** Where a pool connects, read from its options without the password (for messages and labels). */
export function postgresTarget(options: pg.PoolConfig): ConnectionTarget {
  let url: URL | undefined;
  try {
    url = options.connectionString ? new URL(options.connectionString) : undefined;
  } catch {
    url = undefined;
  }
  const port = options.port ?? (url?.port ? Number(url.port) : 5432);
  const database = options.database ?? (url ? decodeURIComponent(url.pathname.slice(1)) : undefined);
  const user = options.user ?? (url?.username ? decodeURIComponent(url.username) : undefined);
  return {
    product: 'PostgreSQL',
    host: options.host ?? (url?.hostname || 'localhost'),
    port,
    ...(database ? { database } : {}),
    ...(user ? { user } : {}),
  };
}

/**
 * SQLSTATE classes from the server (28xxx authorization, 3D000 missing database) and the driver's own
 * messages for TLS negotiation; a `pg_hba.conf` rejection that mentions missing encryption means TLS is required.
 */
function classify(error: unknown): ConnectionFailure | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (/does not support SSL/i.test(message)) return 'tls_unavailable';
  if (code === '28000' && /no encryption|SSL off|hostssl/i.test(message)) return 'tls_required';
  if (code === '28P01' || code === '28000') return 'auth_failed';
  if (code === '3D000') return 'database_not_found';
  if (isUnreachable(error)) return 'host_unreachable';
  return undefined;
}

export function postgresConnectionError(error: unknown, options: pg.PoolConfig): AskdataError {
  return connectionError(classify(error), postgresTarget(options), error);
}
