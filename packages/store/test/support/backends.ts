/**
 * Every store suite runs on both backends: in-memory PGlite and the real PostgreSQL server (each
 * suite in its own schema, dropped afterwards). `raw` is a client on the same database for reading
 * rows as they are stored and for superuser-only tampering.
 */
import { randomBytes } from 'node:crypto';
import { probeService, serviceAddresses } from '../../../../test-support/services';
import type { Store, StoreOptions } from '../../src/index';
import { createStore } from '../../src/open-store';
import { openPgliteClient } from '../../src/sql/pglite-client';
import { openPostgresClient } from '../../src/sql/postgres-client';
import { quoteIdentifier, type SqlClient } from '../../src/sql/sql-client';

export type BackendName = 'pglite' | 'postgres';

export interface TestBackend {
  name: BackendName;
  store: Store;
  raw: SqlClient;
  secretKey: Buffer;
  /** Another store on the same database, as a second server process would open it (PostgreSQL only). */
  openAnother?: (options?: Partial<StoreOptions>) => Promise<Store>;
  /** The options a fresh store needs on this database. */
  options: StoreOptions;
  close(): Promise<void>;
}

export const postgresAvailable = await probeService('postgres');

export const backendNames: BackendName[] = postgresAvailable ? ['pglite', 'postgres'] : ['pglite'];

export function uniqueSchema(suite: string): string {
  return `askdata_store_${suite}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

export async function openBackend(
  name: BackendName,
  suite: string,
  overrides: Partial<StoreOptions> = {},
): Promise<TestBackend> {
  const secretKey = randomBytes(32);
  if (name === 'pglite') {
    const raw = await openPgliteClient(undefined);
    const options: StoreOptions = { location: { kind: 'pglite' }, secretKey, ...overrides };
    const store = await createStore(raw, options);
    return { name, store, raw, secretKey, options, close: () => store.close() };
  }
  const url = serviceAddresses.postgres.url;
  const schema = uniqueSchema(suite);
  const options: StoreOptions = {
    location: { kind: 'postgres', url, schema, poolSize: 4 },
    secretKey,
    ...overrides,
  };
  const raw = await openPostgresClient(url, schema, 2);
  const store = await createStore(raw, options);
  const others: Store[] = [];
  return {
    name,
    store,
    raw,
    secretKey,
    options,
    async openAnother(more = {}) {
      const client = await openPostgresClient(url, schema, 4);
      const other = await createStore(client, { ...options, ...more });
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.close();
      await raw.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      await raw.close();
    },
  };
}
