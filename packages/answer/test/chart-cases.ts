/**
 * Chart test cases: small, realistic results with their QuerySpec, an optional question, and units.
 * Shared by the golden-spec test and the rendering test.
 */
import type { CellValue, LogicalType, QueryResult, QuerySpec } from '@askdata/core';

export interface ChartCase {
  name: string;
  result: QueryResult;
  spec?: QuerySpec;
  question?: string;
  units?: Record<string, string>;
  theme?: 'light' | 'dark';
}

function result(columns: Array<[string, LogicalType]>, rows: CellValue[][]): QueryResult {
  return {
    columns: columns.map(([name, logicalType]) => ({
      name,
      logicalType,
      sourceType: logicalType.toUpperCase(),
    })),
    rows,
    rowCount: rows.length,
    truncated: false,
    elapsedMs: 1,
  };
}

function spec(partial: Partial<QuerySpec>): QuerySpec {
  return { table: 'orders', measures: [], dimensions: [], filters: [], ...partial };
}

const regions: CellValue[][] = [
  ['EMEA', 1_234_000],
  ['North America', 2_480_500],
  ['APAC', 310_250],
  ['Latin America', 512_900],
];
const regionResult = result(
  [
    ['region', 'text'],
    ['total_revenue', 'decimal'],
  ],
  regions,
);
const regionSpec = spec({
  measures: [
    { id: 'total_revenue', aggregation: 'sum', column: { column: 'revenue' }, label: 'Total revenue' },
  ],
  dimensions: [{ id: 'region', column: { column: 'region' } }],
});
const months = [
  '2024-01-01',
  '2024-02-01',
  '2024-03-01',
  '2024-04-01',
  '2024-05-01',
  '2024-06-01',
  '2024-07-01',
  '2024-08-01',
];
const monthly = result(
  [
    ['order_month', 'date'],
    ['revenue', 'decimal'],
  ],
  months.map((month, index) => [month, 120_000 + index * 9_500 + (index % 3) * 7_000]),
);
const monthlySpec = spec({
  measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' }, label: 'Revenue' }],
  dimensions: [{ id: 'order_month', column: { column: 'order_date' }, grain: 'month', label: 'Order month' }],
});
const channels = ['Online', 'Retail', 'Partner'];
const monthlyByChannel = result(
  [
    ['order_month', 'date'],
    ['channel', 'text'],
    ['orders', 'integer'],
  ],
  months.flatMap((month, index) =>
    channels.map((channel, position) => [month, channel, 200 + index * 15 * (position + 1) - position * 40]),
  ),
);
const productNames = [
  'Ergonomic office chair with lumbar support',
  'Standing desk converter',
  'Noise cancelling headphones',
  'Mechanical keyboard (tenkeyless)',
  'Ultrawide 34-inch monitor',
  'USB-C docking station',
];
const products = result(
  [
    ['product_name', 'text'],
    ['units_sold', 'integer'],
  ],
  productNames.map((name, index) => [name, 1500 - index * 180 + (index % 2) * 90]),
);
const shares = result(
  [
    ['segment', 'text'],
    ['share_of_revenue', 'float'],
  ],
  [
    ['Enterprise', 0.46],
    ['Mid-market', 0.31],
    ['Small business', 0.17],
    ['Consumer', 0.06],
  ],
);
const shareSpec = spec({
  measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
  dimensions: [{ id: 'segment', column: { column: 'segment' } }],
  derived: [
    { id: 'share_of_revenue', kind: 'share_of_total', measure: 'revenue', label: 'Share of revenue' },
  ],
});
const scatterRows: CellValue[][] = Array.from({ length: 40 }, (_, index) => [
  20 + ((index * 37) % 60),
  3.1 + ((index * 13) % 17) / 10 + ((index * 37) % 60) / 40,
  index % 3 === 0 ? 'Books' : index % 3 === 1 ? 'Games' : 'Music',
]);
const scatter = result(
  [
    ['unit_price', 'decimal'],
    ['average_rating', 'float'],
    ['category', 'text'],
  ],
  scatterRows,
);
const distribution = result(
  [['order_value', 'decimal']],
  Array.from({ length: 200 }, (_, index) => [Math.round(40 + 60 * Math.sin(index) ** 2 + (index % 23) * 4)]),
);
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const hours = Array.from({ length: 12 }, (_, index) => `${String(index + 8).padStart(2, '0')}:00`);
const heat = result(
  [
    ['hour', 'text'],
    ['weekday', 'text'],
    ['visits', 'integer'],
  ],
  hours.flatMap((hour, h) =>
    weekdays.map((day, d) => [hour, day, 50 + ((h * 7 + d * 11) % 40) * (d < 5 ? 3 : 1)]),
  ),
);
const stackedRows = result(
  [
    ['region', 'text'],
    ['channel', 'text'],
    ['revenue', 'decimal'],
  ],
  ['EMEA', 'North America', 'APAC'].flatMap((region, r) =>
    channels.map((channel, c) => [region, channel, 100_000 * (r + 1) + 40_000 * c]),
  ),
);
const total = result([['total_revenue', 'decimal']], [[4_537_650]]);
const totalWithPrevious = result(
  [
    ['revenue', 'decimal'],
    ['previous_revenue', 'decimal'],
  ],
  [[1_284_300, 1_190_000]],
);
const yearly = result(
  [
    ['year', 'integer'],
    ['customers', 'integer'],
  ],
  [2018, 2019, 2020, 2021, 2022, 2023, 2024].map((year, index) => [
    year,
    1200 + index * 310 - (index === 2 ? 400 : 0),
  ]),
);
const running = result(
  [
    ['order_month', 'date'],
    ['revenue', 'decimal'],
    ['cumulative_revenue', 'decimal'],
  ],
  months.map((month, index) => [month, 100 + index * 10, (index + 1) * 100 + (index * (index + 1) * 10) / 2]),
);
const runningSpec = spec({
  measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
  dimensions: [{ id: 'order_month', column: { column: 'order_date' }, grain: 'month' }],
  derived: [{ id: 'cumulative_revenue', kind: 'running_total', measure: 'revenue', over: 'order_month' }],
});
const manyCategories = result(
  [
    ['city', 'text'],
    ['customers', 'integer'],
  ],
  Array.from({ length: 60 }, (_, index) => [`City ${index + 1}`, 1000 - index * 13]),
);
const weekdayCounts = result(
  [
    ['order_weekday', 'text'],
    ['orders', 'integer'],
  ],
  weekdays.map((day, index) => [day, 300 + ((index * 53) % 120)]),
);
const weekdaySpec = spec({
  measures: [{ id: 'orders', aggregation: 'count' }],
  dimensions: [{ id: 'order_weekday', column: { column: 'order_date' }, grain: 'day_of_week' }],
});
const lookup = result(
  [
    ['customer_name', 'text'],
    ['email', 'text'],
    ['notes', 'text'],
  ],
  [
    [
      'Ada Lovelace',
      'ada@example.com',
      'Asked for an invoice copy and a change of billing address for the next quarter.',
    ],
    [
      'Alan Turing',
      'alan@example.com',
      'Prefers email contact; renewal due in March, discount agreed by the account manager.',
    ],
  ],
);
const empty = result(
  [
    ['region', 'text'],
    ['revenue', 'decimal'],
  ],
  [],
);
const negatives = result(
  [
    ['department', 'text'],
    ['profit', 'decimal'],
  ],
  [
    ['Hardware', 82_000],
    ['Software', 145_500],
    ['Services', -23_400],
    ['Support', -5_100],
  ],
);

export const chartCases: ChartCase[] = [
  { name: 'bar-revenue-by-region', result: regionResult, spec: regionSpec, units: { total_revenue: 'USD' } },
  {
    name: 'bar-revenue-by-region-dark',
    result: regionResult,
    spec: regionSpec,
    units: { total_revenue: 'USD' },
    theme: 'dark',
  },
  { name: 'bar-euro', result: regionResult, spec: regionSpec, units: { total_revenue: 'EUR' } },
  { name: 'bar-long-labels-horizontal', result: products },
  { name: 'bar-negative-values', result: negatives, units: { profit: 'GBP' } },
  { name: 'bar-weekday-keeps-order', result: weekdayCounts, spec: weekdaySpec },
  {
    name: 'bar-requested-for-time',
    result: monthly,
    spec: monthlySpec,
    question: 'revenue by month as a bar chart',
  },
  { name: 'line-monthly-revenue', result: monthly, spec: monthlySpec, units: { revenue: 'USD' } },
  {
    name: 'line-monthly-revenue-dark',
    result: monthly,
    spec: monthlySpec,
    units: { revenue: 'USD' },
    theme: 'dark',
  },
  { name: 'line-yearly-integer-years', result: yearly },
  { name: 'line-trend-cue', result: yearly, question: 'what is the trend in customers?' },
  { name: 'multi-line-by-channel', result: monthlyByChannel },
  { name: 'area-running-total', result: running, spec: runningSpec, units: { revenue: 'USD' } },
  { name: 'area-requested', result: monthly, spec: monthlySpec, question: 'show revenue as an area chart' },
  { name: 'donut-share', result: shares, spec: shareSpec },
  {
    name: 'pie-requested',
    result: regionResult,
    spec: regionSpec,
    question: 'revenue by region as a pie chart',
    units: { total_revenue: 'USD' },
  },
  {
    name: 'donut-requested-dark',
    result: regionResult,
    spec: regionSpec,
    question: 'donut of revenue by region',
    theme: 'dark',
  },
  { name: 'scatter-two-measures', result: scatter, units: { unit_price: 'USD' } },
  { name: 'scatter-requested', result: scatter, question: 'scatter plot of price vs rating' },
  { name: 'histogram-order-values', result: distribution, units: { order_value: 'USD' } },
  { name: 'histogram-requested', result: distribution, question: 'show me a histogram of order value' },
  { name: 'heatmap-visits', result: heat },
  { name: 'heatmap-requested', result: stackedRows, question: 'revenue by region and channel as a heatmap' },
  { name: 'grouped-bar-two-dimensions', result: stackedRows, units: { revenue: 'USD' } },
  {
    name: 'stacked-bar-requested',
    result: stackedRows,
    question: 'stacked bar of revenue by region and channel',
  },
  { name: 'kpi-total', result: total, units: { total_revenue: 'USD' } },
  {
    name: 'kpi-with-comparison',
    result: totalWithPrevious,
    units: { revenue: 'EUR', previous_revenue: 'EUR' },
  },
  { name: 'kpi-with-comparison-dark', result: totalWithPrevious, units: { revenue: 'USD' }, theme: 'dark' },
  { name: 'table-many-categories', result: manyCategories },
  { name: 'table-free-text', result: lookup },
  { name: 'table-requested', result: regionResult, question: 'revenue by region in a table' },
  { name: 'table-empty', result: empty },
  {
    name: 'line-requested-on-categories',
    result: regionResult,
    spec: regionSpec,
    question: 'line chart of revenue per region',
  },
];
