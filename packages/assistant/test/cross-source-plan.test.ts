/**
 * Plain-language cross-source questions on the real PostgreSQL server: the join key is found from names, types
 * and value overlap, the question is read over both tables, previewed on a sample and run in full. Expected
 * figures are computed here from the generated demo rows, not by askdata.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CellValue } from '@askdata/core';
import { ensureDemoData, generateRetailDemo, openWorkspace, type Workspace } from '@askdata/engine';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import { retailStatements } from '../../connectors/test/contract/retail-tables';
import {
  type AnalysisSource,
  type CrossSourcePlanning,
  planCrossSource,
  postgresSource,
  runCrossSourcePlan,
  workspaceSource,
} from '../src/index';

const available = await probeService('postgres');
const namespace = `askdata_xplan_${process.pid}`;
const demo = generateRetailDemo();
const signupCut = [...demo.customers].map((customer) => customer.signupDay).sort((a, b) => a - b)[1500] ?? 0;
const cohortOf = (signupDay: number) => (signupDay < signupCut ? 'early' : 'late');

const vip = Array.from({ length: 30 }, (_, index) => ({
  customerId: index + 1,
  tier: index % 2 === 0 ? 'gold' : 'silver',
}));

function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function asRecord(rows: CellValue[][]): Record<string, number> {
  return Object.fromEntries(rows.map(([key, value]) => [String(key), Number(value)]));
}

function planOf(planning: CrossSourcePlanning) {
  if (planning.kind !== 'plan') throw new Error(`expected a plan, got ${JSON.stringify(planning)}`);
  return planning.plan;
}

describe.skipIf(!available)('cross-source questions: uploaded files × PostgreSQL', () => {
  let admin: pg.Client;
  let folder: string;
  let workspace: Workspace;
  let files: AnalysisSource;
  let database: AnalysisSource;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
    await admin.query(`CREATE SCHEMA ${namespace}`);
    for (const statement of retailStatements('postgres', namespace)) await admin.query(statement);
    await admin.query(`ANALYZE ${namespace}.orders`);
    await admin.query(`ANALYZE ${namespace}.customers`);
    // A small lookup table: 30 customers with a loyalty tier.
    await admin.query(`CREATE TABLE ${namespace}.vip (customer_id integer PRIMARY KEY, tier text NOT NULL)`);
    await admin.query(
      `INSERT INTO ${namespace}.vip VALUES ${vip.map((row) => `(${row.customerId}, '${row.tier}')`).join(', ')}`,
    );

    folder = mkdtempSync(join(tmpdir(), 'askdata-xplan-'));
    const write = (name: string, text: string) => {
      const path = join(folder, name);
      writeFileSync(path, text);
      return path;
    };
    const demoFiles = await ensureDemoData(join(folder, 'demo'));
    workspace = await openWorkspace({ home: join(folder, 'workspace') });
    await workspace.load(
      write(
        'customer_cohorts.csv',
        `customer_id,cohort\n${demo.customers.map((customer) => `${customer.id},${cohortOf(customer.signupDay)}`).join('\n')}\n`,
      ),
    );
    await workspace.load(demoFiles.files.orders, { name: 'web_orders' });
    await workspace.load(
      write(
        'accounts.csv',
        `customer_id,country,score\n${demo.customers
          .slice(0, 100)
          .map((customer) => `${customer.id},${customer.country},${customer.id % 7}`)
          .join('\n')}\n`,
      ),
    );
    await workspace.load(write('colours.csv', 'colour,votes\nred,3\nblue,5\ngreen,8\n'));
    files = workspaceSource(workspace);
    database = await postgresSource({ url: serviceAddresses.postgres.url, schemas: [namespace] });
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    workspace?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
    await admin?.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
    await admin?.end();
  });

  it('finds the key by name and value overlap, previews on a sample, then runs in full', async () => {
    const plan = planOf(
      await planCrossSource('number of orders by cohort', {
        files,
        database,
        fileTables: ['customer_cohorts'],
      }),
    );
    expect(plan.key).toMatchObject({
      file: { table: 'customer_cohorts', column: 'customer_id' },
      database: { table: 'orders', column: 'customer_id' },
      reason: 'same-name',
      overlap: { sampled: 200, found: expect.any(Number) },
    });
    expect(plan.key.overlap.ratio).toBeGreaterThanOrEqual(0.5);
    // Orders repeat a customer; the file holds each customer once, so the join points from orders to the file.
    expect(plan.relationship).toEqual({
      from: { table: 'orders', column: 'customer_id' },
      to: { table: 'customer_cohorts', column: 'customer_id' },
    });

    const preview = await runCrossSourcePlan(plan, { files, database, mode: 'preview', previewRows: 40 });
    expect(preview.preview).toBe(true);
    expect(preview.moved.rows).toBe(40);

    const full = await runCrossSourcePlan(plan, { files, database, mode: 'full' });
    const customers = new Map(demo.customers.map((customer) => [customer.id, customer.signupDay]));
    expect(asRecord(full.result.rows)).toEqual(
      tally(demo.orders.map((order) => cohortOf(customers.get(order.customerId) ?? 0))),
    );
    expect(full.strategy).toBe('send-file-rows-to-database');
    expect(full.sources.map((source) => source.tables)).toEqual([
      ['customer_cohorts'],
      [`${namespace}.orders`],
    ]);
    expect(full.chart.choice.type).not.toBe('table');
    expect(full.notes.join(' ')).not.toMatch(/empty \(null\) value/);
  });

  it('joins a big uploaded file to the database table its key points at, pulling only the needed slice', async () => {
    const plan = planOf(
      await planCrossSource('number of orders by region', { files, database, fileTables: ['web_orders'] }),
    );
    expect(plan.key).toMatchObject({
      file: { table: 'web_orders', column: 'customer_id' },
      database: { table: 'customers', column: 'id' },
      reason: 'table-key',
    });
    const full = await runCrossSourcePlan(plan, { files, database, mode: 'full' });
    const regions = new Map(demo.customers.map((customer) => [customer.id, customer.region]));
    expect(asRecord(full.result.rows)).toEqual(
      tally(demo.orders.map((order) => regions.get(order.customerId) ?? 'null')),
    );
    expect(full.strategy).toBe('pull-database-slice-into-workspace');
  });

  it('confirms a key into a small lookup table by the share of its own values found', async () => {
    const plan = planOf(
      await planCrossSource('number of orders by tier', { files, database, fileTables: ['web_orders'] }),
    );
    expect(plan.key).toMatchObject({
      file: { table: 'web_orders', column: 'customer_id' },
      database: { table: 'vip', column: 'customer_id' },
    });
    // Only 30 of the 200 sampled file keys can be in a 30-row table: the share is of those 30.
    expect(plan.key.overlap.found).toBeLessThanOrEqual(30);
    expect(plan.key.overlap.ratio).toBeGreaterThanOrEqual(0.5);
    const full = await runCrossSourcePlan(plan, { files, database, mode: 'full' });
    const tiers = new Map(vip.map((row) => [row.customerId, row.tier]));
    expect(asRecord(full.result.rows)).toEqual(
      tally(demo.orders.map((order) => tiers.get(order.customerId) ?? 'null')),
    );
    // Orders of customers without a tier form the empty group, and the notes say why.
    expect(full.notes).toContain(
      '1 group of the result has an empty (null) value: file rows whose customer_id has no match in vip, or database rows with no value there.',
    );
  });

  it('asks which key to use when two join the tables equally well, and follows the one the question names', async () => {
    const planning = await planCrossSource('average score by region', {
      files,
      database,
      fileTables: ['accounts'],
    });
    expect(planning.kind).toBe('clarify');
    if (planning.kind !== 'clarify') return;
    expect(planning.candidates.map((candidate) => candidate.file.column).sort()).toEqual([
      'country',
      'customer_id',
    ]);
    expect(planning.question).toMatch(/join on/);

    const plan = planOf(
      await planCrossSource('average score by region, join on customer id', {
        files,
        database,
        fileTables: ['accounts'],
      }),
    );
    expect(plan.key).toMatchObject({
      file: { column: 'customer_id' },
      database: { table: 'customers', column: 'id' },
      reason: 'named',
    });
    const full = await runCrossSourcePlan(plan, { files, database, mode: 'full' });
    const scores: Record<string, number[]> = {};
    for (const customer of demo.customers.slice(0, 100))
      scores[customer.region] = [...(scores[customer.region] ?? []), customer.id % 7];
    const expected = Object.fromEntries(
      Object.entries(scores).map(([region, values]) => [
        region,
        values.reduce((sum, value) => sum + value, 0) / values.length,
      ]),
    );
    const got = asRecord(full.result.rows);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [region, value] of Object.entries(expected)) expect(got[region]).toBeCloseTo(value, 6);
  });

  it('says plainly when no column can join the file with the database', async () => {
    const planning = await planCrossSource('total votes by region', {
      files,
      database,
      fileTables: ['colours'],
    });
    expect(planning).toMatchObject({ kind: 'clarify', candidates: [] });
    if (planning.kind === 'clarify')
      expect(planning.question).toMatch(/^Which columns join colours with PostgreSQL/);
  });
});
