/**
 * Cross-source joins on the real PostgreSQL server: an uploaded CSV in the DuckDB workspace joined with the
 * retail tables in PostgreSQL. Expected figures are computed here from the generated demo rows, not by askdata.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AskdataError, type CellValue, type QuerySpec } from '@askdata/core';
import { ensureDemoData, generateRetailDemo, openWorkspace, type Workspace } from '@askdata/engine';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import { retailStatements } from '../../connectors/test/contract/retail-tables';
import {
  type AnalysisSource,
  type CrossSourceOptions,
  type CrossSourceRelationship,
  crossSourceQuery,
  postgresSource,
  workspaceSource,
} from '../src/index';

const available = await probeService('postgres');
const namespace = `askdata_xsource_${process.pid}`;
const demo = generateRetailDemo();
const signupCut = [...demo.customers].map((customer) => customer.signupDay).sort((a, b) => a - b)[1500] ?? 0;
const cohortOf = (signupDay: number) => (signupDay < signupCut ? 'early' : 'late');

function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function asRecord(rows: CellValue[][]): Record<string, number> {
  return Object.fromEntries(rows.map(([key, value]) => [String(key), Number(value)]));
}

const ordersByCohort: QuerySpec = {
  table: 'orders',
  measures: [{ id: 'orders', aggregation: 'count' }],
  dimensions: [{ id: 'cohort', column: { table: 'cohorts', column: 'cohort' } }],
  filters: [],
};
const ordersToCohorts: CrossSourceRelationship = {
  from: { table: 'orders', column: 'customer_id' },
  to: { table: 'cohorts', column: 'customer_id' },
};

/** Uploaded orders joined to the database's customers, counted by region. */
const webOrdersToCustomers: CrossSourceRelationship = {
  from: { table: 'web_orders', column: 'customer_id' },
  to: { table: 'customers', column: 'id' },
};
function webOrdersByRegion(filters: QuerySpec['filters'] = []): QuerySpec {
  return {
    table: 'web_orders',
    measures: [{ id: 'orders', aggregation: 'count' }],
    dimensions: [{ id: 'region', column: { table: 'customers', column: 'region' } }],
    filters,
  };
}

describe.skipIf(!available)('cross-source joins: uploaded CSV × PostgreSQL', () => {
  let admin: pg.Client;
  let folder: string;
  let workspace: Workspace;
  let files: AnalysisSource;
  let database: AnalysisSource;
  const ran: Array<{ where: string; sql: string }> = [];

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
    await admin.query(`CREATE SCHEMA ${namespace}`);
    for (const statement of retailStatements('postgres', namespace)) await admin.query(statement);
    await admin.query(`ANALYZE ${namespace}.orders`);
    await admin.query(`ANALYZE ${namespace}.customers`);

    folder = mkdtempSync(join(tmpdir(), 'askdata-xsource-'));
    const cohorts = join(folder, 'cohorts.csv');
    writeFileSync(
      cohorts,
      `customer_id,cohort\n${demo.customers.map((customer) => `${customer.id},${cohortOf(customer.signupDay)}`).join('\n')}\n`,
    );
    const demoFiles = await ensureDemoData(join(folder, 'demo'));
    workspace = await openWorkspace({ home: join(folder, 'workspace') });
    await workspace.load(cohorts);
    await workspace.load(demoFiles.files.orders, { name: 'web_orders' });

    const spy = (source: AnalysisSource, where: string): AnalysisSource => ({
      ...source,
      run: (sql, limits) => {
        ran.push({ where, sql });
        return source.run(sql, limits);
      },
    });
    files = spy(workspaceSource(workspace), 'workspace');
    database = spy(
      await postgresSource({ url: serviceAddresses.postgres.url, schemas: [namespace] }),
      'postgres',
    );
  }, 120_000);

  const joinSources = (
    options: Omit<CrossSourceOptions, 'files' | 'database' | 'mode'> & { mode?: 'preview' },
  ) => crossSourceQuery({ files, database, mode: 'full', ...options });

  afterAll(async () => {
    await database?.close();
    workspace?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
    await admin?.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
    await admin?.end();
  });

  it('sends the small uploaded file to PostgreSQL and runs the join there, citing both sources', async () => {
    ran.length = 0;
    const answer = await joinSources({ relationship: ordersToCohorts, spec: ordersByCohort });
    const customers = new Map(demo.customers.map((customer) => [customer.id, customer.signupDay]));
    const expected = tally(demo.orders.map((order) => cohortOf(customers.get(order.customerId) ?? 0)));
    expect(asRecord(answer.result.rows)).toEqual(expected);
    expect(answer.strategy).toBe('send-file-rows-to-database');
    expect(answer.ranIn.dialect).toBe('postgres');
    expect(answer.moved).toMatchObject({ table: 'cohorts', rows: 3000, columns: ['customer_id', 'cohort'] });
    expect(answer.preview).toBe(false);
    expect(answer.sql).toMatch(/^WITH "cohorts"\("customer_id", "cohort"\) AS \(VALUES \(/);
    expect(answer.sql).toContain(`FROM "${namespace}"."orders"`);
    // The workspace only read the file; the join and the count ran in PostgreSQL.
    expect(ran.map((run) => run.where)).toEqual(['workspace', 'postgres']);
    expect(ran[0]?.sql).toContain('FROM "cohorts"');
    expect(answer.sources.map((source) => [source.label.split(' ')[0], source.tables])).toEqual([
      ['workspace', ['cohorts']],
      ['PostgreSQL', [`${namespace}.orders`]],
    ]);
    expect(answer.sources[0]?.snapshotIds).toHaveLength(1);
  });

  it('previews on a sample of the moved rows and says so', async () => {
    const answer = await joinSources({
      relationship: ordersToCohorts,
      spec: ordersByCohort,
      mode: 'preview',
      previewRows: 50,
    });
    expect(answer.preview).toBe(true);
    expect(answer.moved.rows).toBe(50);
    const sample = new Set(demo.customers.slice(0, 50).map((customer) => customer.id));
    const inSample = demo.orders.filter((order) => sample.has(order.customerId)).length;
    // Orders of customers outside the sample find no cohort (the join keeps them, under a NULL cohort).
    const byCohort = asRecord(answer.result.rows);
    expect((byCohort.early ?? 0) + (byCohort.late ?? 0)).toBe(inSample);
    expect(byCohort.null).toBe(demo.orders.length - inSample);
    expect(answer.notes.at(-1)).toBe(
      'Preview: computed on a sample of 50 rows of cohorts; confirm to run on all of them.',
    );
  });

  it('pulls only the needed slice of a database table into the workspace when the file is the big side', async () => {
    ran.length = 0;
    const answer = await joinSources({ relationship: webOrdersToCustomers, spec: webOrdersByRegion() });
    const regions = new Map(demo.customers.map((customer) => [customer.id, customer.region]));
    expect(asRecord(answer.result.rows)).toEqual(
      tally(demo.orders.map((order) => regions.get(order.customerId) ?? 'null')),
    );
    expect(answer.strategy).toBe('pull-database-slice-into-workspace');
    expect(answer.ranIn.dialect).toBe('duckdb');
    // Projected (two of eight columns) and filtered to the keys the file holds.
    expect(answer.moved.columns).toEqual(['id', 'region']);
    expect(answer.sliceSql).toMatch(
      new RegExp(
        `^SELECT "customers"\\."id" AS "c0", "customers"\\."region" AS "c1" FROM "${namespace}"\\."customers" AS "customers" WHERE "customers"\\."id" IN \\(`,
      ),
    );
    expect(ran.map((run) => run.where)).toEqual(['workspace', 'postgres', 'workspace']);
  });

  it("runs the question's filters on the moved table before the rows travel", async () => {
    const answer = await joinSources({
      relationship: webOrdersToCustomers,
      spec: webOrdersByRegion([
        { op: 'eq', column: { table: 'customers', column: 'segment' }, value: 'Corporate' },
      ]),
    });
    const corporate = new Map(
      demo.customers
        .filter((customer) => customer.segment === 'Corporate')
        .map((customer) => [customer.id, customer.region]),
    );
    expect(asRecord(answer.result.rows)).toEqual(
      tally(
        demo.orders
          .filter((order) => corporate.has(order.customerId))
          .map((order) => corporate.get(order.customerId) ?? ''),
      ),
    );
    // Only Corporate customers that occur in the uploaded orders travel.
    const buyers = new Set(demo.orders.map((order) => order.customerId));
    expect(answer.moved.rows).toBe([...corporate.keys()].filter((id) => buyers.has(id)).length);
    expect(answer.moved.columns).toEqual(['id', 'segment', 'region']);
    expect(answer.sliceSql).toContain(`"customers"."segment" = 'Corporate'`);
  });

  it('refuses to move more rows than allowed', async () => {
    let caught: unknown;
    try {
      await joinSources({ relationship: webOrdersToCustomers, spec: webOrdersByRegion(), maxMovedRows: 100 });
    } catch (error) {
      caught = error;
    }
    expect(AskdataError.isInstance(caught) && caught.code).toBe('result_too_large');
  });
});
