import { AskdataError } from '@askdata/core';

/** The connection failures a person can act on; each has its own error code and one-sentence message. */
export type ConnectionFailure =
  | 'auth_failed'
  | 'host_unreachable'
  | 'database_not_found'
  | 'tls_required'
  | 'tls_unavailable';

export interface ConnectionTarget {
  /** "PostgreSQL", "MariaDB" … */
  product: string;
  host: string;
  port?: number;
  database?: string;
  user?: string;
}

function address(target: ConnectionTarget): string {
  return target.port === undefined ? target.host : `${target.host}:${target.port}`;
}

const messages = {
  auth_failed: (target) =>
    `${target.product} at ${address(target)} refused the login${target.user ? ` of user ${target.user}` : ''}: check the user name and password.`,
  host_unreachable: (target) =>
    `Could not reach ${target.product} at ${address(target)}: check the host and port, and that the server is running.`,
  database_not_found: (target) =>
    `The database ${target.database ?? '(none given)'} does not exist on ${target.product} at ${address(target)}.`,
  tls_required: (target) =>
    `${target.product} at ${address(target)} accepts only encrypted connections: add sslmode=require (PostgreSQL) or ssl=true (MySQL) to the URL.`,
  tls_unavailable: (target) =>
    `${target.product} at ${address(target)} does not offer TLS: enable TLS on the server or connect without requiring it.`,
} satisfies Record<ConnectionFailure, (target: ConnectionTarget) => string>;

/** The typed error for a classified connection failure; the driver's error stays as the cause, never shown. */
export function connectionError(
  failure: ConnectionFailure | undefined,
  target: ConnectionTarget,
  cause: unknown,
): AskdataError {
  if (failure) return new AskdataError(failure, messages[failure](target), { cause });
  const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new AskdataError(
    'connection_failed',
    `Could not connect to ${target.product} at ${address(target)}: ${detail}.`,
    { cause },
  );
}

/** Socket-level failures that mean the server could not be reached at all. */
export function isUnreachable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code))
    return true;
  const message = error instanceof Error ? error.message : String(error);
  return /timeout expired|connection timeout|connect ETIMEDOUT|ECONNREFUSED/i.test(message);
}
