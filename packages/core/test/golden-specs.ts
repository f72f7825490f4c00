import type { QuerySpec } from '../src/query-spec/types';

/** Specs whose SQL is pinned per dialect in compile-golden.test.ts; each exercises dialect-specific SQL. */
export const goldenSpecs = {
  completedMinusCancelled: {
    table: 'orders',
    measures: [
      {
        id: 'completed',
        aggregation: 'sum',
        column: { column: 'amount' },
        where: [{ op: 'eq', column: { column: 'status' }, value: 'completed' }],
      },
      {
        id: 'cancelled',
        aggregation: 'sum',
        column: { column: 'amount' },
        where: [{ op: 'eq', column: { column: 'status' }, value: 'cancelled' }],
      },
    ],
    dimensions: [],
    filters: [],
    derived: [{ id: 'gap', kind: 'difference', measure: 'completed', minus: 'cancelled' }],
  },
  revenueByRegion: {
    table: 'orders',
    measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
    dimensions: [{ id: 'region', column: { table: 'customers', column: 'region' } }],
    filters: [{ op: 'contains', column: { table: 'customers', column: 'name' }, value: "o'b_1" }],
    order: [{ by: 'revenue', direction: 'desc' }],
    limit: 10,
  },
  monthlyChangeLastQuarter: {
    table: 'orders',
    measures: [{ id: 'orders', aggregation: 'count' }],
    dimensions: [{ id: 'month', column: { column: 'order_date' }, grain: 'month' }],
    filters: [{ op: 'relative_date', column: { column: 'order_date' }, unit: 'quarter', mode: 'last' }],
    derived: [{ id: 'change', kind: 'period_pct_change', measure: 'orders' }],
    asOf: '2024-08-20',
  },
  medianByStatus: {
    table: 'orders',
    measures: [{ id: 'median_amount', aggregation: 'median', column: { column: 'amount' } }],
    dimensions: [{ id: 'status', column: { column: 'status' } }],
    filters: [],
  },
  fanOutByCategory: {
    table: 'orders',
    measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
    dimensions: [{ id: 'category', column: { table: 'products', column: 'category' } }],
    filters: [],
  },
  chasmByRegion: {
    table: 'orders',
    measures: [
      { id: 'orders', aggregation: 'count' },
      { id: 'units', aggregation: 'sum', column: { table: 'order_lines', column: 'quantity' } },
    ],
    dimensions: [{ id: 'region', column: { table: 'customers', column: 'region' } }],
    filters: [],
  },
  topTwoPerRegionWithHaving: {
    table: 'orders',
    measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
    dimensions: [
      { id: 'region', column: { table: 'customers', column: 'region' } },
      { id: 'status', column: { column: 'status' } },
    ],
    filters: [],
    having: [{ measure: 'revenue', op: 'gte', value: 100 }],
    topN: { n: 2, by: 'revenue', perGroup: 'region' },
  },
  weeklySpread: {
    table: 'orders',
    measures: [{ id: 'spread', aggregation: 'stddev', column: { column: 'amount' } }],
    dimensions: [
      { id: 'week', column: { column: 'order_date' }, grain: 'week' },
      { id: 'weekday', column: { column: 'order_date' }, grain: 'day_of_week' },
    ],
    filters: [{ op: 'date_range', column: { column: 'order_date' }, from: '2024-01-01', to: '2024-03-31' }],
  },
  yearOverYearByQuarter: {
    table: 'orders',
    measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
    dimensions: [{ id: 'quarter', column: { column: 'order_date' }, grain: 'quarter' }],
    filters: [],
    derived: [
      { id: 'yoy', kind: 'period_pct_change', measure: 'revenue', compareTo: 'same_period_last_year' },
    ],
  },
  plainRows: {
    table: 'orders',
    measures: [],
    dimensions: [],
    select: [
      { id: 'order_id', column: { column: 'id' } },
      { id: 'customer', column: { table: 'customers', column: 'name' } },
    ],
    filters: [{ op: 'in', column: { column: 'status' }, values: ['shipped', 'back\\slash'] }],
    order: [{ by: 'order_id', direction: 'asc' }],
    limit: 50,
  },
} satisfies Record<string, QuerySpec>;
