/** Cross-engine cases: Joins, fan-out traps and chasm traps. */

import {
  byId,
  type CrossEngineCase,
  col,
  count,
  dim,
  groupSum,
  orderCategories,
  orders,
  revenue,
  round,
  sortedEntries,
  sum,
} from './case-helpers';
import type { Cell } from './retail-data';

export const joinCases: CrossEngineCase[] = [
  // Joins
  {
    name: 'revenue by customer region (null region kept, last)',
    spec: orders({ measures: [revenue], dimensions: [dim('region', 'region', 'customers')] }),
    oracle: (data) => {
      const customers = byId(data.rows.customers ?? []);
      const sums = groupSum(
        (data.rows.orders ?? []).map((row) => ({
          key: customers.get(row[1] as number)?.[2] as string | null,
          value: row[5] as number,
        })),
      );
      return sortedEntries(sums).map(([key, value]) => [key, round(value)]);
    },
  },
  {
    name: 'revenue by region and segment',
    spec: orders({
      measures: [revenue],
      dimensions: [dim('region', 'region', 'customers'), dim('segment', 'segment', 'customers')],
    }),
  },
  {
    name: 'quantity by product category',
    spec: {
      table: 'order_lines',
      measures: [sum('units', 'quantity')],
      dimensions: [dim('category', 'category', 'products')],
      filters: [],
    },
    rowCount: 5,
  },
  {
    name: 'quantity by customer region across two joins',
    spec: {
      table: 'order_lines',
      measures: [sum('units', 'quantity')],
      dimensions: [dim('region', 'region', 'customers')],
      filters: [],
    },
  },
  {
    name: 'revenue by a boolean column',
    spec: orders({ measures: [revenue], dimensions: [dim('active', 'is_active', 'customers')] }),
    rowCount: 2,
  },
  {
    name: 'filter on a joined table',
    spec: orders({
      measures: [revenue, count()],
      filters: [{ op: 'eq', column: col('segment', 'customers'), value: 'Corporate' }],
    }),
  },
  // Fan-out traps
  {
    name: 'fan-out: order totals by product category count each order once per category',
    spec: orders({ measures: [revenue, count()], dimensions: [dim('category', 'category', 'products')] }),
    oracle: (data) => {
      const categories = orderCategories(data);
      const revenueByCategory = new Map<string | null, number>();
      const countByCategory = new Map<string | null, number>();
      for (const order of data.rows.orders ?? []) {
        for (const category of categories.get(order[0] as number) ?? []) {
          revenueByCategory.set(category, (revenueByCategory.get(category) ?? 0) + (order[5] as number));
          countByCategory.set(category, (countByCategory.get(category) ?? 0) + 1);
        }
      }
      return sortedEntries(revenueByCategory).map(([key, value]) => [
        key,
        round(value),
        countByCategory.get(key) ?? 0,
      ]);
    },
  },
  {
    name: 'fan-out: filtering order totals by a line attribute does not multiply them',
    spec: orders({
      measures: [revenue, count()],
      filters: [{ op: 'eq', column: col('category', 'products'), value: 'Books' }],
    }),
    oracle: (data) => {
      const categories = orderCategories(data);
      const matching = (data.rows.orders ?? []).filter((row) =>
        categories.get(row[0] as number)?.has('Books'),
      );
      return [[round(matching.reduce((a, row) => a + (row[5] as number), 0)), matching.length]];
    },
  },
  {
    name: 'fan-out with an escaped LIKE pattern on product names',
    spec: orders({
      measures: [count()],
      filters: [{ op: 'contains', column: col('name', 'products'), value: '100%_PURE' }],
    }),
    oracle: (data) => {
      const products = byId(data.rows.products ?? []);
      const ids = new Set(
        (data.rows.order_lines ?? [])
          .filter((line) => String(products.get(line[2] as number)?.[1]).includes('100%_pure'))
          .map((line) => line[1]),
      );
      return [[ids.size]];
    },
  },
  {
    name: 'fan-out: average order total by category',
    spec: orders({
      measures: [{ id: 'avg_total', aggregation: 'avg', column: col('total_amount') }],
      dimensions: [dim('category', 'category', 'products')],
    }),
  },
  {
    name: 'fan-out: customers counted once when filtered by their orders',
    spec: {
      table: 'customers',
      measures: [count('customers')],
      dimensions: [dim('segment', 'segment')],
      filters: [{ op: 'eq', column: col('status', 'orders'), value: 'returned' }],
    },
    oracle: (data) => {
      const customers = byId(data.rows.customers ?? []);
      const ids = new Set(
        (data.rows.orders ?? []).filter((row) => row[4] === 'returned').map((row) => row[1] as number),
      );
      const counts = groupSum([...ids].map((id) => ({ key: customers.get(id)?.[3] as string, value: 1 })));
      return sortedEntries(counts).map(([key, value]) => [key, value]);
    },
  },
  // Chasm traps: two fact tables through a shared dimension
  {
    name: 'chasm: orders and tickets per segment are counted independently',
    spec: {
      table: 'customers',
      measures: [
        { id: 'orders', aggregation: 'count', column: col('id', 'orders') },
        { id: 'tickets', aggregation: 'count', column: col('id', 'tickets') },
      ],
      dimensions: [dim('segment', 'segment')],
      filters: [],
    },
    oracle: (data) => {
      const customers = byId(data.rows.customers ?? []);
      const segmentOf = (id: Cell | undefined) => customers.get(id as number)?.[3] as string;
      const orderCounts = groupSum(
        (data.rows.orders ?? []).map((row) => ({ key: segmentOf(row[1]), value: 1 })),
      );
      const ticketCounts = groupSum(
        (data.rows.tickets ?? []).map((row) => ({ key: segmentOf(row[1]), value: 1 })),
      );
      const keys = [...new Set([...orderCounts.keys(), ...ticketCounts.keys()])].sort();
      return keys.map((key) => [key, orderCounts.get(key) ?? 0, ticketCounts.get(key) ?? 0]);
    },
  },
  {
    name: 'chasm: revenue and support minutes by region',
    spec: {
      table: 'customers',
      measures: [sum('revenue', 'total_amount', 'orders'), sum('minutes', 'minutes_spent', 'tickets')],
      dimensions: [dim('region', 'region')],
      filters: [],
    },
    oracle: (data) => {
      const customers = byId(data.rows.customers ?? []);
      const regionOf = (id: Cell | undefined) => (customers.get(id as number)?.[2] ?? null) as string | null;
      const revenueBy = groupSum(
        (data.rows.orders ?? []).map((row) => ({ key: regionOf(row[1]), value: row[5] as number })),
      );
      const minutesBy = groupSum(
        (data.rows.tickets ?? []).map((row) => ({
          key: regionOf(row[1]),
          value: (row[4] as number | null) ?? 0,
        })),
      );
      return sortedEntries(revenueBy).map(([key, value]) => [key, round(value), minutesBy.get(key) ?? null]);
    },
  },
  {
    name: 'chasm without dimensions',
    spec: {
      table: 'customers',
      measures: [
        { id: 'orders', aggregation: 'count', column: col('id', 'orders') },
        { id: 'tickets', aggregation: 'count', column: col('id', 'tickets') },
      ],
      dimensions: [],
      filters: [],
    },
    oracle: (data) => [[data.rows.orders?.length ?? 0, data.rows.tickets?.length ?? 0]],
  },
  {
    name: 'chasm with a filter on the shared dimension',
    spec: {
      table: 'customers',
      measures: [
        sum('revenue', 'total_amount', 'orders'),
        { id: 'tickets', aggregation: 'count', column: col('id', 'tickets') },
      ],
      dimensions: [dim('segment', 'segment')],
      filters: [{ op: 'eq', column: col('region'), value: 'East' }],
    },
  },
  {
    name: 'two grains: line units and order revenue by region',
    spec: orders({
      measures: [revenue, sum('units', 'quantity', 'order_lines')],
      dimensions: [dim('region', 'region', 'customers')],
    }),
    oracle: (data) => {
      const customers = byId(data.rows.customers ?? []);
      const ordersById = byId(data.rows.orders ?? []);
      const regionOfOrder = (id: Cell | undefined) =>
        (customers.get(ordersById.get(id as number)?.[1] as number)?.[2] ?? null) as string | null;
      const revenueBy = groupSum(
        (data.rows.orders ?? []).map((row) => ({ key: regionOfOrder(row[0]), value: row[5] as number })),
      );
      const unitsBy = groupSum(
        (data.rows.order_lines ?? []).map((row) => ({ key: regionOfOrder(row[1]), value: row[3] as number })),
      );
      return sortedEntries(revenueBy).map(([key, value]) => [key, round(value), unitsBy.get(key) ?? null]);
    },
  },
];
