/**
 * Narrative facts checked numerically against the data: each case runs SQL in DuckDB, computes
 * facts from the result, and compares them with figures DuckDB computes independently (raw-table
 * totals, ORDER BY … LIMIT for leaders, regr_slope for trends, median/MAD for outliers).
 */

import type { QuerySpec } from '@askdata/core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNarrativeNumbers } from '../src/narrative/check-narrative-numbers';
import { computeFacts } from '../src/narrative/compute-facts';
import type { Fact } from '../src/narrative/fact';
import type { NarrativeContext } from '../src/narrative/narrative-context';
import { periodLabel } from '../src/narrative/period';
import { writeText } from '../src/narrative/write-narrative';
import { column, createRetailDatabase, runQuery, scalar } from './narrative-fixture';

let db: DuckDBConnection;
beforeAll(async () => {
  db = await createRetailDatabase();
});
afterAll(() => db.closeSync());

interface BaseCase {
  name: string;
  spec: QuerySpec;
  sql: string;
  context?: NarrativeContext;
}
interface CategoryCase extends BaseCase {
  kind: 'category';
  /** Independent total from the base table (additive, unlimited cases). */
  rawTotalSql?: string;
  /** Expected outlier members, from SQL below. */
  expectOutliers?: boolean;
  /** Pass the raw total to the narrator as the grand total (as verification's runTotal would). */
  withGrandTotal?: boolean;
}
interface TimeCase extends BaseCase {
  kind: 'time';
  partial: boolean;
  rawTotalSql?: string;
}
interface ValueCase extends BaseCase {
  kind: 'value';
  expected: Record<string, string>;
}
type Case = CategoryCase | TimeCase | ValueCase;

const col = (column: string, table?: string) => (table ? { table, column } : { column });
const sum = (id: string, column: string, label?: string) => ({
  id,
  aggregation: 'sum' as const,
  column: col(column),
  ...(label ? { label } : {}),
});
const count = (id: string) => ({ id, aggregation: 'count' as const });
const by = (id: string, column: string, table?: string) => ({ id, column: col(column, table) });
const byGrain = (id: 'month' | 'quarter' | 'year' | 'week' | 'day', column = 'order_date') => ({
  id,
  column: col(column),
  grain: id,
});
const spec = (parts: Partial<QuerySpec>): QuerySpec => ({
  table: 'orders',
  measures: [],
  dimensions: [],
  filters: [],
  ...parts,
});

const cases: Case[] = [
  {
    name: 'revenue by region',
    kind: 'category',
    spec: spec({ measures: [sum('revenue', 'amount', 'Revenue')], dimensions: [by('region', 'region')] }),
    sql: 'SELECT region, sum(amount) AS revenue FROM orders GROUP BY region',
    rawTotalSql: 'SELECT sum(amount) FROM orders',
  },
  {
    name: 'order count by category',
    kind: 'category',
    spec: spec({ measures: [count('orders')], dimensions: [by('category', 'category')] }),
    sql: 'SELECT category, count(*) AS orders FROM orders GROUP BY category',
    rawTotalSql: 'SELECT count(*) FROM orders',
  },
  {
    name: 'quantity by product for electronics',
    kind: 'category',
    spec: spec({
      measures: [sum('units', 'quantity')],
      dimensions: [by('product', 'product')],
      filters: [{ op: 'eq', column: col('category'), value: 'Electronics' }],
    }),
    sql: "SELECT product, sum(quantity) AS units FROM orders WHERE category = 'Electronics' GROUP BY product",
    rawTotalSql: "SELECT sum(quantity) FROM orders WHERE category = 'Electronics'",
  },
  {
    name: 'revenue by status',
    kind: 'category',
    spec: spec({ measures: [sum('revenue', 'amount')], dimensions: [by('status', 'status')] }),
    sql: 'SELECT status, sum(amount) AS revenue FROM orders GROUP BY status',
    rawTotalSql: 'SELECT sum(amount) FROM orders',
  },
  {
    name: 'average amount by region (not additive)',
    kind: 'category',
    spec: spec({
      measures: [{ id: 'avg_amount', aggregation: 'avg', column: col('amount') }],
      dimensions: [by('region', 'region')],
    }),
    sql: 'SELECT region, avg(amount) AS avg_amount FROM orders GROUP BY region',
  },
  {
    name: 'distinct customers by region (not additive)',
    kind: 'category',
    spec: spec({
      measures: [{ id: 'customers', aggregation: 'count_distinct', column: col('customer_id') }],
      dimensions: [by('region', 'region')],
    }),
    sql: 'SELECT region, count(DISTINCT customer_id) AS customers FROM orders GROUP BY region',
  },
  {
    name: 'revenue by product for complete orders',
    kind: 'category',
    spec: spec({
      measures: [sum('revenue', 'amount')],
      dimensions: [by('product', 'product')],
      filters: [{ op: 'eq', column: col('status'), value: 'complete' }],
    }),
    sql: "SELECT product, sum(amount) AS revenue FROM orders WHERE status = 'complete' GROUP BY product",
    rawTotalSql: "SELECT sum(amount) FROM orders WHERE status = 'complete'",
  },
  {
    name: 'top 3 products with the grand total known',
    kind: 'category',
    withGrandTotal: true,
    spec: spec({
      measures: [sum('revenue', 'amount')],
      dimensions: [by('product', 'product')],
      topN: { n: 3, by: 'revenue' },
    }),
    sql: 'SELECT product, sum(amount) AS revenue FROM orders GROUP BY product ORDER BY revenue DESC LIMIT 3',
    rawTotalSql: 'SELECT sum(amount) FROM orders',
  },
  {
    name: 'top 3 products without a grand total',
    kind: 'category',
    spec: spec({
      measures: [sum('revenue', 'amount')],
      dimensions: [by('product', 'product')],
      topN: { n: 3, by: 'revenue' },
    }),
    sql: 'SELECT product, sum(amount) AS revenue FROM orders GROUP BY product ORDER BY revenue DESC LIMIT 3',
  },
  {
    name: 'revenue by region and category',
    kind: 'category',
    spec: spec({
      measures: [sum('revenue', 'amount')],
      dimensions: [by('region', 'region'), by('category', 'category')],
    }),
    sql: "SELECT region, category, sum(amount) AS revenue, region || ' / ' || category AS label FROM orders GROUP BY region, category",
    rawTotalSql: 'SELECT sum(amount) FROM orders',
  },
  {
    name: 'sales by store with an outlier',
    kind: 'category',
    spec: {
      table: 'store_sales',
      measures: [sum('sales', 'sales')],
      dimensions: [by('store', 'store')],
      filters: [],
    },
    sql: 'SELECT store, sum(sales) AS sales FROM store_sales GROUP BY store',
    rawTotalSql: 'SELECT sum(sales) FROM store_sales',
    expectOutliers: true,
  },
  {
    name: 'revenue by customer segment (join)',
    kind: 'category',
    spec: spec({ measures: [sum('revenue', 'amount')], dimensions: [by('segment', 'segment', 'customers')] }),
    sql: 'SELECT c.segment, sum(o.amount) AS revenue FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.segment',
    rawTotalSql: 'SELECT sum(amount) FROM orders WHERE customer_id IN (SELECT id FROM customers)',
  },
  {
    name: 'largest order by category (not additive)',
    kind: 'category',
    spec: spec({
      measures: [{ id: 'largest', aggregation: 'max', column: col('amount') }],
      dimensions: [by('category', 'category')],
    }),
    sql: 'SELECT category, max(amount) AS largest FROM orders GROUP BY category',
  },
  {
    name: 'orders by region in 2023',
    kind: 'category',
    spec: spec({
      measures: [count('orders')],
      dimensions: [by('region', 'region')],
      filters: [{ op: 'date_range', column: col('order_date'), from: '2023-01-01', to: '2023-12-31' }],
    }),
    sql: "SELECT region, count(*) AS orders FROM orders WHERE order_date BETWEEN DATE '2023-01-01' AND DATE '2023-12-31' GROUP BY region",
    rawTotalSql: 'SELECT count(*) FROM orders WHERE year(order_date) = 2023',
  },
  {
    name: 'monthly revenue with a partial last month',
    kind: 'time',
    partial: true,
    spec: spec({ measures: [sum('revenue', 'amount')], dimensions: [byGrain('month')], asOf: '2024-06-15' }),
    sql: "SELECT date_trunc('month', order_date) AS month, sum(amount) AS revenue FROM orders GROUP BY 1",
    rawTotalSql: 'SELECT sum(amount) FROM orders',
  },
  {
    name: 'monthly orders, data ending mid-month',
    kind: 'time',
    partial: true,
    spec: spec({ measures: [count('orders')], dimensions: [byGrain('month')] }),
    sql: "SELECT date_trunc('month', order_date) AS month, count(*) AS orders FROM orders GROUP BY 1",
    context: { dataEnd: '2024-06-15' },
    rawTotalSql: 'SELECT count(*) FROM orders',
  },
  {
    name: 'quarterly revenue',
    kind: 'time',
    partial: true,
    spec: spec({
      measures: [sum('revenue', 'amount')],
      dimensions: [byGrain('quarter')],
      asOf: '2024-06-15',
    }),
    sql: "SELECT date_trunc('quarter', order_date) AS quarter, sum(amount) AS revenue FROM orders GROUP BY 1",
    rawTotalSql: 'SELECT sum(amount) FROM orders',
  },
  {
    name: 'yearly orders',
    kind: 'time',
    partial: true,
    spec: spec({ measures: [count('orders')], dimensions: [byGrain('year')], asOf: '2024-06-15' }),
    sql: "SELECT date_trunc('year', order_date) AS year, count(*) AS orders FROM orders GROUP BY 1",
    rawTotalSql: 'SELECT count(*) FROM orders',
  },
  {
    name: 'monthly revenue in 2023 (complete)',
    kind: 'time',
    partial: false,
    spec: spec({
      measures: [sum('revenue', 'amount')],
      dimensions: [byGrain('month')],
      filters: [{ op: 'date_range', column: col('order_date'), from: '2023-01-01', to: '2023-12-31' }],
      asOf: '2024-06-15',
    }),
    sql: "SELECT date_trunc('month', order_date) AS month, sum(amount) AS revenue FROM orders WHERE year(order_date) = 2023 GROUP BY 1",
    rawTotalSql: 'SELECT sum(amount) FROM orders WHERE year(order_date) = 2023',
  },
  {
    name: 'weekly orders in spring 2024',
    kind: 'time',
    partial: false,
    spec: spec({ measures: [count('orders')], dimensions: [byGrain('week')], asOf: '2024-06-15' }),
    sql: "SELECT date_trunc('week', order_date) AS week, count(*) AS orders FROM orders WHERE order_date BETWEEN DATE '2024-03-04' AND DATE '2024-05-26' GROUP BY 1",
    rawTotalSql:
      "SELECT count(*) FROM orders WHERE order_date BETWEEN DATE '2024-03-04' AND DATE '2024-05-26'",
  },
  {
    name: 'daily revenue in early May 2024',
    kind: 'time',
    partial: false,
    spec: spec({ measures: [sum('revenue', 'amount')], dimensions: [byGrain('day')], asOf: '2024-06-15' }),
    sql: "SELECT order_date AS day, sum(amount) AS revenue FROM orders WHERE order_date BETWEEN DATE '2024-05-01' AND DATE '2024-05-20' GROUP BY 1",
    rawTotalSql:
      "SELECT sum(amount) FROM orders WHERE order_date BETWEEN DATE '2024-05-01' AND DATE '2024-05-20'",
  },
  {
    name: 'monthly units in the North, 2023',
    kind: 'time',
    partial: false,
    spec: spec({ measures: [sum('units', 'quantity')], dimensions: [byGrain('month')], asOf: '2024-06-15' }),
    sql: "SELECT date_trunc('month', order_date) AS month, sum(quantity) AS units FROM orders WHERE region = 'North' AND year(order_date) = 2023 GROUP BY 1",
    rawTotalSql: "SELECT sum(quantity) FROM orders WHERE region = 'North' AND year(order_date) = 2023",
  },
  {
    name: 'total revenue in 2024',
    kind: 'value',
    spec: spec({ measures: [sum('revenue', 'amount')] }),
    sql: 'SELECT sum(amount) AS revenue FROM orders WHERE year(order_date) = 2024',
    expected: { revenue: "SELECT sum(amount) FROM orders WHERE order_date >= DATE '2024-01-01'" },
  },
  {
    name: 'average order and order count',
    kind: 'value',
    spec: spec({
      measures: [{ id: 'avg_amount', aggregation: 'avg', column: col('amount') }, count('orders')],
    }),
    sql: 'SELECT avg(amount) AS avg_amount, count(*) AS orders FROM orders',
    expected: {
      avg_amount: 'SELECT sum(amount) / count(amount) FROM orders',
      orders: 'SELECT count(id) FROM orders',
    },
  },
  {
    name: 'median furniture order',
    kind: 'value',
    spec: spec({ measures: [{ id: 'median_amount', aggregation: 'median', column: col('amount') }] }),
    sql: "SELECT median(amount) AS median_amount FROM orders WHERE category = 'Furniture'",
    expected: { median_amount: "SELECT quantile_cont(amount, 0.5) FROM orders WHERE category = 'Furniture'" },
  },
];

function expectClose(actual: number | undefined, expected: number | null) {
  expect(actual).toBeDefined();
  expect(expected).not.toBeNull();
  expect(Math.abs((actual as number) - (expected as number))).toBeLessThanOrEqual(
    1e-6 * Math.max(1, Math.abs(expected as number)),
  );
}

const factOf = (facts: Fact[], kind: Fact['kind']) => facts.find((fact) => fact.kind === kind);
const numberOf = (fact: Fact | undefined, name: string) =>
  fact?.numbers.find((number) => number.name === name)?.value;

async function checkCategory(testCase: CategoryCase, facts: Fact[], context: NarrativeContext) {
  const measure = testCase.spec.topN?.by ?? testCase.spec.measures[0]!.id;
  const dims = testCase.spec.dimensions;
  const labelExpression = dims.length === 1 ? `CAST(${dims[0]!.id} AS VARCHAR)` : 'label';
  const q = `(${testCase.sql}) q`;
  const additive = ['sum', 'count'].includes(testCase.spec.measures[0]!.aggregation ?? '');
  const limited = testCase.spec.topN !== undefined;
  const grandTotal = context.totals?.[measure];

  expectClose(
    numberOf(factOf(facts, 'member_count'), 'members'),
    await scalar(db, `SELECT count(*) FROM ${q} WHERE ${measure} IS NOT NULL`),
  );
  const top = factOf(facts, 'top')!;
  const max = await scalar(db, `SELECT max(${measure}) FROM ${q}`);
  expectClose(numberOf(top, 'value'), max);
  expect(await column(db, `SELECT ${labelExpression} FROM ${q} WHERE ${measure} = ${max}`)).toContain(
    top.members?.[0],
  );
  const min = await scalar(db, `SELECT min(${measure}) FROM ${q}`);
  expectClose(numberOf(factOf(facts, 'bottom'), 'value'), min);

  const total = factOf(facts, 'total');
  if (!additive) {
    expect(total).toBeUndefined();
    expect(numberOf(top, 'share')).toBeUndefined();
    expect(factOf(facts, 'concentration')).toBeUndefined();
    return;
  }
  if (limited && grandTotal === undefined) {
    expect(total?.detail).toBe('shown');
    expectClose(numberOf(total, 'total'), await scalar(db, `SELECT sum(${measure}) FROM ${q}`));
    expect(numberOf(top, 'share')).toBeUndefined();
    return;
  }
  const rawTotal = await scalar(db, testCase.rawTotalSql!);
  expectClose(numberOf(total, 'total'), rawTotal);
  expectClose(numberOf(top, 'share'), ((max as number) / (rawTotal as number)) * 100);
  const leaders = limited ? (testCase.spec.topN?.n ?? 3) : 3;
  const concentration = factOf(facts, 'concentration');
  const members = await scalar(db, `SELECT count(*) FROM ${q}`);
  if (limited || (members as number) >= 5) {
    const leading = await scalar(
      db,
      `SELECT sum(${measure}) FROM (SELECT ${measure} FROM ${q} ORDER BY ${measure} DESC LIMIT ${leaders})`,
    );
    expectClose(numberOf(concentration, 'share'), ((leading as number) / (rawTotal as number)) * 100);
    expectClose(numberOf(concentration, 'n'), leaders);
  } else expect(concentration).toBeUndefined();

  const outlierSql = `WITH s AS (SELECT median(${measure}) AS med FROM ${q}), d AS (SELECT median(abs(${measure} - med)) AS mad FROM ${q}, s)
    SELECT ${labelExpression} FROM ${q}, s, d WHERE mad > 0 AND abs(0.6745 * (${measure} - med) / mad) > 3.5 ORDER BY 1`;
  const expectedOutliers = (members as number) >= 7 ? await column(db, outlierSql) : [];
  const outliers = facts.filter((fact) => fact.kind === 'outlier').map((fact) => fact.members?.[0]);
  expect(outliers.sort()).toEqual(expectedOutliers.slice(0, 2).sort());
  if (testCase.expectOutliers) expect(outliers.length).toBeGreaterThan(0);
}

async function checkTime(testCase: TimeCase, facts: Fact[]) {
  const measure = testCase.spec.measures[0]!.id;
  const dimension = testCase.spec.dimensions[0]!;
  const series = `(SELECT ${dimension.id} AS p, ${measure} AS m FROM (${testCase.sql}) WHERE ${measure} IS NOT NULL)`;
  const lastPeriod = await column(db, `SELECT CAST(max(p) AS VARCHAR) FROM ${series}`);
  const latest = factOf(facts, 'latest')!;
  expect(latest.detail).toBe(testCase.partial ? 'partial' : 'complete');
  expect(latest.members?.[0]).toBe(periodLabel(lastPeriod[0], dimension.grain));
  expectClose(numberOf(latest, 'value'), await scalar(db, `SELECT arg_max(m, p) FROM ${series}`));

  const complete = testCase.partial
    ? `(SELECT * FROM ${series} WHERE p < (SELECT max(p) FROM ${series}))`
    : series;
  if (testCase.rawTotalSql)
    expectClose(numberOf(factOf(facts, 'total'), 'total'), await scalar(db, testCase.rawTotalSql));
  const periods = (await scalar(db, `SELECT count(*) FROM ${complete}`)) as number;
  if (periods < 2) {
    // One complete period: nothing to compare with, and no trend.
    expect(factOf(facts, 'period_change')).toBeUndefined();
    expect(factOf(facts, 'trend')).toBeUndefined();
    return;
  }
  const change = factOf(facts, 'period_change')!;
  const current = await scalar(db, `SELECT m FROM ${complete} ORDER BY p DESC LIMIT 1`);
  const previous = await scalar(db, `SELECT m FROM ${complete} ORDER BY p DESC LIMIT 1 OFFSET 1`);
  expectClose(numberOf(change, 'current'), current);
  expectClose(numberOf(change, 'previous'), previous);
  expectClose(
    numberOf(change, 'change_pct'),
    (((current as number) - (previous as number)) / Math.abs(previous as number)) * 100,
  );

  if (periods < 3) {
    expect(factOf(facts, 'trend')).toBeUndefined();
    return;
  }
  const trend = factOf(facts, 'trend')!;
  const slope = await scalar(
    db,
    `SELECT regr_slope(m, rn) FROM (SELECT m, row_number() OVER (ORDER BY p) - 1 AS rn FROM ${complete})`,
  );
  expectClose(numberOf(trend, 'slope'), slope);
  const first = await scalar(db, `SELECT arg_min(m, p) FROM ${complete}`);
  const last = await scalar(db, `SELECT arg_max(m, p) FROM ${complete}`);
  expectClose(
    numberOf(trend, 'change_pct'),
    (((last as number) - (first as number)) / Math.abs(first as number)) * 100,
  );
  expectClose(numberOf(trend, 'periods'), await scalar(db, `SELECT count(*) FROM ${complete}`));
  // Flat when the fitted change over the whole span is under 5% of the mean; otherwise the slope's sign.
  const mean = (await scalar(db, `SELECT avg(m) FROM ${complete}`)) as number;
  const flat = Math.abs((slope as number) * (periods - 1)) < 0.05 * Math.abs(mean);
  expect(trend.detail).toBe(flat ? 'flat' : (slope as number) > 0 ? 'up' : 'down');
  expectClose(numberOf(factOf(facts, 'peak'), 'value'), await scalar(db, `SELECT max(m) FROM ${complete}`));
}

describe('computeFacts against DuckDB', () => {
  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const result = await runQuery(db, testCase.sql);
      const context: NarrativeContext = { ...testCase.context };
      if (testCase.kind === 'category' && testCase.withGrandTotal) {
        context.totals = {
          [testCase.spec.measures[0]!.id]: (await scalar(db, testCase.rawTotalSql!)) as number,
        };
      }
      const facts = computeFacts(testCase.spec, result, context);
      if (testCase.kind === 'category') await checkCategory(testCase, facts, context);
      else if (testCase.kind === 'time') await checkTime(testCase, facts);
      else {
        for (const [id, sql] of Object.entries(testCase.expected)) {
          expectClose(
            numberOf(
              facts.find((fact) => fact.measure === id),
              'value',
            ),
            await scalar(db, sql),
          );
        }
      }
      // The writer only states numbers from the facts, in 1–4 sentences.
      const text = writeText(facts);
      if (process.env.SHOW_NARRATIVES) console.log(`${testCase.name}: ${text}`);
      expect(checkNarrativeNumbers(text, facts)).toMatchObject({ ok: true, invented: [] });
      const sentences = text.split(/(?<=\.)\s+(?=[A-Z])/).length;
      expect(sentences).toBeGreaterThanOrEqual(1);
      expect(sentences).toBeLessThanOrEqual(4);
    });
  }
});
