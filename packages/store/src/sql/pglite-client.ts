import { chmod } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import { quoteIdentifier, type Row, type SqlClient } from './sql-client';

/** PGlite runs one backend in this process; its own mutex serialises transactions. */
export async function openPgliteClient(dataDir: string | undefined, schema?: string): Promise<SqlClient> {
  const unlock = dataDir === undefined ? () => {} : lockDataDir(dataDir);
  let database: PGlite;
  try {
    database = await PGlite.create(dataDir === undefined ? {} : { dataDir });
    // Password hashes and sealed secrets live here: owner-only, like secret.key.
    if (dataDir !== undefined) await chmod(dataDir, 0o700);
    if (schema !== undefined) {
      await database.exec(
        `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}; SET search_path TO ${quoteIdentifier(schema)}`,
      );
    }
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await database.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await database.exec(sql);
    },
    transaction<T>(work: (client: SqlClient) => Promise<T>) {
      return database.transaction((transaction) => work(transactionClient(transaction)));
    },
    async close() {
      try {
        await database.close();
      } finally {
        unlock();
      }
    },
  };
}

function transactionClient(transaction: Transaction): SqlClient {
  const client: SqlClient = {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await transaction.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await transaction.exec(sql);
    },
    transaction: (work) => work(client),
    close: async () => {},
  };
  return client;
}
