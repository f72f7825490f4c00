/** Cross-engine cases: Derived calculations, top-N, HAVING, empty results, row lookups, metrics and percentiles. */
import {
  byId,
  type CrossEngineCase,
  col,
  count,
  dim,
  grain,
  groupSum,
  orders,
  revenue,
  round,
  sortedEntries,
  sum,
} from './case-helpers';

export const resultCases: CrossEngineCase[] = [
  // Derived calculations
  {
    name: 'share of total by region',
    spec: orders({
      measures: [revenue],
      dimensions: [dim('region', 'region', 'customers')],
      derived: [{ id: 'share', kind: 'share_of_total', measure: 'revenue' }],
    }),
  },
  {
    name: 'month-over-month change',
    spec: orders({
      measures: [revenue],
      dimensions: [grain('month', 'order_date', 'month')],
      derived: [{ id: 'change', kind: 'period_change', measure: 'revenue' }],
    }),
  },
  {
    name: 'quarter-over-quarter % change',
    spec: orders({
      measures: [revenue],
      dimensions: [grain('quarter', 'order_date', 'quarter')],
      derived: [{ id: 'pct', kind: 'period_pct_change', measure: 'revenue' }],
    }),
  },
  {
    name: 'running total by month',
    spec: orders({
      measures: [revenue],
      dimensions: [grain('month', 'order_date', 'month')],
      derived: [{ id: 'cumulative', kind: 'running_total', measure: 'revenue' }],
    }),
    oracle: (data) => {
      const sums = groupSum(
        (data.rows.orders ?? []).map((row) => ({
          key: `${(row[2] as string).slice(0, 7)}-01`,
          value: row[5] as number,
        })),
      );
      let running = 0;
      return [...sums.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, value]) => {
          running += value;
          return [key, round(value), round(running)];
        });
    },
  },
  {
    name: 'rank of categories by units',
    spec: {
      table: 'order_lines',
      measures: [sum('units', 'quantity')],
      dimensions: [dim('category', 'category', 'products')],
      filters: [],
      derived: [{ id: 'position', kind: 'rank', measure: 'units' }],
    },
  },
  {
    name: '3-month moving average',
    spec: orders({
      measures: [revenue],
      dimensions: [grain('month', 'order_date', 'month')],
      derived: [{ id: 'smoothed', kind: 'moving_average', measure: 'revenue', window: 3 }],
    }),
  },
  {
    name: 'running total restarting per status',
    spec: orders({
      measures: [count()],
      dimensions: [dim('status', 'status'), grain('quarter', 'order_date', 'quarter')],
      derived: [{ id: 'cumulative', kind: 'running_total', measure: 'n' }],
    }),
  },
  {
    name: 'ratio: revenue per order by region',
    spec: orders({
      measures: [revenue, count('order_count')],
      dimensions: [dim('region', 'region', 'customers')],
      derived: [{ id: 'per_order', kind: 'ratio', measure: 'revenue', denominator: 'order_count' }],
    }),
    oracle: (data) => {
      const customers = byId(data.rows.customers ?? []);
      const regionOf = (id: unknown) => (customers.get(id as number)?.[2] ?? null) as string | null;
      const sums = groupSum(
        (data.rows.orders ?? []).map((row) => ({ key: regionOf(row[1]), value: row[5] as number })),
      );
      const counts = groupSum((data.rows.orders ?? []).map((row) => ({ key: regionOf(row[1]), value: 1 })));
      return sortedEntries(sums).map(([key, value]) => [
        key,
        round(value),
        counts.get(key) ?? 0,
        value / (counts.get(key) ?? 1),
      ]);
    },
  },
  {
    name: 'year-over-year change by month',
    spec: orders({
      measures: [revenue],
      dimensions: [grain('month', 'order_date', 'month')],
      derived: [
        { id: 'yoy', kind: 'period_change', measure: 'revenue', compareTo: 'same_period_last_year' },
        { id: 'yoy_pct', kind: 'period_pct_change', measure: 'revenue', compareTo: 'same_period_last_year' },
      ],
    }),
    oracle: (data) => {
      const sums = groupSum(
        (data.rows.orders ?? []).map((row) => ({
          key: (row[2] as string).slice(0, 7),
          value: row[5] as number,
        })),
      );
      return [...sums.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([month, value]) => {
          const previous = sums.get(`${Number(month.slice(0, 4)) - 1}${month.slice(4)}`);
          return [
            `${month}-01`,
            round(value),
            previous === undefined ? null : value - previous,
            previous === undefined ? null : (value - previous) / previous,
          ];
        });
    },
  },
  {
    name: 'year-over-year % change by quarter within each segment',
    spec: orders({
      measures: [count()],
      dimensions: [dim('segment', 'segment', 'customers'), grain('quarter', 'order_date', 'quarter')],
      derived: [
        { id: 'yoy_pct', kind: 'period_pct_change', measure: 'n', compareTo: 'same_period_last_year' },
      ],
    }),
    rowCount: 18,
  },
  {
    name: 'year-over-year by ISO week',
    spec: orders({
      measures: [count()],
      dimensions: [grain('week', 'order_date', 'week')],
      derived: [{ id: 'yoy', kind: 'period_change', measure: 'n', compareTo: 'same_period_last_year' }],
      having: [{ measure: 'n', op: 'gte', value: 2 }],
    }),
  },
  // Top-N and HAVING
  {
    name: 'top 3 customers by revenue',
    spec: orders({
      measures: [revenue],
      dimensions: [dim('customer', 'name', 'customers')],
      topN: { n: 3, by: 'revenue' },
    }),
    oracle: (data) => {
      const customers = byId(data.rows.customers ?? []);
      const sums = groupSum(
        (data.rows.orders ?? []).map((row) => ({
          key: customers.get(row[1] as number)?.[1] as string,
          value: row[5] as number,
        })),
      );
      return [...sums.entries()]
        .sort(([, a], [, b]) => b - a)
        .slice(0, 3)
        .map(([key, value]) => [key, round(value)]);
    },
  },
  {
    name: 'top 2 segments per region',
    spec: orders({
      measures: [revenue],
      dimensions: [dim('region', 'region', 'customers'), dim('segment', 'segment', 'customers')],
      topN: { n: 2, by: 'revenue', perGroup: 'region' },
    }),
    rowCount: 10,
  },
  {
    name: 'bottom 2 categories by units',
    spec: {
      table: 'order_lines',
      measures: [sum('units', 'quantity')],
      dimensions: [dim('category', 'category', 'products')],
      filters: [],
      topN: { n: 2, by: 'units', direction: 'asc' },
    },
    rowCount: 2,
  },
  {
    name: 'HAVING on revenue',
    spec: orders({
      measures: [revenue],
      dimensions: [dim('region', 'region', 'customers')],
      having: [{ measure: 'revenue', op: 'gt', value: 30000 }],
    }),
  },
  {
    name: 'HAVING between on a count',
    spec: orders({
      measures: [count()],
      dimensions: [dim('customer', 'name', 'customers')],
      having: [{ measure: 'n', op: 'between', from: 5, to: 10 }],
    }),
  },
  {
    name: 'top 5 customers, shown alphabetically',
    spec: orders({
      measures: [revenue],
      dimensions: [dim('customer', 'name', 'customers')],
      topN: { n: 5, by: 'revenue' },
      order: [{ by: 'customer', direction: 'asc' }],
    }),
    rowCount: 5,
  },
  {
    name: 'top 3 months with share of total',
    spec: orders({
      measures: [revenue],
      dimensions: [grain('month', 'order_date', 'month')],
      derived: [{ id: 'share', kind: 'share_of_total', measure: 'revenue' }],
      topN: { n: 3, by: 'revenue' },
    }),
    rowCount: 3,
  },
  // Empty results and nulls
  {
    name: 'no matching rows with a dimension gives no rows',
    spec: orders({
      measures: [revenue],
      dimensions: [dim('status', 'status')],
      filters: [{ op: 'eq', column: col('status'), value: 'lost' }],
    }),
    rowCount: 0,
  },
  {
    name: 'no matching rows without dimensions gives 0 and null',
    spec: orders({
      measures: [count(), revenue],
      filters: [{ op: 'eq', column: col('status'), value: 'lost' }],
    }),
    oracle: () => [[0, null]],
  },
  {
    name: 'empty chasm result',
    spec: {
      table: 'customers',
      measures: [
        { id: 'orders', aggregation: 'count', column: col('id', 'orders') },
        { id: 'tickets', aggregation: 'count', column: col('id', 'tickets') },
      ],
      dimensions: [dim('segment', 'segment')],
      filters: [{ op: 'eq', column: col('segment'), value: 'Government' }],
    },
    rowCount: 0,
  },
  // Plain row lookups
  {
    name: 'orders of one customer, newest first',
    spec: orders({
      select: [
        { id: 'order_id', column: col('id') },
        { id: 'day', column: col('order_date') },
        { id: 'total', column: col('total_amount') },
      ],
      filters: [{ op: 'eq', column: col('customer_id'), value: 5 }],
      order: [
        { by: 'day', direction: 'desc' },
        { by: 'order_id', direction: 'asc' },
      ],
    }),
  },
  {
    name: 'distinct regions via select',
    spec: {
      table: 'customers',
      measures: [],
      dimensions: [],
      filters: [],
      select: [{ id: 'region', column: col('region') }],
      distinct: true,
      order: [{ by: 'region', direction: 'asc' }],
    },
    rowCount: 5,
  },
  {
    name: 'select with a joined column',
    spec: orders({
      select: [
        { id: 'order_id', column: col('id') },
        { id: 'customer', column: col('name', 'customers') },
      ],
      filters: [{ op: 'gt', column: col('total_amount'), value: 1500 }],
      order: [{ by: 'order_id', direction: 'asc' }],
    }),
  },
  {
    name: 'distinct values via a dimension only',
    spec: { table: 'products', measures: [], dimensions: [dim('category', 'category')], filters: [] },
    rowCount: 5,
  },
  // Metrics from askdata.yaml
  {
    name: 'metric with filters by region',
    withYaml: true,
    spec: orders({
      measures: [{ id: 'net_revenue', metric: 'net_revenue' }],
      dimensions: [dim('region', 'region', 'customers')],
    }),
  },
  {
    name: 'metric across a fan-out dimension',
    withYaml: true,
    spec: orders({
      measures: [
        { id: 'net_revenue', metric: 'net_revenue' },
        { id: 'buyers', metric: 'buyers' },
      ],
      dimensions: [dim('category', 'category', 'products')],
    }),
  },
  // Percentiles per group (emulated on MySQL and SQLite)
  {
    name: 'median order total by status',
    spec: orders({
      measures: [{ id: 'median_total', aggregation: 'median', column: col('total_amount') }, count()],
      dimensions: [dim('status', 'status')],
    }),
  },
  {
    name: 'lower quartile of quantity by category',
    spec: {
      table: 'order_lines',
      measures: [{ id: 'q1', aggregation: 'percentile', percentile: 0.25, column: col('quantity') }],
      dimensions: [dim('category', 'category', 'products')],
      filters: [],
    },
  },
  {
    name: 'median of a column with nulls, across a fan-out',
    spec: {
      table: 'customers',
      measures: [{ id: 'median_minutes', aggregation: 'median', column: col('minutes_spent', 'tickets') }],
      dimensions: [dim('region', 'region')],
      filters: [],
    },
  },
  {
    name: 'distinct products bought per region',
    spec: {
      table: 'order_lines',
      measures: [{ id: 'products', aggregation: 'count_distinct', column: col('product_id') }],
      dimensions: [dim('region', 'region', 'customers')],
      filters: [],
    },
  },
];
