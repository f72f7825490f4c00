import {
  compileQuery,
  deriveSemanticModel,
  type Measure,
  type QueryResult,
  type QuerySpec,
} from '@askdata/core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { narrate } from '../src/narrative/narrate';
import { verifyAnswer } from '../src/verify/verify-answer';
import { createRetailDatabase, runQuery, scalar } from './narrative-fixture';

let db: DuckDBConnection;
beforeAll(async () => {
  db = await createRetailDatabase();
});
afterAll(() => db.closeSync());

const column = (name: string, logicalType: 'integer' | 'float' | 'text' | 'date', nullable = false) => ({
  name,
  sourceType: logicalType.toUpperCase(),
  logicalType,
  nullable,
});
const model = deriveSemanticModel({
  tables: [
    {
      name: 'orders',
      columns: [
        column('id', 'integer'),
        column('customer_id', 'integer'),
        column('order_date', 'date'),
        column('region', 'text'),
        column('amount', 'float', true),
        column('status', 'text'),
      ],
      primaryKey: ['id'],
      foreignKeys: [{ columns: ['customer_id'], referencedTable: 'customers', referencedColumns: ['id'] }],
    },
    { name: 'customers', columns: [column('id', 'integer'), column('segment', 'text')], primaryKey: ['id'] },
  ],
});

const revenue: Measure = { id: 'revenue', aggregation: 'sum', column: { column: 'amount' } };
const byRegion: QuerySpec = {
  table: 'orders',
  measures: [revenue],
  dimensions: [{ id: 'region', column: { column: 'region' } }],
  filters: [],
};

/** The injected callbacks, as a server would wire them: compile a variant of the spec and run it. */
function callbacks(spec: QuerySpec) {
  return {
    runTotal: async (measure: Measure) => {
      const totalSpec: QuerySpec = {
        table: spec.table,
        measures: [measure],
        dimensions: [],
        filters: spec.filters,
      };
      return scalar(db, compileQuery(totalSpec, model, 'duckdb').sql);
    },
    runSingleTableAggregate: async (measure: Measure) => {
      const own = spec.filters.filter((filter) => (filter.column.table ?? spec.table) === spec.table);
      return scalar(
        db,
        compileQuery(
          { table: spec.table, measures: [measure], dimensions: [], filters: own },
          model,
          'duckdb',
        ).sql,
      );
    },
  };
}

const statusOf = (report: Awaited<ReturnType<typeof verifyAnswer>>, id: string) =>
  report.checks.find((check) => check.id === id)?.status;

describe('verifyAnswer', () => {
  it('passes a correct breakdown whose parts sum to the total', async () => {
    const result = await runQuery(db, compileQuery(byRegion, model, 'duckdb').sql);
    const report = await verifyAnswer(byRegion, result, callbacks(byRegion));
    expect(statusOf(report, 'parts_sum_to_total')).toBe('pass');
    expect(statusOf(report, 'duplicate_groups')).toBe('pass');
    expect(report.caveats).toEqual([]);
    expect(report.confidenceDelta).toBe(0);
  });

  it('fails when the parts do not add up to the total', async () => {
    // A result that silently lost a group (as a wrong inner join would).
    const result = await runQuery(
      db,
      "SELECT region, sum(amount) AS revenue FROM orders WHERE region <> 'North' GROUP BY region",
    );
    const report = await verifyAnswer(byRegion, result, callbacks(byRegion));
    expect(statusOf(report, 'parts_sum_to_total')).toBe('fail');
    expect(report.caveats[0]?.code).toBe('verification_failed');
    expect(report.confidenceDelta).toBeLessThan(0);
    expect(report.clarification).toMatch(/does not add up/);
  });

  it('checks that top N rows are a subset of the total and reports their coverage', async () => {
    const spec: QuerySpec = { ...byRegion, topN: { n: 3, by: 'revenue' } };
    const result = await runQuery(db, compileQuery(spec, model, 'duckdb').sql);
    const report = await verifyAnswer(spec, result, callbacks(spec));
    const check = report.checks.find((candidate) => candidate.id === 'parts_sum_to_total');
    expect(check?.status).toBe('pass');
    const covered = (await scalar(
      db,
      'SELECT sum(revenue) FROM (SELECT sum(amount) AS revenue FROM orders GROUP BY region ORDER BY 1 DESC LIMIT 3)',
    ))!;
    const total = (await scalar(db, 'SELECT sum(amount) FROM orders'))!;
    expect(check?.message).toContain(`${Math.round((covered / total) * 100)}%`);
  });

  it('catches double counting from a fan-out join, and passes the compiled query', async () => {
    const spec: QuerySpec = {
      ...byRegion,
      dimensions: [{ id: 'segment', column: { table: 'customers', column: 'segment' } }],
    };
    const naive = await runQuery(
      db,
      `SELECT c.segment, sum(o.amount) AS revenue FROM orders o JOIN customers c ON c.id = o.customer_id
       LEFT JOIN order_notes n ON n.order_id = o.id GROUP BY c.segment`,
    );
    const bad = await verifyAnswer(spec, naive, callbacks(spec));
    expect(statusOf(bad, 'no_double_counting')).toBe('fail');
    expect(bad.clarification).toMatch(/more than once/);
    const compiled = await runQuery(db, compileQuery(spec, model, 'duckdb').sql);
    const good = await verifyAnswer(spec, compiled, callbacks(spec));
    expect(statusOf(good, 'no_double_counting')).toBe('pass');
  });

  it('turns an empty result into a clarification naming the filters', async () => {
    const spec: QuerySpec = {
      ...byRegion,
      filters: [{ op: 'eq', column: { column: 'region' }, value: 'Atlantis' }],
    };
    const result = await runQuery(db, compileQuery(spec, model, 'duckdb').sql);
    const report = await verifyAnswer(spec, result, callbacks(spec));
    expect(statusOf(report, 'empty_result')).toBe('fail');
    expect(report.clarification).toBe(
      'Nothing matched region is Atlantis. Should I widen or drop one of these filters?',
    );
    // The narrative states the empty result once, not once per source.
    const narrative = narrate(spec, result, {}, report);
    expect(narrative.caveats.map((caveat) => caveat.code)).toEqual(['empty_result']);
    expect(narrative.confidence.score).toBe(0.7);
  });

  const fake = (columns: QueryResult['columns'], rows: QueryResult['rows']): QueryResult => ({
    columns,
    rows,
    rowCount: rows.length,
    truncated: false,
    elapsedMs: 0,
  });
  const text = (name: string) => ({ name, sourceType: 'VARCHAR', logicalType: 'text' as const });
  const num = (name: string) => ({ name, sourceType: 'DOUBLE', logicalType: 'float' as const });

  it('flags duplicate groups, negative counts and a tiny breakdown', async () => {
    const spec: QuerySpec = { ...byRegion, measures: [{ id: 'orders', aggregation: 'count' }] };
    const report = await verifyAnswer(
      spec,
      fake(
        [text('region'), num('orders')],
        [
          ['North', 5],
          ['North', -1],
        ],
      ),
    );
    expect(statusOf(report, 'duplicate_groups')).toBe('fail');
    expect(statusOf(report, 'negative_count')).toBe('fail');
    const tiny = await verifyAnswer(spec, fake([text('region'), num('orders')], [['North', 5]]));
    expect(statusOf(tiny, 'tiny_result')).toBe('warn');
  });

  it('flags magnitudes the column profile makes impossible', async () => {
    const spec: QuerySpec = {
      table: 'orders',
      measures: [
        { id: 'avg_amount', aggregation: 'avg', column: { column: 'amount' } },
        { id: 'orders', aggregation: 'count' },
      ],
      dimensions: [],
      filters: [],
    };
    const profiles = { 'orders.amount': { min: 1, max: 5000, rowCount: 900 } };
    const ok = await verifyAnswer(spec, fake([num('avg_amount'), num('orders')], [[420.5, 900]]), {
      profiles,
    });
    expect(statusOf(ok, 'magnitude_in_range')).toBe('pass');
    const wrong = await verifyAnswer(spec, fake([num('avg_amount'), num('orders')], [[42_050, 900]]), {
      profiles,
    });
    expect(statusOf(wrong, 'magnitude_in_range')).toBe('fail');
    expect(wrong.checks.find((check) => check.id === 'magnitude_in_range')?.message).toContain(
      "outside the column's range",
    );
  });

  it('checks shares stay within 0–100% and add up', async () => {
    const spec: QuerySpec = {
      ...byRegion,
      derived: [{ id: 'share', kind: 'share_of_total', measure: 'revenue' }],
    };
    const columns = [text('region'), num('revenue'), num('share')];
    const good = await verifyAnswer(
      spec,
      fake(columns, [
        ['North', 60, 0.6],
        ['South', 40, 0.4],
      ]),
    );
    expect(statusOf(good, 'share_range')).toBe('pass');
    const over = await verifyAnswer(
      spec,
      fake(columns, [
        ['North', 60, 160],
        ['South', 40, 40],
      ]),
    );
    expect(statusOf(over, 'share_range')).toBe('fail');
    const short = await verifyAnswer(
      spec,
      fake(columns, [
        ['North', 60, 0.6],
        ['South', 40, 0.3],
      ]),
    );
    expect(statusOf(short, 'share_range')).toBe('warn');
  });

  it('knows a named metric is additive from the model', async () => {
    const withMetric = {
      ...model,
      metrics: [
        {
          name: 'gross',
          label: 'Gross',
          table: 'orders',
          aggregation: 'sum' as const,
          expression: 'amount',
          filters: [],
          synonyms: [],
        },
      ],
    };
    const spec: QuerySpec = { ...byRegion, measures: [{ id: 'gross', metric: 'gross' }] };
    const result = await runQuery(
      db,
      "SELECT region, sum(amount) AS gross FROM orders WHERE region <> 'North' GROUP BY region",
    );
    const runTotal = async (measure: Measure) =>
      scalar(
        db,
        compileQuery(
          { table: 'orders', measures: [measure], dimensions: [], filters: [] },
          withMetric,
          'duckdb',
        ).sql,
      );
    const report = await verifyAnswer(spec, result, { runTotal, model: withMetric });
    expect(statusOf(report, 'parts_sum_to_total')).toBe('fail');
    const unknown = await verifyAnswer(spec, result, { runTotal });
    expect(statusOf(unknown, 'parts_sum_to_total')).toBeUndefined();
  });

  it('lowers the narrative confidence when a check fails', async () => {
    const result = await runQuery(
      db,
      "SELECT region, sum(amount) AS revenue FROM orders WHERE region <> 'North' GROUP BY region",
    );
    const report = await verifyAnswer(byRegion, result, callbacks(byRegion));
    expect(narrate(byRegion, result).confidence.level).toBe('high');
    const narrative = narrate(byRegion, result, {}, report);
    expect(narrative.confidence.level).toBe('medium');
    expect(narrative.caveats.map((caveat) => caveat.code)).toContain('verification_failed');
    expect(report.confidenceDelta).toBeCloseTo(
      -report.caveats.reduce((sum, caveat) => sum + caveat.weight, 0),
    );
  });
});
