/**
 * `GET /v1/datasources/:id/tables/:table/profile` on database datasources: computed in the database
 * (row count, per column nulls, distinct values, min, max), sampled above 100,000 rows, with the same
 * permissions as reading the datasource and denied columns left out. A SQLite file, and the real
 * PostgreSQL when it is reachable.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAddresses } from '../../../test-support/services';
import { createPeople } from './support/fixtures';
import { openTestServer, postgresAvailable, type TestServer } from './support/test-server';

interface ProfileBody {
  table: string;
  rowCount: number;
  columnCount: number;
  sampled: boolean;
  profiledRows: number;
  candidateKeys: string[];
  dateRange: { column: string; min: string; max: string } | null;
  columns: {
    name: string;
    logicalType: string;
    nullCount: number;
    distinctCount: number;
    min: number | string | null;
    max: number | string | null;
    mean: number | null;
  }[];
}

const itemRows = [
  [1, 'North', 10, 'a@x.io', '2024-01-05'],
  [2, 'North', 20, null, '2024-03-01'],
  [3, 'South', 5, 'c@x.io', null],
  [4, null, 40, 'd@x.io', '2024-02-10'],
] as const;

describe('database table profiles', () => {
  let server: TestServer;
  let people: Awaited<ReturnType<typeof createPeople>>;

  beforeAll(async () => {
    server = await openTestServer('pglite', 'dbprofile', {}, { demo: false });
    people = await createPeople(server);
  });
  afterAll(async () => server?.close());

  async function register(kind: string, url: string): Promise<string> {
    const response = await people.as('edith')('POST', '/v1/datasources', {
      body: { name: `${kind} ${randomBytes(3).toString('hex')}`, kind, url },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { datasource: { id: string } }).datasource.id;
  }

  async function profile(person: 'edith' | 'victor' | 'vera', datasourceId: string, table: string) {
    return people.as(person)('GET', `/v1/datasources/${datasourceId}/tables/${table}/profile`);
  }

  function expectItemsProfile(body: ProfileBody) {
    expect(body).toMatchObject({
      table: 'items',
      rowCount: 4,
      columnCount: 5,
      sampled: false,
      profiledRows: 4,
    });
    const column = (name: string) => body.columns.find((candidate) => candidate.name === name);
    expect(column('id')).toMatchObject({ nullCount: 0, distinctCount: 4, min: 1, max: 4 });
    expect(column('region')).toMatchObject({ nullCount: 1, distinctCount: 2, min: 'North', max: 'South' });
    expect(column('amount')).toMatchObject({ nullCount: 0, distinctCount: 4, min: 5, max: 40, mean: 18.75 });
    expect(column('owner_email')).toMatchObject({ nullCount: 1, distinctCount: 3 });
    expect(column('sold_on')).toMatchObject({ nullCount: 1, distinctCount: 3 });
    expect(String(column('sold_on')?.min)).toMatch(/^2024-01-05/);
    expect(String(column('sold_on')?.max)).toMatch(/^2024-03-01/);
    expect(body.candidateKeys).toContain('id');
  }

  describe('on SQLite', () => {
    let datasourceId: string;

    beforeAll(async () => {
      const file = join(server.home, 'profile.sqlite');
      const sqlite = new Database(file);
      sqlite.exec(
        'CREATE TABLE items (id INTEGER PRIMARY KEY, region TEXT, amount INTEGER NOT NULL, owner_email TEXT, sold_on DATE)',
      );
      const insert = sqlite.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?)');
      for (const row of itemRows) insert.run(...row);
      sqlite.exec('CREATE TABLE big (n INTEGER NOT NULL, bucket TEXT NOT NULL)');
      const insertBig = sqlite.prepare('INSERT INTO big VALUES (?, ?)');
      sqlite.transaction(() => {
        for (let n = 1; n <= 100_050; n++) insertBig.run(n, `b${n % 7}`);
      })();
      sqlite.close();
      datasourceId = await register('sqlite', file);
    });

    it('profiles a table in the database', async () => {
      const response = await profile('edith', datasourceId, 'items');
      expect(response.status, await response.clone().text()).toBe(200);
      expectItemsProfile((await response.json()) as ProfileBody);
    });

    it('keeps the row count exact and samples the column figures of a large table', async () => {
      const response = await profile('edith', datasourceId, 'big');
      expect(response.status, await response.clone().text()).toBe(200);
      const body = (await response.json()) as ProfileBody;
      expect(body).toMatchObject({ rowCount: 100_050, sampled: true, profiledRows: 100_000 });
      expect(body.columns.find((column) => column.name === 'n')).toMatchObject({ distinctCount: 100_000 });
      expect(body.columns.find((column) => column.name === 'bucket')).toMatchObject({ distinctCount: 7 });
    });

    it('needs read access to the datasource and leaves denied columns out', async () => {
      expect((await profile('victor', datasourceId, 'items')).status).toBe(404);
      const granted = await people.as('ada')('PUT', `/v1/datasources/${datasourceId}/permissions`, {
        body: { userId: people.ids.victor, access: 'read', deniedColumns: ['items.owner_email'] },
      });
      expect(granted.status).toBe(200);
      const response = await profile('victor', datasourceId, 'items');
      expect(response.status).toBe(200);
      const body = (await response.json()) as ProfileBody;
      expect(body.columns.map((column) => column.name)).toEqual(['id', 'region', 'amount', 'sold_on']);
      expect(JSON.stringify(body)).not.toContain('x.io');
      expect((await profile('vera', datasourceId, 'items')).status).toBe(404);
    });

    it('answers 404 for a table the datasource does not have', async () => {
      const response = await profile('edith', datasourceId, 'no_such_table');
      expect(response.status).toBe(404);
    });
  });

  describe.runIf(postgresAvailable)('on PostgreSQL', () => {
    const schema = `askdata_dbprofile_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
    const url = `${serviceAddresses.postgres.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

    beforeAll(async () => {
      await admin.connect();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.query(
        `CREATE TABLE "${schema}".items (id integer PRIMARY KEY, region text, amount integer NOT NULL, owner_email text, sold_on date, active boolean, extra jsonb)`,
      );
      for (const row of itemRows) {
        await admin.query(`INSERT INTO "${schema}".items VALUES ($1, $2, $3, $4, $5, true, '{"a": 1}')`, [
          ...row,
        ]);
      }
    });
    afterAll(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });

    it('profiles a table in PostgreSQL, booleans and json included', async () => {
      const datasourceId = await register('postgres', url);
      const response = await profile('edith', datasourceId, 'items');
      expect(response.status, await response.clone().text()).toBe(200);
      const body = (await response.json()) as ProfileBody;
      expectItemsProfile({
        ...body,
        columnCount: 5,
        columns: body.columns.filter((column) => !['active', 'extra'].includes(column.name)),
      });
      expect(body.columnCount).toBe(7);
      expect(body.columns.find((column) => column.name === 'active')).toMatchObject({
        distinctCount: 1,
        min: null,
      });
      expect(body.columns.find((column) => column.name === 'extra')).toMatchObject({
        nullCount: 0,
        min: null,
      });
    });
  });
});
