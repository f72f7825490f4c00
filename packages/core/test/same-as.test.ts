/** "The same <column> as <row>": rows whose column holds a value of the rows the filters find, base table only. */
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../src/compile/compile-query';
import { describeQuerySpec } from '../src/query-spec/describe-query-spec';
import type { QuerySpec } from '../src/query-spec/types';
import { deriveSemanticModel } from '../src/semantic/derive-semantic-model';
import { shopSchema } from './fixtures/shop-schema';

const model = deriveSemanticModel(shopSchema);

/** "customers in the same region as Ada, Ada left out". */
const sameRegion: QuerySpec = {
  version: 1,
  table: 'customers',
  measures: [],
  dimensions: [],
  filters: [{ op: 'neq', column: { column: 'name' }, value: 'Ada' }],
  select: [{ id: 'name', column: { column: 'name' } }],
  sameAs: { column: { column: 'region' }, filters: [{ op: 'eq', column: { column: 'name' }, value: 'Ada' }] },
};

describe('same as', () => {
  it('compiles to an IN over the same table', () => {
    const sql = String(compileQuery(sameRegion, model, 'sqlite').sql);
    expect(sql).toContain(
      `"customers"."region" IN (SELECT "customers"."region" FROM "customers" WHERE "customers"."name" = 'Ada')`,
    );
    expect(sql).toContain(`"customers"."name" <> 'Ada'`);
  });

  it('says what it compares', () => {
    expect(describeQuerySpec(sameRegion, model)).toContain('the same region as the rows');
  });

  it('refuses columns of another table', () => {
    const joined: QuerySpec = {
      ...sameRegion,
      table: 'orders',
      select: [{ id: 'status', column: { column: 'status' } }],
      filters: [],
      sameAs: {
        column: { column: 'status' },
        filters: [{ op: 'eq', column: { table: 'customers', column: 'name' }, value: 'Ada' }],
      },
    };
    expect(() => compileQuery(joined, model, 'sqlite')).toThrow(/base table/);
  });
});
