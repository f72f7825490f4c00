/**
 * The one contract every connector passes. A test file calls `describeConnectorContract(name, factory)`;
 * the factory loads the retail demo tables where its connector sees them (see contract-fixture.ts).
 * Expectations follow the connector's declared capabilities, never its kind.
 */
import { AskdataError, type TableSchema, type ValidatedSql } from '@askdata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/connector';
import { schemaChangesSince, schemaFingerprint, schemaSnapshot } from '../../src/schema-changes';
import type { ContractFactory, ContractFixture } from './contract-fixture';
import { retailFigures } from './retail-tables';

async function caught(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to fail');
}

export function describeConnectorContract(
  name: string,
  factory: ContractFactory,
  options: { available?: boolean } = {},
): void {
  describe.skipIf(options.available === false)(`connector contract: ${name}`, () => {
    let fixture: ContractFixture;
    let connector: Connector;
    const figures = retailFigures();

    const quote = (identifier: string) =>
      connector.dialect === 'mysql' ? `\`${identifier}\`` : `"${identifier.replaceAll('"', '""')}"`;
    const table = (tableName: string) =>
      fixture.namespace ? `${quote(fixture.namespace)}.${quote(tableName)}` : quote(tableName);
    const sql = (text: string) => text as ValidatedSql;
    const run = (text: string, maxRows = 1000) =>
      connector.execute(sql(text), { maxRows, timeoutMs: 30_000 });
    const findTable = (tables: TableSchema[], tableName: string) =>
      tables.find(
        (candidate) =>
          candidate.name === tableName &&
          (fixture.namespace === undefined || candidate.namespace === fixture.namespace),
      );

    beforeAll(async () => {
      fixture = await factory();
      connector = fixture.connector;
    });

    afterAll(async () => {
      await fixture?.cleanup();
    });

    it('connects, and names each connection failure with its own code and one sentence', async () => {
      await connector.connect();
      await connector.connect();
      const failures = Object.entries(fixture.failingConnections);
      expect(failures.length).toBeGreaterThan(0);
      for (const [code, open] of failures) {
        const failing = open();
        try {
          const error = await caught(() => failing.connect({ timeoutMs: 5000 }));
          expect(AskdataError.isInstance(error), `${code}: ${String(error)}`).toBe(true);
          const typed = error as AskdataError;
          expect(typed.code, typed.message).toBe(code);
          expect(typed.message.split(/\.\s/).length, typed.message).toBe(1);
          expect(typed.message).not.toMatch(/password=|:[^@/\s]+@/);
        } finally {
          await failing.close();
        }
      }
    });

    it('describes tables, columns, types, keys, row counts and comments as its capabilities promise', async () => {
      const schema = await connector.introspect();
      for (const tableName of ['customers', 'products', 'orders', 'order_lines']) {
        expect(findTable(schema.tables, tableName), tableName).toBeDefined();
      }
      const orders = findTable(schema.tables, 'orders') as TableSchema;
      if (connector.capabilities.namespaces) expect(orders.namespace).toBe(fixture.namespace);
      const column = (columnName: string) =>
        orders.columns.find((candidate) => candidate.name === columnName);
      expect(orders.columns.map((candidate) => candidate.name)).toEqual([
        'order_id',
        'customer_id',
        'order_date',
        'ship_date',
        'status',
        'channel',
      ]);
      expect(column('order_id')?.logicalType).toBe('integer');
      expect(column('order_date')?.logicalType).toBe('date');
      expect(column('status')?.logicalType).toBe('text');
      expect(column('ship_date')?.nullable).toBe(true);
      for (const candidate of orders.columns) expect(candidate.sourceType.length).toBeGreaterThan(0);
      const lines = findTable(schema.tables, 'order_lines') as TableSchema;
      const revenue = lines.columns.find((candidate) => candidate.name === 'revenue');
      expect(['decimal', 'float']).toContain(revenue?.logicalType);

      if (connector.capabilities.primaryKeys) {
        expect(orders.primaryKey).toEqual(['order_id']);
        expect(lines.primaryKey).toEqual(['order_id', 'line_no']);
      }
      if (connector.capabilities.foreignKeys) {
        expect(lines.foreignKeys).toEqual(
          expect.arrayContaining([
            { columns: ['order_id'], referencedTable: 'orders', referencedColumns: ['order_id'] },
            { columns: ['product_id'], referencedTable: 'products', referencedColumns: ['id'] },
          ]),
        );
      }
      const rowCounts = connector.capabilities.rowCounts;
      if (rowCounts === 'exact') expect(lines.rowCount).toBe(figures.orderLines);
      if (rowCounts === 'estimate') {
        expect(lines.rowCount).toBeGreaterThan(figures.orderLines * 0.8);
        expect(lines.rowCount).toBeLessThan(figures.orderLines * 1.2);
      }
      if (connector.capabilities.comments) {
        expect(orders.description).toBe('One row per order placed in the shop.');
        expect(column('status')?.description).toBe('Delivered, Shipped, Pending, Cancelled or Returned.');
      }

      const only = await connector.introspect({
        tables: [{ name: 'orders', ...(fixture.namespace ? { namespace: fixture.namespace } : {}) }],
      });
      expect(only.tables.map((candidate) => candidate.name)).toEqual(['orders']);
    });

    it('samples distinct values of a column', async () => {
      const ref = { name: 'customers', ...(fixture.namespace ? { namespace: fixture.namespace } : {}) };
      const regions = await connector.sampleValues(ref, 'region');
      expect([...regions].sort()).toEqual(figures.regions);
      const statuses = await connector.sampleValues({ ...ref, name: 'orders' }, 'status', { limit: 2 });
      expect(statuses).toHaveLength(2);
      for (const value of statuses) expect(figures.statuses).toContain(value);
      const emails = await connector.sampleValues(ref, 'email', { limit: 50 });
      expect(emails).toHaveLength(50);
      expect(emails).not.toContain(null);
    });

    it('executes validated SQL with JSON-safe cells and a row cap', async () => {
      const counts = await run(
        `SELECT count(*) AS n, sum(revenue) AS revenue, min(order_id) AS first_order FROM ${table('order_lines')}`,
      );
      expect(counts.columns.map((column) => column.name)).toEqual(['n', 'revenue', 'first_order']);
      expect(counts.rows[0]?.[0]).toBe(figures.orderLines);
      expect(Number(counts.rows[0]?.[1])).toBeCloseTo(figures.revenue, 2);
      const dates = await run(
        `SELECT order_date FROM ${table('orders')} WHERE order_id = (SELECT min(order_id) FROM ${table('orders')})`,
      );
      expect(dates.rows[0]?.[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(dates.columns[0]?.logicalType).toBe('date');
      const capped = await run(`SELECT order_id FROM ${table('orders')}`, 10);
      expect(capped.rowCount).toBe(10);
      expect(capped.truncated).toBe(true);
    });

    it('refuses writes at the source even when they reach it', async () => {
      const error = await caught(() => run(`DELETE FROM ${table('order_lines')}`));
      expect(AskdataError.isInstance(error)).toBe(true);
      const after = await run(`SELECT count(*) AS n FROM ${table('order_lines')}`);
      expect(after.rows[0]?.[0]).toBe(figures.orderLines);
    });

    it('streams a large result in batches, and stops cleanly when the reader leaves early', async () => {
      const sizes: number[] = [];
      for await (const batch of connector.stream(
        sql(`SELECT order_id, line_no, revenue FROM ${table('order_lines')}`),
        { batchRows: 5000, timeoutMs: 60_000 },
      )) {
        expect(batch.columns.map((column) => column.name)).toEqual(['order_id', 'line_no', 'revenue']);
        sizes.push(batch.rows.length);
      }
      expect(Math.max(...sizes)).toBeLessThanOrEqual(5000);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(figures.orderLines);
      expect(sizes.length).toBeGreaterThanOrEqual(Math.ceil(figures.orderLines / 5000));

      let seen = 0;
      for await (const batch of connector.stream(sql(`SELECT * FROM ${table('order_lines')}`), {
        batchRows: 1000,
        timeoutMs: 60_000,
      })) {
        seen += batch.rows.length;
        if (seen >= 2000) break;
      }
      expect(seen).toBe(2000);
      let capped = 0;
      for await (const batch of connector.stream(sql(`SELECT * FROM ${table('orders')}`), {
        batchRows: 300,
        maxRows: 1000,
        timeoutMs: 60_000,
      })) {
        capped += batch.rows.length;
      }
      expect(capped).toBe(1000);
      // The connection is healthy after a stream was abandoned.
      const after = await run(`SELECT count(*) AS n FROM ${table('orders')}`);
      expect(after.rows[0]?.[0]).toBe(figures.orders);
    });

    it('stops a statement at its time limit and on cancel, and stays usable', async () => {
      const started = performance.now();
      const timeout = await caught(() => connector.execute(fixture.slowSql, { maxRows: 10, timeoutMs: 500 }));
      expect((timeout as AskdataError).code).toBe('query_timeout');
      expect(performance.now() - started).toBeLessThan(10_000);

      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const cancelled = await caught(() =>
        connector.execute(fixture.slowSql, { maxRows: 10, timeoutMs: 60_000, signal: controller.signal }),
      );
      expect((cancelled as AskdataError).code).toBe('query_cancelled');

      const streamController = new AbortController();
      setTimeout(() => streamController.abort(), 300);
      const streamCancelled = await caught(async () => {
        for await (const _batch of connector.stream(fixture.slowSql, {
          timeoutMs: 60_000,
          signal: streamController.signal,
        })) {
          // A slow statement yields nothing before it is cancelled.
        }
      });
      expect((streamCancelled as AskdataError).code).toBe('query_cancelled');

      const after = await run(`SELECT count(*) AS n FROM ${table('customers')}`);
      expect(after.rows[0]?.[0]).toBe(figures.customers);
    });

    it('explains a query exactly when its capabilities say so', async () => {
      expect(typeof connector.explain === 'function').toBe(connector.capabilities.explain);
      if (!connector.explain) return;
      const plan = await connector.explain(sql(`SELECT count(*) FROM ${table('orders')}`));
      expect(plan.operator.length).toBeGreaterThan(0);
    });

    it('detects schema changes since the last snapshot', async () => {
      const before = schemaSnapshot(await connector.introspect());
      const unchanged = await schemaChangesSince(connector, before);
      expect(unchanged.changes).toEqual([]);
      expect(unchanged.snapshot.fingerprint).toBe(before.fingerprint);

      await fixture.addColumn(
        { name: 'orders', ...(fixture.namespace ? { namespace: fixture.namespace } : {}) },
        'note',
      );
      const changed = await schemaChangesSince(connector, before);
      expect(changed.snapshot.fingerprint).not.toBe(before.fingerprint);
      expect(changed.snapshot.fingerprint).toBe(schemaFingerprint(changed.snapshot.schema));
      const qualified = fixture.namespace ? `${fixture.namespace}.orders` : 'orders';
      expect(changed.changes).toEqual([
        expect.objectContaining({ kind: 'column_added', table: qualified, column: 'note' }),
      ]);
    });
  });
}
