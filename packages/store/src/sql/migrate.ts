import { migrations as allMigrations, type Migration } from '../migrations/index';
import type { SqlClient } from './sql-client';

/**
 * Applies the migrations not yet recorded, in one transaction under an advisory lock keyed by the
 * schema: two processes starting together take turns, and the second finds nothing left to do.
 * Returns the versions it applied.
 */
export async function migrate(client: SqlClient, migrations: Migration[] = allMigrations): Promise<number[]> {
  return client.transaction(async (transaction) => {
    await transaction.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.askdata.migrate'))`);
    await transaction.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await transaction.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await transaction.exec(migration.sql);
      await transaction.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
