import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AskdataError } from '../src/errors';
import { checkQuerySpec, parseQuerySpec } from '../src/query-spec/check-query-spec';
import { describeDateRange, describeQuerySpec } from '../src/query-spec/describe-query-spec';
import { type QuerySpec, querySpecSchema } from '../src/query-spec/types';
import { deriveSemanticModel } from '../src/semantic/derive-semantic-model';
import { shopSchema } from './fixtures/shop-schema';

const base: QuerySpec = {
  table: 'orders',
  measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
  dimensions: [{ id: 'region', column: { table: 'customers', column: 'region' } }],
  filters: [],
};

describe('QuerySpec schema', () => {
  it('accepts a complete spec and rejects a bad id', () => {
    expect(parseQuerySpec(base)).toEqual(base);
    expect(() =>
      parseQuerySpec({ ...base, measures: [{ id: '1st', aggregation: 'sum', column: { column: 'a' } }] }),
    ).toThrow(/measures\.0\.id/);
  });

  it('rejects unknown filter operators with spec_invalid', () => {
    try {
      parseQuerySpec({ ...base, filters: [{ op: 'like', column: { column: 'status' }, value: 'x' }] });
      expect.unreachable();
    } catch (error) {
      expect(AskdataError.isInstance(error) && error.code).toBe('spec_invalid');
    }
  });

  it('exports a JSON schema with descriptions for structured LLM output', () => {
    const schema = JSON.stringify(z.toJSONSchema(querySpecSchema));
    expect(schema).toContain('Base table (entity)');
    expect(schema).toContain('relative_date');
  });
});

describe('checkQuerySpec', () => {
  const bad: Array<[string, Partial<QuerySpec>, RegExp]> = [
    ['duplicate ids', { dimensions: [{ id: 'revenue', column: { column: 'status' } }] }, /used twice/],
    ['order by an unknown id', { order: [{ by: 'profit', direction: 'desc' }] }, /Order refers to 'profit'/],
    ['having on a dimension', { having: [{ measure: 'region', op: 'gt', value: 1 }] }, /HAVING refers/],
    [
      'top-N per a measure',
      { topN: { n: 3, by: 'revenue', perGroup: 'revenue' } },
      /per group needs a dimension/,
    ],
    [
      'derived from a missing measure',
      { derived: [{ id: 'share', kind: 'share_of_total', measure: 'x' }] },
      /not a measure/,
    ],
    ['select mixed with measures', { select: [{ id: 'status', column: { column: 'status' } }] }, /not both/],
    ['empty spec', { measures: [], dimensions: [] }, /asks for nothing/],
    ['reserved id', { measures: [{ id: '__top', aggregation: 'count' }] }, /reserved/],
    [
      'last-year comparison on a share',
      {
        derived: [
          { id: 's', kind: 'share_of_total', measure: 'revenue', compareTo: 'same_period_last_year' },
        ],
      },
      /period changes only/,
    ],
    [
      'ratio without denominator',
      { derived: [{ id: 'r', kind: 'ratio', measure: 'revenue' }] },
      /needs a denominator/,
    ],
    [
      'difference without a measure to subtract',
      { derived: [{ id: 'd', kind: 'difference', measure: 'revenue' }] },
      /needs a measure to subtract/,
    ],
  ];
  it.each(bad)('rejects %s', (_label, change, message) => {
    expect(() => checkQuerySpec({ ...base, ...change })).toThrow(message);
  });
});

describe('describeQuerySpec', () => {
  const model = deriveSemanticModel(shopSchema);
  it('renders measures, grains, a whole quarter and top N', () => {
    const spec: QuerySpec = {
      ...base,
      filters: [{ op: 'date_range', column: { column: 'order_date' }, from: '2024-07-01', to: '2024-09-30' }],
      topN: { n: 5, by: 'revenue' },
    };
    expect(describeQuerySpec(spec, model)).toBe('Sum of amount by region, Q3 2024, top 5');
  });

  it('says an empty text value as "empty", not as a gap', () => {
    const spec: QuerySpec = {
      ...base,
      filters: [{ op: 'neq', column: { column: 'region' }, value: '' }],
    };
    expect(describeQuerySpec(spec, model)).toBe('Sum of amount by region, region is not empty');
  });

  it('names both sides of a difference', () => {
    const spec: QuerySpec = {
      ...base,
      measures: [
        { id: 'revenue', aggregation: 'sum', column: { column: 'amount' } },
        { id: 'orders', aggregation: 'count' },
      ],
      derived: [{ id: 'gap', kind: 'difference', measure: 'revenue', minus: 'orders' }],
    };
    expect(describeQuerySpec(spec, model)).toContain('minus');
  });

  it('shows relative dates with the range they resolve to', () => {
    const spec: QuerySpec = {
      table: 'orders',
      measures: [{ id: 'n', aggregation: 'count' }],
      dimensions: [{ id: 'month', column: { column: 'order_date' }, grain: 'month' }],
      filters: [
        { op: 'relative_date', column: { column: 'order_date' }, unit: 'month', mode: 'last' },
        { op: 'in', column: { column: 'status' }, values: ['shipped', 'completed'] },
      ],
      derived: [{ id: 'change', kind: 'period_pct_change', measure: 'n' }],
      asOf: '2024-06-15',
    };
    expect(describeQuerySpec(spec, model)).toBe(
      'Number of orders by month of order date, last month (May 2024), status in shipped, completed, with % change from previous period',
    );
  });

  it('names percentiles, HAVING and per-group top N', () => {
    const spec: QuerySpec = {
      table: 'orders',
      measures: [{ id: 'p90', aggregation: 'percentile', percentile: 0.9, column: { column: 'amount' } }],
      dimensions: [
        { id: 'region', column: { table: 'customers', column: 'region' } },
        { id: 'status', column: { column: 'status' } },
      ],
      filters: [],
      having: [{ measure: 'p90', op: 'gt', value: 100 }],
      topN: { n: 2, by: 'p90', perGroup: 'region', direction: 'asc' },
    };
    expect(describeQuerySpec(spec)).toBe(
      '90th percentile of amount by region and status, 90th percentile of amount above 100, bottom 2 per region',
    );
  });

  it('names both sides of a ratio', () => {
    const spec: QuerySpec = {
      ...base,
      measures: [...base.measures, { id: 'orders', aggregation: 'count' }],
      derived: [{ id: 'per_order', kind: 'ratio', measure: 'revenue', denominator: 'orders' }],
    };
    expect(describeQuerySpec(spec, model)).toBe(
      'Sum of amount and Number of orders by region, with sum of amount per number of orders',
    );
  });

  it('says when a change compares with the same period last year', () => {
    const spec: QuerySpec = {
      ...base,
      dimensions: [{ id: 'month', column: { column: 'order_date' }, grain: 'month' }],
      derived: [
        { id: 'yoy', kind: 'period_pct_change', measure: 'revenue', compareTo: 'same_period_last_year' },
      ],
    };
    expect(describeQuerySpec(spec, model)).toBe(
      'Sum of amount by month of order date, with % change from same period last year',
    );
  });

  it('reads whole periods', () => {
    expect(describeDateRange('2024-01-01', '2024-12-31')).toBe('2024');
    expect(describeDateRange('2024-02-01', '2024-02-29')).toBe('Feb 2024');
    expect(describeDateRange('2024-02-03', '2024-02-29')).toBe('2024-02-03 to 2024-02-29');
    expect(describeDateRange(undefined, '2024-02-29')).toBe('until 2024-02-29');
  });
});
