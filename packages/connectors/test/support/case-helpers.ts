/** Builders and oracle helpers shared by the cross-engine case files. */
import type { Filter, Measure, QuerySpec } from '@askdata/core';
import type { Cell, RetailData } from './retail-data';

export interface CrossEngineCase {
  name: string;
  spec: QuerySpec;
  /** Use the model enriched by the test askdata.yaml (metrics). */
  withYaml?: boolean;
  /** Expected rows computed independently from the dataset, in result order. */
  oracle?: (data: RetailData) => Cell[][];
  /** Expected row count, when an oracle would only restate the SQL. */
  rowCount?: number;
}

export const asOf = '2024-06-15';

export const col = (column: string, table?: string) => (table === undefined ? { column } : { table, column });
export const sum = (id: string, column: string, table?: string): Measure => ({
  id,
  aggregation: 'sum',
  column: col(column, table),
});
export const count = (id = 'n'): Measure => ({ id, aggregation: 'count' });
export const dim = (id: string, column: string, table?: string) => ({ id, column: col(column, table) });
export const grain = (
  id: string,
  column: string,
  g: NonNullable<QuerySpec['dimensions'][number]['grain']>,
) => ({
  id,
  column: col(column),
  grain: g,
});
export const orders = (partial: Partial<QuerySpec>): QuerySpec => ({
  table: 'orders',
  measures: [],
  dimensions: [],
  filters: [],
  asOf,
  ...partial,
});
export const revenue = sum('revenue', 'total_amount');
export const relative = (
  unit: 'day' | 'week' | 'month' | 'quarter' | 'year',
  mode: 'last_n' | 'this' | 'last' | 'to_date',
  n?: number,
): Filter => ({
  op: 'relative_date',
  column: col('order_date'),
  unit,
  mode,
  ...(n === undefined ? {} : { n }),
});

// Oracle helpers over the generated rows (column positions follow retail-data.ts).
export type Row = Cell[];
export const byId = (rows: Row[]) => new Map(rows.map((row) => [row[0] as number, row]));
export const round = (value: number) => Math.round(value * 100) / 100;
export function groupSum<K>(items: Array<{ key: K; value: number }>): Map<K, number> {
  const result = new Map<K, number>();
  for (const { key, value } of items) result.set(key, (result.get(key) ?? 0) + value);
  return result;
}
export const sortedEntries = <V>(map: Map<string | null, V>) =>
  [...map.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));

export function orderCategories(data: RetailData): Map<number, Set<string | null>> {
  const products = byId(data.rows.products ?? []);
  const result = new Map<number, Set<string | null>>();
  for (const order of data.rows.orders ?? []) result.set(order[0] as number, new Set());
  for (const line of data.rows.order_lines ?? []) {
    result.get(line[1] as number)?.add(products.get(line[2] as number)?.[2] as string);
  }
  for (const set of result.values()) if (set.size === 0) set.add(null);
  return result;
}

export const testYaml = `version: 1
metrics:
  - name: net_revenue
    table: orders
    expression: sum(total_amount - discount)
    filters:
      - { column: status, op: in, values: [completed, shipped] }
    owner: finance
    version: 2
    unit: USD
  - name: buyers
    table: orders
    expression: count(distinct customer_id)
`;

export function percentileCont(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return (
    (sorted[lower] as number) + (position - lower) * ((sorted[upper] as number) - (sorted[lower] as number))
  );
}
