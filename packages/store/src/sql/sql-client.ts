/**
 * The one seam between the store and a database: parameterised queries, multi-statement scripts and
 * transactions. Two implementations — PGlite and a `pg` pool — so every repository runs unchanged on
 * the embedded default and on a PostgreSQL server.
 */
export type Row = Record<string, unknown>;

export interface SqlClient {
  /** One statement with `$1…` parameters; returns its rows. */
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in a transaction; inside one already, it simply joins it. */
  transaction<T>(work: (client: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Quotes an identifier (schema names come from options, never from people). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
