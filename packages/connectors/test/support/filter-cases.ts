/** Cross-engine cases: Time grains, filters and relative dates. */
import { type CrossEngineCase, col, count, grain, orders, relative, revenue, round } from './case-helpers';

export const filterCases: CrossEngineCase[] = [
  // Time grains
  {
    name: 'orders per day in March 2024',
    spec: orders({
      measures: [count()],
      dimensions: [grain('day', 'order_date', 'day')],
      filters: [{ op: 'date_range', column: col('order_date'), from: '2024-03-01', to: '2024-03-31' }],
    }),
  },
  {
    name: 'orders per ISO week',
    spec: orders({
      measures: [count()],
      dimensions: [grain('week', 'order_date', 'week')],
      filters: [{ op: 'date_range', column: col('order_date'), from: '2024-01-01', to: '2024-03-31' }],
    }),
  },
  {
    name: 'revenue per month',
    spec: orders({ measures: [revenue], dimensions: [grain('month', 'order_date', 'month')] }),
    rowCount: 18,
  },
  {
    name: 'revenue per quarter',
    spec: orders({ measures: [revenue], dimensions: [grain('quarter', 'order_date', 'quarter')] }),
    rowCount: 6,
  },
  {
    name: 'revenue per year',
    spec: orders({ measures: [revenue], dimensions: [grain('year', 'order_date', 'year')] }),
    rowCount: 2,
  },
  {
    name: 'orders by ISO day of week (1 = Monday)',
    spec: orders({ measures: [count()], dimensions: [grain('weekday', 'order_date', 'day_of_week')] }),
    oracle: (data) => {
      const counts = new Map<number, number>();
      for (const row of data.rows.orders ?? []) {
        const weekday = ((new Date(`${row[2]}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
        counts.set(weekday, (counts.get(weekday) ?? 0) + 1);
      }
      return [...counts.entries()].sort(([a], [b]) => a - b).map(([key, value]) => [key, value]);
    },
  },
  {
    name: 'orders by month of year',
    spec: orders({ measures: [count()], dimensions: [grain('month_number', 'order_date', 'month_of_year')] }),
    rowCount: 12,
  },
  {
    name: 'orders by hour of a timestamp',
    spec: orders({
      measures: [count()],
      dimensions: [grain('hour', 'created_at', 'hour')],
      filters: [{ op: 'date_range', column: col('created_at'), from: '2024-05-01', to: '2024-05-10' }],
    }),
  },
  {
    name: 'monthly grain on a timestamp column',
    spec: orders({ measures: [count()], dimensions: [grain('month', 'created_at', 'month')] }),
    rowCount: 18,
  },
  // Filters
  {
    name: 'filter eq',
    spec: orders({ measures: [count()], filters: [{ op: 'eq', column: col('status'), value: 'shipped' }] }),
  },
  {
    name: 'filter neq',
    spec: orders({ measures: [count()], filters: [{ op: 'neq', column: col('status'), value: 'shipped' }] }),
  },
  {
    name: 'filter in',
    spec: orders({
      measures: [revenue],
      filters: [{ op: 'in', column: col('status'), values: ['completed', 'shipped'] }],
    }),
  },
  {
    name: 'filter not in',
    spec: orders({
      measures: [revenue],
      filters: [{ op: 'not_in', column: col('status'), values: ['completed', 'shipped'] }],
    }),
  },
  {
    name: 'filter gt on a number',
    spec: orders({ measures: [count()], filters: [{ op: 'gt', column: col('total_amount'), value: 1000 }] }),
  },
  {
    name: 'filter between numbers',
    spec: orders({
      measures: [count()],
      filters: [{ op: 'between', column: col('total_amount'), from: 100, to: 500 }],
    }),
  },
  {
    name: 'contains is case-insensitive',
    spec: {
      table: 'customers',
      measures: [count('customers')],
      dimensions: [],
      filters: [{ op: 'contains', column: col('name'), value: 'CUSTOMER 1' }],
    },
    oracle: () => [[10]],
  },
  {
    name: 'starts with',
    spec: {
      table: 'products',
      measures: [count('products')],
      dimensions: [],
      filters: [{ op: 'starts_with', column: col('name'), value: 'product a' }],
    },
    oracle: () => [[1]],
  },
  {
    name: 'ends with',
    spec: {
      table: 'products',
      measures: [count('products')],
      dimensions: [],
      filters: [{ op: 'ends_with', column: col('name'), value: '_PURE' }],
    },
    oracle: () => [[6]],
  },
  {
    name: 'is null',
    spec: {
      table: 'customers',
      measures: [count('customers')],
      dimensions: [],
      filters: [{ op: 'is_null', column: col('region') }],
    },
    oracle: (data) => [[(data.rows.customers ?? []).filter((row) => row[2] === null).length]],
  },
  {
    name: 'not null',
    spec: orders({ measures: [count()], filters: [{ op: 'not_null', column: col('discount') }] }),
  },
  {
    name: 'absolute date range is inclusive (Q3 2023)',
    spec: orders({
      measures: [count()],
      filters: [{ op: 'date_range', column: col('order_date'), from: '2023-07-01', to: '2023-09-30' }],
    }),
    oracle: (data) => [
      [
        (data.rows.orders ?? []).filter(
          (row) => (row[2] as string) >= '2023-07-01' && (row[2] as string) <= '2023-09-30',
        ).length,
      ],
    ],
  },
  {
    name: 'open-ended date range',
    spec: orders({
      measures: [count()],
      filters: [{ op: 'date_range', column: col('order_date'), from: '2024-06-01' }],
    }),
  },
  {
    name: 'a date equal to a timestamp column means that whole day',
    spec: orders({
      measures: [count()],
      filters: [{ op: 'eq', column: col('created_at'), value: '2024-02-14' }],
    }),
    oracle: (data) => [
      [(data.rows.orders ?? []).filter((row) => (row[3] as string).startsWith('2024-02-14')).length],
    ],
  },
  {
    name: 'boolean filter',
    spec: orders({
      measures: [count()],
      filters: [{ op: 'eq', column: col('is_active', 'customers'), value: true }],
    }),
  },
  // Relative dates at as-of 2024-06-15
  ...(
    [
      ['last 30 days', relative('day', 'last_n', 30), '2024-05-17', '2024-06-15'],
      ['this month', relative('month', 'this'), '2024-06-01', '2024-06-30'],
      ['last month', relative('month', 'last'), '2024-05-01', '2024-05-31'],
      ['last quarter', relative('quarter', 'last'), '2024-01-01', '2024-03-31'],
      ['year to date', relative('year', 'to_date'), '2024-01-01', '2024-06-15'],
      ['last 2 weeks', relative('week', 'last_n', 2), '2024-06-02', '2024-06-15'],
      ['last year', relative('year', 'last'), '2023-01-01', '2023-12-31'],
      ['this week', relative('week', 'this'), '2024-06-10', '2024-06-16'],
    ] as const
  ).map(
    ([label, filter, from, to]): CrossEngineCase => ({
      name: `relative date: ${label}`,
      spec: orders({ measures: [count(), revenue], filters: [filter] }),
      oracle: (data) => {
        const rows = (data.rows.orders ?? []).filter(
          (row) => (row[2] as string) >= from && (row[2] as string) <= to,
        );
        return [
          [rows.length, rows.length === 0 ? null : round(rows.reduce((a, row) => a + (row[5] as number), 0))],
        ];
      },
    }),
  ),
  {
    name: 'this year by month',
    spec: orders({
      measures: [revenue],
      dimensions: [grain('month', 'order_date', 'month')],
      filters: [relative('year', 'this')],
    }),
    rowCount: 6,
  },
];
