import {
  compileQuery,
  deriveSemanticModel,
  type QueryResult,
  type QuerySpec,
  querySpecSchema,
} from '@askdata/core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitations } from '../src/narrative/build-citations';
import { checkNarrativeNumbers } from '../src/narrative/check-narrative-numbers';
import { collectCaveats } from '../src/narrative/collect-caveats';
import { computeFacts } from '../src/narrative/compute-facts';
import type { Fact } from '../src/narrative/fact';
import { formatNumber } from '../src/narrative/format-number';
import { narrate } from '../src/narrative/narrate';
import { numbersInText } from '../src/narrative/numbers-in-text';
import { isPartialPeriod, periodLabel } from '../src/narrative/period';
import { suggestFollowUps } from '../src/narrative/suggest-follow-ups';
import { scoreConfidence, writeNarrative } from '../src/narrative/write-narrative';
import { createRetailDatabase, runQuery, scalar } from './narrative-fixture';

const text = (name: string) => ({ name, sourceType: 'VARCHAR', logicalType: 'text' as const });
const num = (name: string) => ({ name, sourceType: 'DOUBLE', logicalType: 'float' as const });
const date = (name: string) => ({ name, sourceType: 'DATE', logicalType: 'date' as const });
const result = (
  columns: QueryResult['columns'],
  rows: QueryResult['rows'],
  truncated = false,
): QueryResult => ({
  columns,
  rows,
  rowCount: rows.length,
  truncated,
  elapsedMs: 1,
});
const revenueByRegion: QuerySpec = {
  table: 'orders',
  measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' }, label: 'Revenue' }],
  dimensions: [{ id: 'region', column: { column: 'region' } }],
  filters: [],
};

describe('formatNumber', () => {
  it.each([
    [1234, 'number', undefined, '1,234'],
    [1_234_567, 'currency', 'USD', '$1.2M'],
    [61.8, 'percent', undefined, '62%'],
    [4.56, 'percent', undefined, '4.6%'],
    [12_500, 'number', undefined, '12.5k'],
    [999_960, 'number', undefined, '1M'],
    [2_500_000_000, 'number', undefined, '2.5B'],
    [-1_500_000, 'currency', 'EUR', '-€1.5M'],
    [12.345, 'number', undefined, '12.35'],
    [0.0042, 'number', undefined, '0.0042'],
    [5000, 'currency', 'CHF', '5,000 CHF'],
    [7, 'count', undefined, '7'],
  ] as const)('%s as %s %s → %s', (value, unit, currency, expected) => {
    expect(formatNumber(value, unit, currency)).toBe(expected);
  });
});

describe('numbersInText', () => {
  it('reads formatted numbers with their precision and skips dates and times', () => {
    const found = numbersInText(
      'Revenue was $1.2M (62%) from 1,234 orders on 2024-03-01 at 10:30, down 12.5k.',
    );
    expect(found.map((number) => [number.raw, number.value, number.tolerance])).toEqual([
      ['$1.2M', 1_200_000, 50_000],
      ['62%', 62, 0.5],
      ['1,234', 1234, 0.5],
      ['12.5k', 12_500, 50],
    ]);
  });
});

describe('checkNarrativeNumbers', () => {
  const facts: Fact[] = [
    {
      kind: 'top',
      members: ['Store 12'],
      numbers: [
        { name: 'value', value: 1_234_567, unit: 'currency', currency: 'USD' },
        { name: 'share', value: 61.8, unit: 'percent' },
      ],
    },
    { kind: 'member_count', numbers: [{ name: 'members', value: 1234, unit: 'count' }] },
    { kind: 'period_change', numbers: [{ name: 'change_pct', value: -12.2, unit: 'percent' }] },
  ];

  it('accepts formatted and rounded numbers, member labels and sign words', () => {
    const check = checkNarrativeNumbers(
      'Store 12 leads with $1.2M, 62% of the total across 1,234 stores, down 12%.',
      facts,
    );
    expect(check).toEqual({ ok: true, invented: [], checked: 4 });
    expect(checkNarrativeNumbers('Store 12 made 1234567 dollars, or 61.8 percent.', facts).ok).toBe(true);
  });

  it('rejects an invented number', () => {
    const check = checkNarrativeNumbers(
      'Store 12 leads with $1.5M, 62% of the total, ahead of 13 others.',
      facts,
    );
    expect(check.ok).toBe(false);
    expect(check.invented).toEqual(['$1.5M', '13']);
  });

  it('rejects precision the facts do not support', () => {
    // 62.4% claims more than the fact (61.8) allows at one decimal.
    expect(checkNarrativeNumbers('A share of 62.4%.', facts).invented).toEqual(['62.4%']);
  });
});

describe('periods', () => {
  it('labels periods and detects a partial last period', () => {
    expect(periodLabel('2024-03-01', 'month')).toBe('March 2024');
    expect(periodLabel('2024-04-01T00:00:00', 'quarter')).toBe('Q2 2024');
    expect(isPartialPeriod('2024-06-01', 'month', { asOf: '2024-06-15' })).toBe(true);
    expect(isPartialPeriod('2024-06-01', 'month', { asOf: '2024-06-30' })).toBe(false);
    expect(isPartialPeriod('2024-05-01', 'month', { asOf: '2024-06-15' })).toBe(false);
    expect(isPartialPeriod('2024-04-01', 'quarter', { asOf: '2024-07-10', dataEnd: '2024-06-20' })).toBe(
      true,
    );
  });
});

describe('narrative text', () => {
  it('writes the category template from facts', () => {
    const data = result(
      [text('region'), num('revenue')],
      [
        ['North', 2_100_000],
        ['South', 1_234_567],
        ['East', 820_000],
        ['West', 150_000],
        ['Central', 90_000],
        ['Islands', 45_000],
      ],
    );
    const narrative = narrate(revenueByRegion, data, { units: { revenue: 'USD' } });
    expect(narrative.text).toBe(
      'Revenue totals $4.4M across 6 regions. The highest revenue is North at $2.1M (47% of the total), ' +
        'and the lowest is Islands at $45k (1%). The top 3 (North, South and East) make up 94% of the total.',
    );
    expect(checkNarrativeNumbers(narrative.text, narrative.facts).ok).toBe(true);
    expect(narrative.confidence.level).toBe('high');
  });

  it('writes the time template with a partial period and mentions it', () => {
    const data = result(
      [date('month'), num('orders')],
      [
        ['2024-01-01', 100],
        ['2024-02-01', 120],
        ['2024-03-01', 130],
        ['2024-04-01', 125],
        ['2024-05-01', 160],
        ['2024-06-01', 40],
      ],
    );
    const spec: QuerySpec = {
      table: 'orders',
      measures: [{ id: 'orders', aggregation: 'count', label: 'Orders' }],
      dimensions: [{ id: 'month', column: { column: 'order_date' }, grain: 'month' }],
      filters: [],
      asOf: '2024-06-10',
    };
    const narrative = narrate(spec, data);
    expect(narrative.text).toContain('June 2024 is still in progress, with orders at 40 so far.');
    expect(narrative.text).toContain('160 in May 2024, up 28% from 125 in April 2024');
    expect(narrative.text).toContain('From January 2024 to May 2024 (5 months), it rose 60% overall');
    expect(narrative.caveats.map((caveat) => caveat.code)).toEqual(['partial_period']);
    expect(checkNarrativeNumbers(narrative.text, narrative.facts).ok).toBe(true);
  });

  it('says so when nothing matched', () => {
    const narrative = narrate(revenueByRegion, result([text('region'), num('revenue')], []));
    expect(narrative.text).toMatch(/^No rows matched/);
    expect(narrative.caveats[0]?.code).toBe('empty_result');
  });
});

describe('caveats', () => {
  const data = result(
    [text('region'), num('revenue')],
    [
      ['North', 100],
      ['South', null],
      ['East', 50],
    ],
    true,
  );

  it('reports truncation, nulls, partial periods, sampling, assumptions and corrections', () => {
    const facts = computeFacts(revenueByRegion, data);
    const caveats = collectCaveats(
      revenueByRegion,
      data,
      {
        sampled: { rowsRead: 10_000, totalRows: 2_000_000 },
        assumptions: ['"sales" means the sum of amount'],
        corrections: [{ from: 'revnue', to: 'revenue' }],
        nullRows: [{ column: 'amount', count: 27 }],
      },
      facts,
    );
    expect(caveats.map((caveat) => caveat.code)).toEqual([
      'nulls_excluded',
      'nulls_excluded',
      'rows_truncated',
      'sampled',
      'assumption',
      'typo_corrected',
    ]);
    expect(caveats[0]?.message).toBe(
      '1 of 3 groups have no value for Revenue and were left out of the summary.',
    );
    expect(caveats[2]?.message).toContain('first 3 rows');
    // A truncated breakdown is a subset: no grand total, no shares.
    expect(facts.find((fact) => fact.kind === 'total')?.detail).toBe('shown');
    expect(facts.find((fact) => fact.kind === 'top')?.numbers.map((number) => number.name)).toEqual([
      'value',
    ]);
  });

  it('lowers confidence with the caveats and verification failures', () => {
    expect(scoreConfidence([]).level).toBe('high');
    const truncated = [{ code: 'rows_truncated' as const, message: 'cut', weight: 0.3 }];
    expect(scoreConfidence(truncated)).toMatchObject({ level: 'medium', score: 0.7, reasons: ['cut'] });
    expect(scoreConfidence(truncated, { confidenceDelta: -0.4, reasons: ['double counted'] })).toMatchObject({
      level: 'low',
      reasons: ['cut', 'double counted'],
    });
  });
});

describe('citations', () => {
  it('cites tables, columns, metric versions, filters in words and snapshots', () => {
    const spec: QuerySpec = {
      table: 'orders',
      measures: [{ id: 'net_revenue', metric: 'net_revenue' }],
      dimensions: [{ id: 'segment', column: { table: 'customers', column: 'segment' } }],
      filters: [
        { op: 'eq', column: { column: 'status' }, value: 'complete' },
        { op: 'relative_date', column: { column: 'order_date' }, unit: 'day', mode: 'last_n', n: 30 },
      ],
      asOf: '2024-06-30',
    };
    const citations = buildCitations(spec, {
      metrics: [
        { name: 'net_revenue', version: '3', owner: 'finance', description: 'Revenue after returns' },
      ],
      snapshotIds: ['snap-42'],
    });
    expect(citations).toEqual({
      tables: ['customers', 'orders'],
      columns: ['customers.segment', 'orders.order_date', 'orders.status'],
      metrics: [
        { name: 'net_revenue', version: '3', owner: 'finance', description: 'Revenue after returns' },
      ],
      filters: ['status is complete', 'order_date in the last 30 days (as of 2024-06-30)'],
      snapshotIds: ['snap-42'],
      definitions: [],
    });
  });
});

describe('follow-ups the engine can answer', () => {
  let db: DuckDBConnection;
  beforeAll(async () => {
    db = await createRetailDatabase();
  });
  afterAll(() => db.closeSync());

  const schema = {
    tables: [
      {
        name: 'orders',
        columns: [
          { name: 'id', sourceType: 'INTEGER', logicalType: 'integer' as const, nullable: false },
          { name: 'customer_id', sourceType: 'INTEGER', logicalType: 'integer' as const, nullable: false },
          { name: 'order_date', sourceType: 'DATE', logicalType: 'date' as const, nullable: false },
          { name: 'region', sourceType: 'VARCHAR', logicalType: 'text' as const, nullable: false },
          { name: 'product', sourceType: 'VARCHAR', logicalType: 'text' as const, nullable: false },
          { name: 'category', sourceType: 'VARCHAR', logicalType: 'text' as const, nullable: false },
          { name: 'quantity', sourceType: 'INTEGER', logicalType: 'integer' as const, nullable: false },
          {
            name: 'amount',
            sourceType: 'DOUBLE',
            logicalType: 'float' as const,
            nullable: true,
            unit: 'USD',
          },
          { name: 'status', sourceType: 'VARCHAR', logicalType: 'text' as const, nullable: false },
        ],
        primaryKey: ['id'],
        foreignKeys: [{ columns: ['customer_id'], referencedTable: 'customers', referencedColumns: ['id'] }],
      },
      {
        name: 'customers',
        columns: [
          { name: 'id', sourceType: 'INTEGER', logicalType: 'integer' as const, nullable: false },
          { name: 'name', sourceType: 'VARCHAR', logicalType: 'text' as const, nullable: false },
          { name: 'segment', sourceType: 'VARCHAR', logicalType: 'text' as const, nullable: false },
          { name: 'region', sourceType: 'VARCHAR', logicalType: 'text' as const, nullable: false },
        ],
        primaryKey: ['id'],
      },
    ],
  };
  const stats = {
    orders: {
      region: { distinctCount: 6 },
      product: { distinctCount: 8 },
      category: { distinctCount: 3 },
      status: { distinctCount: 3 },
    },
  };

  async function answer(spec: QuerySpec) {
    const model = deriveSemanticModel(schema, { stats });
    const compiled = compileQuery(spec, model, 'duckdb');
    const data = await runQuery(db, compiled.sql);
    return { model, data, narrative: narrate(spec, data, { model, outputColumns: compiled.columns }) };
  }

  it('suggests 2–3 follow-ups whose specs compile and run', async () => {
    const spec: QuerySpec = {
      table: 'orders',
      measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
      dimensions: [{ id: 'region', column: { column: 'region' } }],
      filters: [],
      topN: { n: 3, by: 'revenue' },
    };
    const { narrative, model } = await answer(spec);
    // Units come from the model: amount is USD.
    expect(narrative.text).toMatch(/\$/);
    expect(narrative.followUps.length).toBeGreaterThanOrEqual(2);
    expect(narrative.followUps.length).toBeLessThanOrEqual(3);
    const top = narrative.facts.find((fact) => fact.kind === 'top')?.members?.[0];
    expect(narrative.followUps.map((followUp) => followUp.question)).toEqual([
      // The compiler's label for an unlabelled sum is "Sum of amount".
      `How has sum of amount for ${top} changed by month?`,
      `What is sum of amount for ${top} by product?`,
      'What are the top 10 regions by sum of amount?',
    ]);
    for (const followUp of narrative.followUps) {
      expect(followUp.question).toMatch(/\?$/);
      const parsed = querySpecSchema.parse(followUp.spec);
      const compiled = compileQuery(parsed, model, 'duckdb');
      const rows = await runQuery(db, compiled.sql);
      expect(rows.rows.length).toBeGreaterThan(0);
    }
  });

  it('suggests a coarser grain and the previous period for time questions', async () => {
    const spec: QuerySpec = {
      table: 'orders',
      measures: [{ id: 'orders', aggregation: 'count' }],
      dimensions: [{ id: 'week', column: { column: 'order_date' }, grain: 'week' }],
      filters: [{ op: 'relative_date', column: { column: 'order_date' }, unit: 'quarter', mode: 'this' }],
      asOf: '2024-06-15',
    };
    const { narrative, data, model } = await answer(spec);
    expect(
      suggestFollowUps(spec, data, narrative.facts, { model }).map((followUp) => followUp.question),
    ).toEqual([
      'What is orders by month?',
      'How does that compare with last quarter?',
      'What is orders by region?',
    ]);
    for (const followUp of narrative.followUps) {
      const rows = await runQuery(db, compileQuery(followUp.spec, model, 'duckdb').sql);
      expect(rows.rows.length).toBeGreaterThan(0);
    }
  });

  it('suggests the previous range and a monthly view for a single number', async () => {
    const spec: QuerySpec = {
      table: 'orders',
      measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' }, label: 'Revenue' }],
      dimensions: [],
      filters: [{ op: 'date_range', column: { column: 'order_date' }, from: '2024-03-01', to: '2024-03-31' }],
    };
    const { narrative, model } = await answer(spec);
    expect(narrative.followUps.map((followUp) => followUp.question)).toEqual([
      'How does that compare with 2024-01-30 to 2024-02-29?',
      'What is revenue by month?',
      'What is revenue by region?',
    ]);
    for (const followUp of narrative.followUps) {
      const rows = await runQuery(db, compileQuery(followUp.spec, model, 'duckdb').sql);
      expect(rows.rows.length).toBeGreaterThan(0);
    }
  });

  it('treats a first period cut by the filter as partial', async () => {
    const spec: QuerySpec = {
      table: 'orders',
      measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' }, label: 'Revenue' }],
      dimensions: [{ id: 'month', column: { column: 'order_date' }, grain: 'month' }],
      filters: [
        { op: 'relative_date', column: { column: 'order_date' }, unit: 'month', mode: 'last_n', n: 12 },
      ],
      asOf: '2024-06-15',
    };
    const { narrative } = await answer(spec);
    const trend = narrative.facts.find((fact) => fact.kind === 'trend');
    // The window is 2023-06-16 … 2024-06-15: June 2023 and June 2024 are both partial.
    expect(narrative.facts.find((fact) => fact.kind === 'earliest')?.members).toEqual(['June 2023']);
    expect(trend?.members).toEqual(['July 2023', 'May 2024']);
    expect(trend?.numbers.find((number) => number.name === 'periods')?.value).toBe(11);
    const july = await scalar(
      db,
      "SELECT sum(amount) FROM orders WHERE order_date BETWEEN DATE '2023-07-01' AND DATE '2023-07-31'",
    );
    expect(trend?.numbers.find((number) => number.name === 'first')?.value).toBeCloseTo(july!, 6);
    expect(narrative.caveats.map((caveat) => caveat.message)).toEqual([
      'June 2024 is not complete (data through 2024-06-15), so comparisons use the periods before it.',
      'June 2023 is only partly covered (from 2023-06-16), so the trend starts after it.',
    ]);
  });

  it('narrates a compiled answer end to end with citations from the model', async () => {
    const { narrative } = await answer({
      table: 'orders',
      measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
      dimensions: [{ id: 'segment', column: { table: 'customers', column: 'segment' } }],
      filters: [{ op: 'eq', column: { column: 'status' }, value: 'complete' }],
    });
    expect(narrative.citations.tables).toEqual(['customers', 'orders']);
    expect(narrative.citations.filters).toEqual(['status is complete']);
    expect(checkNarrativeNumbers(narrative.text, narrative.facts).ok).toBe(true);
    expect(writeNarrative(narrative.facts).text).toBe(narrative.text);
  });
});
