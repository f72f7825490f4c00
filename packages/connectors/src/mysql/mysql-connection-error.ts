import type { AskdataError } from '@askdata/core';
import {
  type ConnectionFailure,
  type ConnectionTarget,
  connectionError,
  isUnreachable,
} from '../connection-error';

/** Where a MySQL URL points, without the password (for messages and labels). */
export function mysqlTarget(uri: string, product = 'MySQL'): ConnectionTarget {
  try {
    const url = new URL(uri);
    const database = decodeURIComponent(url.pathname.slice(1));
    const user = decodeURIComponent(url.username);
    return {
      product,
      host: url.hostname || 'localhost',
      port: url.port ? Number(url.port) : 3306,
      ...(database ? { database } : {}),
      ...(user ? { user } : {}),
    };
  } catch {
    return { product, host: 'localhost', port: 3306 };
  }
}

/** Server error numbers (1045 access denied, 1049 unknown database, 3159 TLS required) and driver codes. */
function classify(error: unknown): ConnectionFailure | undefined {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const code = String(record.code ?? '');
  const errno = Number(record.errno ?? 0);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'HANDSHAKE_NO_SSL_SUPPORT') return 'tls_unavailable';
  if (errno === 3159 || /insecure transport|secure transport/i.test(message)) return 'tls_required';
  if ([1045, 1044, 1698].includes(errno)) return 'auth_failed';
  if (errno === 1049) return 'database_not_found';
  if (isUnreachable(error)) return 'host_unreachable';
  return undefined;
}

export function mysqlConnectionError(error: unknown, target: ConnectionTarget): AskdataError {
  return connectionError(classify(error), target, error);
}
