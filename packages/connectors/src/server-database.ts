import type { ConnectorCapabilities } from './connector';

/** Pool settings the server-database connectors (PostgreSQL, MySQL/MariaDB) take besides their URL. */
export interface PoolLimits {
  maxConnections?: number;
  connectionTimeoutMs?: number;
}

/** The pool settings, passed on only where the caller set them. */
export function poolLimits(options: PoolLimits): PoolLimits {
  return {
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    ...(options.connectionTimeoutMs === undefined
      ? {}
      : { connectionTimeoutMs: options.connectionTimeoutMs }),
  };
}

/** PostgreSQL and MySQL/MariaDB offer the same through their connectors; split this if they ever differ. */
export const serverDatabaseCapabilities = {
  pushDown: true,
  namespaces: true,
  cancel: 'server',
  readOnly: 'transaction',
  explain: true,
  primaryKeys: true,
  foreignKeys: true,
  comments: true,
  rowCounts: 'estimate',
} as const satisfies ConnectorCapabilities;
