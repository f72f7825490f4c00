/**
 * Cross-source questions over HTTP: an uploaded CSV joined with a table of a registered PostgreSQL database.
 * Preview on a sample, full run on confirmation, both statements audited, plans private to their person, and
 * the same datasource permissions as every other route. Expected figures are computed here from the rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAddresses } from '../../../test-support/services';
import { startRelay } from '../../../test-support/tcp-relay';
import { createPeople } from './support/fixtures';
import { openTestServer, postgresAvailable, type TestServer } from './support/test-server';

interface PreviewBody {
  status: string;
  planId: string;
  preview: {
    preview: boolean;
    moved: { rows: number };
    sources: { label: string; tables: string[] }[];
    result: { rows: [string | null, number][] };
  };
}
interface RunBody {
  result: { preview: boolean; strategy: string; result: { rows: [string | null, number][] } };
}

/** 40 customers in two regions; the upload scores 30 of them plus one the database lacks. */
const customers = Array.from({ length: 40 }, (_, index) => ({
  id: index + 1,
  region: index % 3 === 0 ? 'EMEA' : 'APAC',
}));
const ratings = [
  ...customers.slice(0, 30).map((customer) => ({ id: customer.id, score: customer.id * 2 })),
  { id: 99, score: 5 },
];
const totalsOf = (rows: [string | null, number][]) =>
  Object.fromEntries(rows.map(([region, total]) => [String(region), Number(total)]));

describe.runIf(postgresAvailable)('cross-source questions over HTTP (PostgreSQL)', () => {
  const schema = `askdata_xsource_http_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = `${serviceAddresses.postgres.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
  let server: TestServer;
  let people: Awaited<ReturnType<typeof createPeople>>;
  let fileId: string;
  let databaseId: string;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`CREATE TABLE "${schema}".customers (id integer PRIMARY KEY, region text NOT NULL)`);
    await admin.query(
      `INSERT INTO "${schema}".customers VALUES ${customers.map((customer) => `(${customer.id}, '${customer.region}')`).join(', ')}`,
    );
    await admin.query(`ANALYZE "${schema}".customers`);
    server = await openTestServer('pglite', 'xsource', {}, { demo: false });
    people = await createPeople(server);
    const registered = await people.as('edith')('POST', '/v1/datasources', {
      body: { name: 'crm', kind: 'postgres', url },
    });
    expect(registered.status, await registered.clone().text()).toBe(201);
    databaseId = ((await registered.json()) as { datasource: { id: string } }).datasource.id;
    const form = new FormData();
    form.append(
      'file',
      new Blob([`customer_id,score\n${ratings.map((row) => `${row.id},${row.score}`).join('\n')}\n`]),
      'ratings.csv',
    );
    const uploaded = await people.as('edith')('POST', '/v1/datasources/upload', { body: form });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    fileId = ((await uploaded.json()) as { datasource: { id: string } }).datasource.id;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  const preview = (person: 'edith' | 'victor', question = 'total score by region') =>
    people.as(person)('POST', '/v1/cross-source/preview', {
      body: { fileDatasourceId: fileId, databaseDatasourceId: databaseId, question },
    });

  it('previews on a sample, then runs the previewed plan in full and audits both statements', async () => {
    const previewed = await preview('edith');
    expect(previewed.status, await previewed.clone().text()).toBe(200);
    const body = (await previewed.json()) as PreviewBody;
    expect(body.status).toBe('preview');
    expect(body.preview.preview).toBe(true);
    expect(body.preview.sources.map((source) => source.tables)).toEqual([
      ['ratings'],
      [`${schema}.customers`],
    ]);

    const ran = await people.as('edith')('POST', `/v1/cross-source/${body.planId}/run`);
    expect(ran.status, await ran.clone().text()).toBe(200);
    const { result } = (await ran.json()) as RunBody;
    expect(result.preview).toBe(false);
    const expected: Record<string, number> = {};
    for (const row of ratings) {
      const region = customers.find((customer) => customer.id === row.id)?.region ?? 'null';
      expected[region] = (expected[region] ?? 0) + row.score;
    }
    expect(totalsOf(result.result.rows)).toEqual(expected);

    const audit = (await (await people.as('ada')('GET', '/v1/audit?limit=50')).json()) as {
      entries: {
        action: string;
        targetId: string | null;
        details: { crossSourcePlanId?: string; mode?: string; datasourceId?: string };
      }[];
    };
    const runs = audit.entries.filter((entry) => entry.details.crossSourcePlanId === body.planId);
    expect(runs.map((entry) => entry.details.mode).sort()).toEqual(['full', 'full', 'preview', 'preview']);
    expect(new Set(runs.map((entry) => entry.details.datasourceId))).toEqual(new Set([fileId, databaseId]));
    expect(runs.every((entry) => entry.action === 'sql.run')).toBe(true);
    const asked = audit.entries.find(
      (entry) => entry.action === 'question.asked' && entry.targetId === body.planId,
    );
    expect(asked?.details).toMatchObject({ question: 'total score by region', outcome: 'plan' });
  });

  it('answers 404 to people who may not read both datasources, and to anyone but the planner', async () => {
    const denied = await preview('victor');
    expect(denied.status).toBe(404);
    const { planId } = (await (await preview('edith')).json()) as PreviewBody;
    expect(planId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await people.as('victor')('POST', `/v1/cross-source/${planId}/run`)).status).toBe(404);
    expect((await people.as('edith')('POST', '/v1/cross-source/no-such-plan/run')).status).toBe(404);
  });

  it('asks which columns to join on when none fit, and refuses two datasources of the wrong kinds', async () => {
    const unclear = await preview('edith', 'total score by region, join on colour');
    expect(unclear.status).toBe(200);
    expect(await unclear.json()).toMatchObject({ status: 'clarification', candidates: [] });
    const swapped = await people.as('edith')('POST', '/v1/cross-source/preview', {
      body: { fileDatasourceId: databaseId, databaseDatasourceId: fileId, question: 'total score by region' },
    });
    expect(swapped.status).toBe(400);
  });

  it('says plainly that the database cannot be reached when it goes down after registration', async () => {
    const relay = await startRelay();
    const relayed = `${relay.url}?${url.split('?')[1]}`; // the same schema, through the relay
    const registered = await people.as('edith')('POST', '/v1/datasources', {
      body: { name: 'crm replica', kind: 'postgres', url: relayed },
    });
    expect(registered.status, await registered.clone().text()).toBe(201);
    const replicaId = ((await registered.json()) as { datasource: { id: string } }).datasource.id;
    // Idle connections are reset, new ones refused: the server must answer, not crash.
    await relay.cut();
    const down = await people.as('edith')('POST', '/v1/cross-source/preview', {
      body: { fileDatasourceId: fileId, databaseDatasourceId: replicaId, question: 'total score by region' },
    });
    expect(down.status).toBe(503);
    const { error } = (await down.json()) as { error: { message: string } };
    expect(error.message).toMatch(/^Could not reach PostgreSQL at 127\.0\.0\.1:\d+/);
    expect(error.message).not.toMatch(/\n\s+at /);
  });
});
