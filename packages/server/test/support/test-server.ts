/**
 * A server over a fresh workspace and store for one suite: in-memory PGlite, or the real PostgreSQL in
 * a schema of its own (dropped afterwards). The demo dataset is loaded once per suite.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreOptions } from '@askdata/store';
import pg from 'pg';
import { probeService, serviceAddresses } from '../../../../test-support/services';
import {
  createApp,
  createLogger,
  createServerDeps,
  ensureDemoDatasource,
  type ServerConfig,
} from '../../src/index';

export type StoreBackend = 'pglite' | 'postgres';

export const postgresAvailable = await probeService('postgres');
export const backends: StoreBackend[] = postgresAvailable ? ['pglite', 'postgres'] : ['pglite'];

/** Demo files shared by the suites of this machine (generation is deterministic and idempotent). */
export const sharedDemoDir = join(tmpdir(), 'askdata-server-test-demo');

export function testConfig(home: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    home,
    maxUploadBytes: 2 * 1024 * 1024,
    sessionTtlMs: 3_600_000,
    secureCookies: false,
    rateLimit: { max: 100_000, windowMs: 60_000 },
    publicUrl: 'http://127.0.0.1:8787',
    runHeartbeatMs: 500,
    staleRunMs: 5_000,
    maxRows: 5000,
    queryTimeoutMs: 30_000,
    ...overrides,
  };
}

export function uniqueSchema(suite: string): string {
  return `askdata_server_${suite}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: serviceAddresses.postgres.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export function storeOptions(backend: StoreBackend, schema: string): StoreOptions {
  const secretKey = randomBytes(32);
  return backend === 'pglite'
    ? { location: { kind: 'pglite' }, secretKey }
    : { location: { kind: 'postgres', url: serviceAddresses.postgres.url, schema, poolSize: 4 }, secretKey };
}

export async function openTestServer(
  backend: StoreBackend,
  suite: string,
  overrides: Partial<ServerConfig> = {},
  options: { demo?: boolean; redisUrl?: string } = {},
) {
  const home = await mkdtemp(join(tmpdir(), `askdata-server-${suite}-`));
  const schema = uniqueSchema(suite);
  const deps = await createServerDeps({
    config: testConfig(home, overrides),
    store: storeOptions(backend, schema),
    logger: createLogger('silent'),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  // The CSV tables only (the budget workbook is slow to ingest), generated once for every suite.
  const demo =
    options.demo === false
      ? undefined
      : await ensureDemoDatasource(deps, {
          dir: sharedDemoDir,
          files: ['customers', 'products', 'orders', 'orderLines'],
        });
  const app = createApp(deps);
  return {
    deps,
    app,
    home,
    demo,
    async close() {
      await deps.close();
      if (backend === 'postgres') await dropSchema(schema);
      await rm(home, { recursive: true, force: true });
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof openTestServer>>;
