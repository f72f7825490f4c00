import { describe, expect, it } from 'vitest';
import { compileQuery } from '../src/compile/compile-query';
import type { Filter } from '../src/query-spec/types';
import { deriveSemanticModel } from '../src/semantic/derive-semantic-model';
import type { SemanticModel } from '../src/semantic/types';
import { shopSchema } from './fixtures/shop-schema';

const base = deriveSemanticModel(shopSchema);
// A timestamp column, to check whole-day handling of plain dates.
const model: SemanticModel = {
  ...base,
  entities: base.entities.map((entity) =>
    entity.name === 'orders'
      ? {
          ...entity,
          columns: [
            ...entity.columns,
            { name: 'paid_at', label: 'Paid at', logicalType: 'timestamp', role: 'time', synonyms: [] },
          ],
        }
      : entity,
  ),
};

function where(filter: Filter, dialect: 'duckdb' | 'sqlite' = 'duckdb'): string {
  const sql = compileQuery(
    { table: 'orders', measures: [{ id: 'n', aggregation: 'count' }], dimensions: [], filters: [filter] },
    model,
    dialect,
  ).sql;
  return sql.slice(sql.indexOf(' WHERE ') + 7);
}

const paidAt = { column: 'paid_at' };
const day = { column: 'order_date' };

describe('filter SQL', () => {
  it.each<[string, Filter, string]>([
    [
      'a date range includes its last day',
      { op: 'date_range', column: day, from: '2024-01-01', to: '2024-01-31' },
      `("orders"."order_date" >= DATE '2024-01-01' AND "orders"."order_date" < DATE '2024-02-01')`,
    ],
    [
      'a range open at the start',
      { op: 'date_range', column: day, to: '2024-01-31' },
      `"orders"."order_date" < DATE '2024-02-01'`,
    ],
    [
      'a timestamp upper bound is an instant',
      { op: 'date_range', column: paidAt, to: '2024-01-31T12:00:00' },
      `"orders"."paid_at" <= TIMESTAMP '2024-01-31 12:00:00'`,
    ],
    [
      'a date equal to a timestamp is that day',
      { op: 'eq', column: paidAt, value: '2024-03-01' },
      `("orders"."paid_at" >= DATE '2024-03-01' AND "orders"."paid_at" < DATE '2024-03-02')`,
    ],
    [
      'at most a date on a timestamp includes that day',
      { op: 'lte', column: paidAt, value: '2024-03-01' },
      `"orders"."paid_at" < DATE '2024-03-02'`,
    ],
    [
      'between dates on a timestamp',
      { op: 'between', column: paidAt, from: '2024-03-01', to: '2024-03-03' },
      `("orders"."paid_at" >= DATE '2024-03-01' AND "orders"."paid_at" < DATE '2024-03-04')`,
    ],
    [
      'numbers written as text become numbers',
      { op: 'gt', column: { column: 'amount' }, value: '250.5' },
      `"orders"."amount" > 250.5`,
    ],
    ['text stays text', { op: 'eq', column: { column: 'status' }, value: '42' }, `"orders"."status" = '42'`],
    [
      'LIKE wildcards in values are literal',
      { op: 'starts_with', column: { column: 'status' }, value: '50%_off!' },
      `"orders"."status" ILIKE '50!%!_off!!%' ESCAPE '!'`,
    ],
    [
      'not in',
      { op: 'not_in', column: { column: 'status' }, values: ['a', 'b'] },
      `"orders"."status" NOT IN ('a', 'b')`,
    ],
    [
      'null check',
      { op: 'is_null', column: { table: 'customers', column: 'region' } },
      `"customers"."region" IS NULL`,
    ],
    [
      'a comparison that keeps empty cells (a summary row excluded, blank labels kept)',
      { op: 'neq', column: { column: 'status' }, value: 'Total', keepEmpty: true },
      `("orders"."status" <> 'Total' OR "orders"."status" IS NULL)`,
    ],
  ])('%s', (_label, filter, expected) => {
    expect(where(filter)).toBe(expected);
  });

  it('compares ISO text dates in SQLite', () => {
    expect(where({ op: 'date_range', column: day, from: '2024-01-01' }, 'sqlite')).toBe(
      `"orders"."order_date" >= '2024-01-01'`,
    );
  });
});
