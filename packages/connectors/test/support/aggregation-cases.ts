/** Cross-engine cases: Aggregations over one table. */
import {
  type CrossEngineCase,
  col,
  count,
  dim,
  orders,
  percentileCont,
  revenue,
  round,
} from './case-helpers';

export const aggregationCases: CrossEngineCase[] = [
  // Aggregations
  {
    name: 'count of all orders',
    spec: orders({ measures: [count()] }),
    oracle: (data) => [[data.rows.orders?.length ?? 0]],
  },
  {
    name: 'sum, avg, min, max of order totals',
    spec: orders({
      measures: [
        revenue,
        { id: 'average', aggregation: 'avg', column: col('total_amount') },
        { id: 'smallest', aggregation: 'min', column: col('total_amount') },
        { id: 'largest', aggregation: 'max', column: col('total_amount') },
      ],
    }),
    oracle: (data) => {
      const totals = (data.rows.orders ?? []).map((row) => row[5] as number);
      const total = totals.reduce((a, b) => a + b, 0);
      return [[round(total), total / totals.length, Math.min(...totals), Math.max(...totals)]];
    },
  },
  {
    name: 'distinct customers who ordered',
    spec: orders({ measures: [{ id: 'buyers', aggregation: 'count_distinct', column: col('customer_id') }] }),
    oracle: (data) => [[new Set((data.rows.orders ?? []).map((row) => row[1])).size]],
  },
  {
    name: 'median order total',
    spec: orders({ measures: [{ id: 'median_total', aggregation: 'median', column: col('total_amount') }] }),
    oracle: (data) => [
      [
        percentileCont(
          (data.rows.orders ?? []).map((row) => row[5] as number),
          0.5,
        ),
      ],
    ],
  },
  {
    name: '90th percentile order total',
    spec: orders({
      measures: [{ id: 'p90', aggregation: 'percentile', percentile: 0.9, column: col('total_amount') }],
    }),
    oracle: (data) => [
      [
        percentileCont(
          (data.rows.orders ?? []).map((row) => row[5] as number),
          0.9,
        ),
      ],
    ],
  },
  {
    name: 'standard deviation of order totals',
    spec: orders({ measures: [{ id: 'spread', aggregation: 'stddev', column: col('total_amount') }] }),
    oracle: (data) => {
      const values = (data.rows.orders ?? []).map((row) => row[5] as number);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return [[Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1))]];
    },
  },
  {
    name: 'nulls are ignored by avg and count(column)',
    spec: orders({
      measures: [
        { id: 'avg_discount', aggregation: 'avg', column: col('discount') },
        { id: 'with_discount', aggregation: 'count', column: col('discount') },
        count('all_orders'),
      ],
    }),
    oracle: (data) => {
      const discounts = (data.rows.orders ?? []).map((row) => row[6]).filter((v): v is number => v !== null);
      return [
        [
          discounts.reduce((a, b) => a + b, 0) / discounts.length,
          discounts.length,
          data.rows.orders?.length ?? 0,
        ],
      ];
    },
  },
  {
    name: 'revenue by status',
    spec: orders({ measures: [revenue], dimensions: [dim('status', 'status')] }),
    rowCount: 4,
  },
  {
    name: 'revenue by status, largest first',
    spec: orders({
      measures: [revenue],
      dimensions: [dim('status', 'status')],
      order: [{ by: 'revenue', direction: 'desc' }],
    }),
  },
  {
    name: 'order count by status, first two',
    spec: orders({ measures: [count()], dimensions: [dim('status', 'status')], limit: 2 }),
    rowCount: 2,
  },
  {
    name: 'line revenue from an expression',
    spec: {
      table: 'order_lines',
      measures: [{ id: 'line_revenue', aggregation: 'sum', expression: 'quantity * unit_price' }],
      dimensions: [],
      filters: [],
    },
    oracle: (data) => [
      [
        round(
          (data.rows.order_lines ?? []).reduce((a, row) => a + (row[3] as number) * (row[4] as number), 0),
        ),
      ],
    ],
  },
  {
    name: 'division in an expression never divides by zero',
    spec: orders({
      measures: [{ id: 'discount_rate', aggregation: 'avg', expression: 'discount / total_amount' }],
    }),
    oracle: (data) => {
      const rates = (data.rows.orders ?? [])
        .filter((row) => row[6] !== null && row[5] !== 0)
        .map((row) => (row[6] as number) / (row[5] as number));
      return [[rates.reduce((a, b) => a + b, 0) / rates.length]];
    },
  },
  {
    name: 'a conditional measure beside an unconditional one',
    spec: orders({
      measures: [
        count('all_orders'),
        {
          id: 'cancelled',
          aggregation: 'count',
          where: [{ op: 'eq', column: col('status'), value: 'cancelled' }],
        },
      ],
      dimensions: [dim('region', 'region', 'customers')],
    }),
    rowCount: 5,
  },
];
