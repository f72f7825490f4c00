/**
 * Two `askdata serve` processes behind one load balancer (shared PostgreSQL metadata store and workspace
 * folder): a cross-source join previewed on one runs in full on the other, because the previewed plan lives in
 * the metadata store, not in the memory of the process that made it. Expected totals are computed here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAddresses } from '../../../test-support/services';
import {
  httpClient,
  type ServerProcess,
  sharedStoreEnv,
  spawnServer,
  stopServers,
} from './support/server-process';
import { dropSchema, postgresAvailable, uniqueSchema } from './support/test-server';

const customers = Array.from({ length: 30 }, (_, index) => ({
  id: index + 1,
  region: index % 2 === 0 ? 'North' : 'South',
}));
const ratings = customers.slice(0, 20).map((customer) => ({ id: customer.id, score: customer.id * 3 }));

describe.skipIf(!postgresAvailable)('cross-source plans across two server processes', () => {
  const storeSchema = uniqueSchema('xsource_pair');
  const dataSchema = uniqueSchema('xsource_pair_data');
  let home: string;
  let first: ServerProcess;
  let second: ServerProcess;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${dataSchema}"`);
    await admin.query(
      `CREATE TABLE "${dataSchema}".customers (id integer PRIMARY KEY, region text NOT NULL)`,
    );
    await admin.query(
      `INSERT INTO "${dataSchema}".customers VALUES ${customers.map((row) => `(${row.id}, '${row.region}')`).join(', ')}`,
    );
    await admin.end();
    home = await mkdtemp(join(tmpdir(), 'askdata-xsource-pair-'));
    const env = sharedStoreEnv(storeSchema);
    first = await spawnServer({ home, env });
    second = await spawnServer({ home, env });
  }, 180_000);

  afterAll(async () => {
    await stopServers(first, second);
    await dropSchema(storeSchema);
    await dropSchema(dataSchema);
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('previews on one process and runs in full on the other', async () => {
    const anonymous = httpClient(first.url);
    const boot = await anonymous.call('POST', '/v1/auth/bootstrap', {
      email: 'ada@example.com',
      password: 'password123',
      name: 'Ada',
    });
    expect(boot.status).toBe(201);
    const onFirst = await anonymous.login('ada@example.com', 'password123');
    const onSecond = onFirst.withBase(second.url);

    const url = `${serviceAddresses.postgres.url}?options=${encodeURIComponent(`-c search_path=${dataSchema}`)}`;
    const registered = await onFirst.call('POST', '/v1/datasources', { name: 'crm', kind: 'postgres', url });
    expect(registered.status, await registered.clone().text()).toBe(201);
    const databaseId = ((await registered.json()) as { datasource: { id: string } }).datasource.id;
    const form = new FormData();
    form.append(
      'file',
      new Blob([`customer_id,score\n${ratings.map((row) => `${row.id},${row.score}`).join('\n')}\n`]),
      'ratings.csv',
    );
    const uploaded = await fetch(`${first.url}/v1/datasources/upload`, {
      method: 'POST',
      headers: {
        cookie: onFirst.identity.cookie ?? '',
        'x-csrf-token': onFirst.identity.csrfToken ?? '',
      },
      body: form,
    });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const fileId = ((await uploaded.json()) as { datasource: { id: string } }).datasource.id;

    const previewed = await onSecond.call('POST', '/v1/cross-source/preview', {
      fileDatasourceId: fileId,
      databaseDatasourceId: databaseId,
      question: 'total score by region',
    });
    expect(previewed.status, await previewed.clone().text()).toBe(200);
    const { status, planId } = (await previewed.json()) as { status: string; planId: string };
    expect(status).toBe('preview');

    const ran = await onFirst.call('POST', `/v1/cross-source/${planId}/run`);
    expect(ran.status, await ran.clone().text()).toBe(200);
    const { result } = (await ran.json()) as {
      result: { preview: boolean; result: { rows: [string, number][] } };
    };
    expect(result.preview).toBe(false);
    const expected: Record<string, number> = {};
    for (const row of ratings) {
      const region = customers.find((customer) => customer.id === row.id)?.region as string;
      expected[region] = (expected[region] ?? 0) + row.score;
    }
    expect(Object.fromEntries(result.result.rows.map(([region, total]) => [region, Number(total)]))).toEqual(
      expected,
    );
  }, 120_000);
});
