/**
 * Audit append throughput on PGlite (in memory) and on the PostgreSQL server when reachable:
 * sequential appends (one commit each) and concurrent ones (grouped commits), then a full verify.
 * Run: node packages/cli/bin/run-ts.js bench/store/audit-append.ts
 */
import { randomBytes } from 'node:crypto';
import { openStore, type StoreLocation } from '@askdata/store';
import { probeService, serviceAddresses } from '../../test-support/services';

const sequential = 300;
const concurrent = 2000;
const schema = `askdata_bench_${process.pid}`;

const locations: StoreLocation[] = [{ kind: 'pglite' }];
if (await probeService('postgres')) {
  locations.push({ kind: 'postgres', url: serviceAddresses.postgres.url, schema });
}

const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));

for (const location of locations) {
  let started = performance.now();
  const store = await openStore({ location, secretKey: randomBytes(32) });
  const openMs = performance.now() - started;
  const org = await store.defaultOrg();
  started = performance.now();
  for (let index = 0; index < sequential; index += 1) {
    await store.audit.append(org.id, { action: 'sql.run', details: { index } });
  }
  const sequentialMs = performance.now() - started;
  started = performance.now();
  await Promise.all(
    Array.from({ length: concurrent }, (_, index) =>
      store.audit.append(org.id, { action: 'sql.run', details: { index } }),
    ),
  );
  const concurrentMs = performance.now() - started;
  started = performance.now();
  const verification = await store.audit.verify();
  const verifyMs = performance.now() - started;
  console.log(
    JSON.stringify({
      engine: location.kind,
      openMs: Math.round(openMs),
      sequentialPerSecond: perSecond(sequential, sequentialMs),
      concurrentPerSecond: perSecond(concurrent, concurrentMs),
      verified: verification.checked,
      ok: verification.ok,
      verifyMs: Math.round(verifyMs),
    }),
  );
  await store.close();
}

if (locations.some((location) => location.kind === 'postgres')) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: serviceAddresses.postgres.url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
