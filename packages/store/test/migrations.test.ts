import { afterAll, describe, expect, it } from 'vitest';
import { serviceAddresses } from '../../../test-support/services';
import { openStore } from '../src/index';
import { migrations } from '../src/migrations/index';
import { migrate } from '../src/sql/migrate';
import { openPostgresClient } from '../src/sql/postgres-client';
import { quoteIdentifier } from '../src/sql/sql-client';
import {
  backendNames,
  openBackend,
  postgresAvailable,
  type TestBackend,
  uniqueSchema,
} from './support/backends';

describe.each(backendNames)('migrations on %s', (name) => {
  let backend: TestBackend;
  afterAll(() => backend?.close());

  it('applies every migration once and records it', async () => {
    backend = await openBackend(name, 'migrations');
    const rows = await backend.raw.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => Number(row.version))).toEqual(migrations.map((migration) => migration.version));
    expect(await migrate(backend.raw)).toEqual([]);
    const again = await backend.raw.query('SELECT count(*) AS count FROM schema_migrations');
    expect(Number(again[0]?.count)).toBe(migrations.length);
  });

  it('creates the default organisation and every org-scoped table has org_id', async () => {
    const org = await backend.store.defaultOrg();
    expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
    const tables = await backend.raw.query(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
         AND table_name NOT IN ('schema_migrations', 'organisations', 'audit_chain_head')`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(13);
    for (const table of tables) {
      const columns = await backend.raw.query(
        `SELECT 1 FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'org_id'`,
        [table.table_name],
      );
      expect(columns, `${table.table_name} has org_id`).toHaveLength(1);
    }
  });

  it('rolls back a failing migration whole', async () => {
    const broken = [
      ...migrations,
      { version: 999, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;' },
    ];
    await expect(migrate(backend.raw, broken)).rejects.toThrow(/no_such_table/);
    const leftovers = await backend.raw.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'half_done'`,
    );
    expect(leftovers).toHaveLength(0);
    const recorded = await backend.raw.query('SELECT 1 FROM schema_migrations WHERE version = 999');
    expect(recorded).toHaveLength(0);
  });
});

describe.skipIf(!postgresAvailable)('migrations on a PostgreSQL server', () => {
  const url = serviceAddresses.postgres.url;
  const schema = uniqueSchema('race');

  afterAll(async () => {
    const client = await openPostgresClient(url);
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    await client.close();
  });

  it('two processes opening a fresh database at once both succeed and migrate it once', async () => {
    const options = {
      location: { kind: 'postgres' as const, url, schema, poolSize: 2 },
      secretKey: Buffer.alloc(32, 7),
    };
    const stores = await Promise.all([openStore(options), openStore(options), openStore(options)]);
    const [first] = stores;
    expect((await first?.defaultOrg())?.id).toBeDefined();
    const client = await openPostgresClient(url, schema, 1);
    const rows = await client.query('SELECT version FROM schema_migrations');
    const orgs = await client.query('SELECT id FROM organisations');
    await client.close();
    expect(rows).toHaveLength(migrations.length);
    expect(orgs).toHaveLength(1);
    await Promise.all(stores.map((store) => store.close()));
  });
});
