/** Golden SQL for the row-position pseudo column: numbered scan (DuckDB), rowid (SQLite), refused elsewhere. */
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../src/compile/compile-query';
import { type DialectName, dialectNames } from '../src/dialect-name';
import { AskdataError } from '../src/errors';
import { ROW_POSITION } from '../src/query-spec/row-position';
import type { QuerySpec } from '../src/query-spec/types';
import { deriveSemanticModel } from '../src/semantic/derive-semantic-model';
import { shopSchema } from './fixtures/shop-schema';

const model = deriveSemanticModel(shopSchema);

/** "the status of the last order": the row with the highest position. */
const lastOrder: QuerySpec = {
  version: 1,
  table: 'orders',
  measures: [],
  dimensions: [],
  filters: [],
  select: [
    { id: 'status', column: { column: 'status' } },
    { id: 'position', column: { column: ROW_POSITION } },
  ],
  order: [{ by: 'position', direction: 'desc' }],
  limit: 1,
};

/** "how many orders come after row 3": a filter on the position. */
const afterThird: QuerySpec = {
  version: 1,
  table: 'orders',
  measures: [{ id: 'orders', aggregation: 'count' }],
  dimensions: [],
  filters: [{ op: 'gt', column: { column: ROW_POSITION }, value: 3 }],
};

/** "the status of the order listed right after the first cancelled one": a row anchor. */
const afterCancelled: QuerySpec = {
  version: 1,
  table: 'orders',
  measures: [],
  dimensions: [],
  filters: [],
  select: [{ id: 'status', column: { column: 'status' } }],
  rowAnchor: { filters: [{ op: 'eq', column: { column: 'status' }, value: 'cancelled' }], offset: 1 },
};

const golden: Record<
  'lastOrder' | 'afterThird' | 'afterCancelled',
  Record<DialectName, string | 'refused'>
> = {
  lastOrder: {
    duckdb:
      'SELECT "orders"."status" AS "status", "orders"."__row" AS "position" FROM (SELECT *, row_number() OVER () AS "__row" FROM "orders") AS "orders" ORDER BY "orders"."__row" DESC NULLS LAST LIMIT 1',
    sqlite:
      'SELECT "orders"."status" AS "status", "orders".rowid AS "position" FROM "orders" ORDER BY "orders".rowid DESC NULLS LAST LIMIT 1',
    postgres: 'refused',
    mysql: 'refused',
    bigquery: 'refused',
    snowflake: 'refused',
    trino: 'refused',
    clickhouse: 'refused',
  },
  afterThird: {
    duckdb:
      'SELECT COUNT(*) AS "orders" FROM (SELECT *, row_number() OVER () AS "__row" FROM "orders") AS "orders" WHERE "orders"."__row" > 3',
    sqlite: 'SELECT COUNT(*) AS "orders" FROM "orders" WHERE "orders".rowid > 3',
    postgres: 'refused',
    mysql: 'refused',
    bigquery: 'refused',
    snowflake: 'refused',
    trino: 'refused',
    clickhouse: 'refused',
  },
  afterCancelled: {
    duckdb:
      'SELECT "orders"."status" AS "status" FROM (SELECT *, row_number() OVER () AS "__row" FROM "orders") AS "orders" WHERE "orders"."__row" = (SELECT MIN("orders"."__row") FROM (SELECT *, row_number() OVER () AS "__row" FROM "orders") AS "orders" WHERE "orders"."status" = \'cancelled\') + 1',
    sqlite:
      'SELECT "orders"."status" AS "status" FROM "orders" WHERE "orders".rowid = (SELECT MIN("orders".rowid) FROM "orders" WHERE "orders"."status" = \'cancelled\') + 1',
    postgres: 'refused',
    mysql: 'refused',
    bigquery: 'refused',
    snowflake: 'refused',
    trino: 'refused',
    clickhouse: 'refused',
  },
};
const specs = { lastOrder, afterThird, afterCancelled };

describe('row position', () => {
  for (const [name, byDialect] of Object.entries(golden) as Array<
    [keyof typeof golden, Record<DialectName, string>]
  >) {
    for (const dialect of dialectNames) {
      it(`${name} on ${dialect}`, () => {
        const expected = byDialect[dialect];
        if (expected === 'refused') {
          let caught: unknown;
          try {
            compileQuery(specs[name], model, dialect);
          } catch (error) {
            caught = error;
          }
          expect(AskdataError.isInstance(caught) && caught.code).toBe('unsupported_dialect');
        } else {
          expect(String(compileQuery(specs[name], model, dialect).sql)).toBe(expected);
        }
      });
    }
  }

  it('steps to the nearest row passing the skip filters, swapped when the times run newest first', () => {
    const next: QuerySpec = {
      ...afterCancelled,
      rowAnchor: {
        filters: [{ op: 'eq', column: { column: 'status' }, value: 'cancelled' }],
        offset: 1,
        nearest: [{ op: 'neq', column: { column: 'status' }, value: 'cancelled' }],
      },
    };
    expect(String(compileQuery(next, model, 'sqlite').sql)).toBe(
      'SELECT "orders"."status" AS "status" FROM "orders" WHERE "orders".rowid = (SELECT MIN("orders".rowid) FROM "orders" WHERE "orders".rowid > (SELECT MIN("orders".rowid) FROM "orders" WHERE "orders"."status" = \'cancelled\') AND "orders"."status" <> \'cancelled\')',
    );
    const timed = { ...afterCancelled.rowAnchor, time: { column: 'order_date' } } as QuerySpec['rowAnchor'];
    expect(String(compileQuery({ ...afterCancelled, rowAnchor: timed }, model, 'sqlite').sql)).toContain(
      'ORDER BY "orders".rowid DESC LIMIT 1) THEN -1 ELSE 1 END)',
    );
  });

  it('leaves specs without the position untouched', () => {
    const plain: QuerySpec = { ...afterThird, filters: [] };
    expect(String(compileQuery(plain, model, 'duckdb').sql)).toBe(
      'SELECT COUNT(*) AS "orders" FROM "orders"',
    );
  });
});
