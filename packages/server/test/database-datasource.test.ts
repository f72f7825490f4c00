/**
 * Database datasources over HTTP: registering connects once (a clear 400 when it cannot), tables are listed,
 * questions and guarded SQL run in the database itself, denied columns stay hidden and refused, and the
 * connection is closed when the datasource is deleted. Real PostgreSQL (a schema of its own) and a SQLite file.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAddresses } from '../../../test-support/services';
import { askAndWait, createPeople } from './support/fixtures';
import { openTestServer, postgresAvailable, type TestServer } from './support/test-server';

interface TablesBody {
  tables: { name: string; rows: number; columns: { name: string }[] }[];
}
interface ErrorBody {
  error: { code: string; message: string };
}
type Events = Awaited<ReturnType<typeof askAndWait>>['events'];

const sqlOf = (events: Events) =>
  events.filter((event) => event.event === 'sql').map((event) => (event.data as { sql: string }).sql);
const rowsOf = (events: Events) =>
  (events.find((event) => event.event === 'rows')?.data as { result: { rows: unknown[][] } } | undefined)
    ?.result.rows;

describe('database datasources', () => {
  let server: TestServer;
  let people: Awaited<ReturnType<typeof createPeople>>;

  beforeAll(async () => {
    server = await openTestServer('pglite', 'dbsource', {}, { demo: false });
    people = await createPeople(server);
  });
  afterAll(async () => server?.close());

  async function register(body: { name: string; kind: string; url: string }) {
    return people.as('edith')('POST', '/v1/datasources', { body });
  }

  async function sessionOn(person: 'edith' | 'victor', datasourceId: string): Promise<string> {
    const created = await people.as(person)('POST', '/v1/sessions', { body: { datasourceId } });
    expect(created.status).toBe(201);
    return ((await created.json()) as { session: { id: string } }).session.id;
  }

  describe.runIf(postgresAvailable)('on PostgreSQL', () => {
    const schema = `askdata_dbsource_${process.pid}_${randomBytes(3).toString('hex')}`;
    const applicationName = `askdata_test_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
    // The schema is put on the search path by the URL, so the connector describes it alone.
    const url = `${serviceAddresses.postgres.url}?application_name=${applicationName}&options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    let datasourceId: string;

    beforeAll(async () => {
      await admin.connect();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.query(
        `CREATE TABLE "${schema}".items (id integer PRIMARY KEY, region text NOT NULL, amount integer NOT NULL, owner_email text)`,
      );
      await admin.query(
        `INSERT INTO "${schema}".items VALUES (1, 'North', 10, 'a@x.io'), (2, 'North', 20, 'b@x.io'), (3, 'South', 5, 'c@x.io')`,
      );
    });
    afterAll(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });

    const openConnections = async () =>
      Number(
        (
          await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [
            applicationName,
          ])
        ).rows[0].n,
      );

    it('connects once on registration and stores the table names', async () => {
      const response = await register({ name: 'shop', kind: 'postgres', url });
      expect(response.status, await response.clone().text()).toBe(201);
      const body = (await response.json()) as { datasource: { id: string; kind: string; tables: string[] } };
      expect(body.datasource.kind).toBe('postgres');
      expect(body.datasource.tables).toEqual(['items']);
      expect(JSON.stringify(body)).not.toContain('search_path');
      datasourceId = body.datasource.id;
    });

    it('refuses a database it cannot reach with the connector sentence', async () => {
      const cases = [
        ['postgres://no_such_role_askdata@127.0.0.1:5432/test', 'auth_failed', /refused the login/],
        ['postgres://postgres@127.0.0.1:1/test', 'host_unreachable', /Could not reach PostgreSQL/],
        ['postgres://postgres@127.0.0.1:5432/askdata_no_such_db', 'database_not_found', /does not exist/],
      ] as const;
      for (const [badUrl, , message] of cases) {
        const response = await register({ name: 'broken', kind: 'postgres', url: badUrl });
        expect(response.status, badUrl).toBe(400);
        const { error } = (await response.json()) as ErrorBody;
        expect(error.code).toBe('invalid_body');
        expect(error.message).toMatch(message);
        expect(error.message).not.toContain('no_such_role_askdata@');
      }
      const wrongKind = await register({ name: 'mixed', kind: 'mysql', url });
      expect(wrongKind.status).toBe(400);
      const names = (
        (await (await people.as('edith')('GET', '/v1/datasources')).json()) as {
          datasources: { name: string }[];
        }
      ).datasources.map((datasource) => datasource.name);
      expect(names).not.toContain('broken');
      expect(names).not.toContain('mixed');
    });

    it('lists the tables and columns', async () => {
      const response = await people.as('edith')('GET', `/v1/datasources/${datasourceId}/tables`);
      const { tables } = (await response.json()) as TablesBody;
      expect(tables.map((table) => table.name)).toEqual(['items']);
      expect(tables[0]?.columns.map((column) => column.name)).toEqual([
        'id',
        'region',
        'amount',
        'owner_email',
      ]);
    });

    it('answers questions with SQL that runs in PostgreSQL, live', async () => {
      const sessionId = await sessionOn('edith', datasourceId);
      const first = await askAndWait(people.as('edith'), sessionId, 'Total amount by region');
      expect(first.events.at(-1)?.event, JSON.stringify(first.events.at(-2))).toBe('done');
      expect(sqlOf(first.events).join('\n')).toMatch(/sum\(.*amount/i);
      expect(
        rowsOf(first.events)
          ?.map((row) => [row[0], Number(row[1])])
          .sort(),
      ).toEqual([
        ['North', 30],
        ['South', 5],
      ]);
      // Inserted after registration and after the source was prepared: only a query in PostgreSQL sees it.
      await admin.query(`INSERT INTO "${schema}".items VALUES (4, 'South', 1000, 'd@x.io')`);
      const second = await askAndWait(people.as('edith'), sessionId, 'What is the total amount?');
      expect(rowsOf(second.events)?.map((row) => Number(row[0]))).toEqual([1035]);
      // The same question again, in a new session: the live data is read again, not an earlier answer.
      const again = await askAndWait(
        people.as('edith'),
        await sessionOn('edith', datasourceId),
        'Total amount by region',
      );
      expect(
        rowsOf(again.events)
          ?.map((row) => [row[0], Number(row[1])])
          .sort(),
      ).toEqual([
        ['North', 30],
        ['South', 1005],
      ]);

      const query = await people.as('edith')('POST', '/v1/query', {
        body: { datasourceId, sql: 'SELECT count(*) AS n FROM items' },
      });
      expect(query.status, await query.clone().text()).toBe(200);
      const { rows } = (await query.json()) as { rows: unknown[][] };
      expect(rows.map((row) => Number(row[0]))).toEqual([4]);
    });

    it('hides a denied column from the language engine and refuses it in SQL', async () => {
      const granted = await people.as('ada')('PUT', `/v1/datasources/${datasourceId}/permissions`, {
        body: { userId: people.ids.victor, access: 'read', deniedColumns: ['items.owner_email'] },
      });
      expect(granted.status).toBe(200);
      const victor = people.as('victor');
      const { tables } = (await (
        await victor('GET', `/v1/datasources/${datasourceId}/tables`)
      ).json()) as TablesBody;
      expect(tables[0]?.columns.map((column) => column.name)).toEqual(['id', 'region', 'amount']);

      const refused = await victor('POST', '/v1/query', {
        body: { datasourceId, sql: 'SELECT owner_email FROM items' },
      });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as ErrorBody).error.code).toBe('sql_forbidden_column');
      const allowed = await people.as('edith')('POST', '/v1/query', {
        body: { datasourceId, sql: 'SELECT owner_email FROM items WHERE id = 1' },
      });
      expect(((await allowed.json()) as { rows: unknown[][] }).rows).toEqual([['a@x.io']]);

      const asked = await askAndWait(
        victor,
        await sessionOn('victor', datasourceId),
        'owner_email by region',
      );
      expect(sqlOf(asked.events).join('\n')).not.toMatch(/owner_email/i);
      expect(JSON.stringify(asked.events)).not.toContain('a@x.io');
    });

    const waitForConnections = async (wanted: (open: number) => boolean) => {
      let open = await openConnections();
      for (let attempt = 0; !wanted(open) && attempt < 20; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        open = await openConnections();
      }
      return open;
    };

    it('re-reads the tables on refresh', async () => {
      await admin.query(`CREATE TABLE "${schema}".regions (region text PRIMARY KEY, manager text)`);
      const refreshed = await people.as('edith')('POST', `/v1/datasources/${datasourceId}/refresh`);
      expect(refreshed.status, await refreshed.clone().text()).toBe(200);
      const { datasource } = (await refreshed.json()) as { datasource: { tables: string[] } };
      expect([...datasource.tables].sort()).toEqual(['items', 'regions']);
      const query = await people.as('edith')('POST', '/v1/query', {
        body: { datasourceId, sql: 'SELECT count(*) AS n FROM regions' },
      });
      expect(((await query.json()) as { rows: unknown[][] }).rows.map((row) => Number(row[0]))).toEqual([0]);
    });

    it('closes connections on shutdown and reconnects from the stored URL on demand', async () => {
      expect(await openConnections()).toBeGreaterThan(0);
      await server.deps.sources.close();
      expect(await waitForConnections((open) => open === 0)).toBe(0);
      const query = await people.as('victor')('POST', '/v1/query', {
        body: { datasourceId, sql: 'SELECT sum(amount) AS total FROM items' },
      });
      expect(query.status, await query.clone().text()).toBe(200);
      expect(((await query.json()) as { rows: unknown[][] }).rows.map((row) => Number(row[0]))).toEqual([
        1035,
      ]);
      const refused = await people.as('victor')('POST', '/v1/query', {
        body: { datasourceId, sql: 'SELECT owner_email FROM items' },
      });
      expect(refused.status).toBe(403);
    });

    it('closes the connection when the datasource is deleted', async () => {
      expect(await openConnections()).toBeGreaterThan(0);
      const deleted = await people.as('ada')('DELETE', `/v1/datasources/${datasourceId}`);
      expect(deleted.status).toBe(204);
      expect(await waitForConnections((open) => open === 0)).toBe(0);
    });
  });

  describe('on SQLite', () => {
    let datasourceId: string;
    let file: string;

    beforeAll(() => {
      file = join(server.home, 'sales.sqlite');
      const db = new Database(file);
      db.exec('CREATE TABLE sales (region TEXT NOT NULL, units INTEGER NOT NULL, buyer_phone TEXT)');
      db.exec("INSERT INTO sales VALUES ('East', 3, '555-1'), ('East', 4, '555-2'), ('West', 2, '555-3')");
      db.close();
    });

    it('registers a file, lists it and answers in SQLite', async () => {
      const missing = await register({
        name: 'nofile',
        kind: 'sqlite',
        url: join(server.home, 'none.sqlite'),
      });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as ErrorBody).error.message).toMatch(/There is no file/);

      const response = await register({ name: 'sales', kind: 'sqlite', url: `sqlite://${file}` });
      expect(response.status, await response.clone().text()).toBe(201);
      datasourceId = ((await response.json()) as { datasource: { id: string } }).datasource.id;
      const { tables } = (await (
        await people.as('edith')('GET', `/v1/datasources/${datasourceId}/tables`)
      ).json()) as TablesBody;
      expect(tables.map((table) => table.name)).toEqual(['sales']);

      // A row written after registration, straight into the file.
      const db = new Database(file);
      db.exec("INSERT INTO sales VALUES ('West', 100, '555-4')");
      db.close();
      const asked = await askAndWait(
        people.as('edith'),
        await sessionOn('edith', datasourceId),
        'Total units by region',
      );
      expect(
        rowsOf(asked.events)
          ?.map((row) => [row[0], Number(row[1])])
          .sort(),
      ).toEqual([
        ['East', 7],
        ['West', 102],
      ]);
    });

    it('refuses a denied column', async () => {
      await people.as('ada')('PUT', `/v1/datasources/${datasourceId}/permissions`, {
        body: { userId: people.ids.victor, access: 'read', deniedColumns: ['buyer_phone'] },
      });
      const refused = await people.as('victor')('POST', '/v1/query', {
        body: { datasourceId, sql: 'SELECT region, buyer_phone FROM sales' },
      });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as ErrorBody).error.code).toBe('sql_forbidden_column');
      const summed = await people.as('victor')('POST', '/v1/query', {
        body: { datasourceId, sql: 'SELECT sum(units) AS total FROM sales' },
      });
      expect(((await summed.json()) as { rows: unknown[][] }).rows.map((row) => Number(row[0]))).toEqual([
        109,
      ]);
    });
  });
});
