/** A difference answered with a word by its sign ("did A sell more or less than B?"). */
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../src/compile/compile-query';
import type { QuerySpec } from '../src/query-spec/types';
import { deriveSemanticModel } from '../src/semantic/derive-semantic-model';
import { shopSchema } from './fixtures/shop-schema';

const model = deriveSemanticModel(shopSchema);

const amountWhere = (status: string) => ({
  aggregation: 'sum' as const,
  column: { column: 'amount' },
  where: [{ op: 'eq' as const, column: { column: 'status' }, value: status }],
});

const spec: QuerySpec = {
  version: 1,
  table: 'orders',
  measures: [
    { id: 'shipped', ...amountWhere('shipped') },
    { id: 'returned', ...amountWhere('returned') },
  ],
  dimensions: [],
  filters: [],
  derived: [
    {
      id: 'answer',
      kind: 'difference',
      measure: 'shipped',
      minus: 'returned',
      verdict: { above: 'more', below: 'less', same: 'same' },
    },
  ],
};

describe('difference verdict', () => {
  it('compiles the sign of the gap to one of three words, empty when a side is missing', () => {
    const sql = String(compileQuery(spec, model, 'duckdb').sql);
    const gap = `"agg"."shipped" - "agg"."returned"`;
    expect(sql).toContain(
      `CASE WHEN ${gap} > 0 THEN 'more' WHEN ${gap} < 0 THEN 'less' WHEN ${gap} = 0 THEN 'same' END AS "answer"`,
    );
  });
});
