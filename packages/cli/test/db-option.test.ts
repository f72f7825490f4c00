import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import { runCli } from './run-cli';

const available = await probeService('postgres');
const namespace = `askdata_cli_db_${process.pid}`;
const spiderDb = resolve(import.meta.dirname, '../../../../shared/bench/spider/db/concert_singer.sqlite');

describe.skipIf(!available)('askdata --db (questions run in the database)', () => {
  let home: string;
  let admin: pg.Client;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'askdata-cli-db-'));
    admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
    await admin.query(`CREATE SCHEMA ${namespace}`);
    await admin.query(
      `CREATE TABLE ${namespace}.sales (id integer PRIMARY KEY, region text NOT NULL, revenue numeric(10,2) NOT NULL)`,
    );
    await admin.query(`COMMENT ON TABLE ${namespace}.sales IS 'One row per sale.'`);
    await admin.query(
      `INSERT INTO ${namespace}.sales VALUES (1, 'EMEA', 100.50), (2, 'EMEA', 20), (3, 'APAC', 7.25), (4, 'Americas', 40)`,
    );
  });

  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
    await admin?.end();
    rmSync(home, { recursive: true, force: true });
  });

  it('lists the tables of a PostgreSQL database', async () => {
    const run = await runCli(
      home,
      'tables',
      '--db',
      serviceAddresses.postgres.url,
      '--schema',
      namespace,
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as {
      source: string;
      tables: Array<{ name: string; namespace: string; description: string; primaryKey: string[] }>;
    };
    expect(listed.source).toMatch(/^PostgreSQL /);
    expect(listed.tables).toEqual([
      expect.objectContaining({
        name: 'sales',
        namespace,
        description: 'One row per sale.',
        primaryKey: ['id'],
      }),
    ]);
  });

  it('answers a question with SQL compiled for and run in PostgreSQL', async () => {
    const run = await runCli(
      home,
      'ask',
      '--db',
      serviceAddresses.postgres.url,
      '--schema',
      namespace,
      'total revenue by region',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as { dialect: string; sql: string; result: { rows: unknown[][] } };
    expect(answer.dialect).toBe('postgres');
    expect(answer.sql).toContain(`"${namespace}"."sales"`);
    expect(answer.result.rows).toEqual(
      expect.arrayContaining([
        ['EMEA', 120.5],
        ['APAC', 7.25],
        ['Americas', 40],
      ]),
    );
  });

  it('lists a SQLite file with keys and exact row counts', async () => {
    const run = await runCli(home, 'tables', '--db', spiderDb, '--json');
    expect(run.code, run.stderr).toBe(0);
    const listed = JSON.parse(run.stdout) as {
      tables: Array<{ name: string; rowCount: number; primaryKey?: string[] }>;
    };
    expect(listed.tables.map((table) => table.name)).toEqual([
      'concert',
      'singer',
      'singer_in_concert',
      'stadium',
    ]);
    expect(listed.tables.find((table) => table.name === 'singer')?.primaryKey).toEqual(['Singer_ID']);
  });
});
