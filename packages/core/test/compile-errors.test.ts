import { describe, expect, it } from 'vitest';
import { compileQuery } from '../src/compile/compile-query';
import type { QuerySpec } from '../src/query-spec/types';
import { deriveSemanticModel } from '../src/semantic/derive-semantic-model';
import type { SemanticModel } from '../src/semantic/types';
import { shopSchema } from './fixtures/shop-schema';

const model = deriveSemanticModel(shopSchema);
const spec = (partial: Partial<QuerySpec>): QuerySpec => ({
  table: 'orders',
  measures: [],
  dimensions: [],
  filters: [],
  ...partial,
});

describe('compileQuery errors a person can act on', () => {
  it('suggests the closest column', () => {
    expect(() =>
      compileQuery(
        spec({ measures: [{ id: 'r', aggregation: 'sum', column: { column: 'amout' } }] }),
        model,
        'duckdb',
      ),
    ).toThrow("Table 'orders' has no column 'amout'; did you mean 'amount'?");
  });

  it('suggests the closest table', () => {
    expect(() =>
      compileQuery(spec({ table: 'order', measures: [{ id: 'n', aggregation: 'count' }] }), model, 'duckdb'),
    ).toThrow("There is no table 'order'; did you mean 'orders'?");
  });

  it('refuses a fan-out when the measured table has no key to de-duplicate on', () => {
    const keyless: SemanticModel = {
      ...model,
      entities: model.entities.map((entity) =>
        entity.name === 'orders' ? { ...entity, primaryKey: [] } : entity,
      ),
    };
    const fanOut = spec({
      measures: [{ id: 'r', aggregation: 'sum', column: { column: 'amount' } }],
      dimensions: [{ id: 'category', column: { table: 'products', column: 'category' } }],
    });
    expect(() => compileQuery(fanOut, keyless, 'postgres')).toThrow(/no primary key/);
  });

  it('refuses a per-measure condition on a table with many rows per measured row', () => {
    const conditional = spec({
      measures: [
        {
          id: 'r',
          aggregation: 'sum',
          column: { column: 'amount' },
          where: [{ op: 'eq', column: { table: 'products', column: 'category' }, value: 'Books' }],
        },
      ],
    });
    expect(() => compileQuery(conditional, model, 'duckdb')).toThrow(/many rows per orders row/);
  });

  it('refuses tables with no join path', () => {
    const island: SemanticModel = { ...model, relationships: [] };
    const joined = spec({
      measures: [{ id: 'n', aggregation: 'count' }],
      dimensions: [{ id: 'region', column: { table: 'customers', column: 'region' } }],
    });
    expect(() => compileQuery(joined, island, 'sqlite')).toThrow(
      /no known relationship linking 'orders' to 'customers'/,
    );
  });

  it('needs an as-of date for relative dates', () => {
    const relative = spec({
      measures: [{ id: 'n', aggregation: 'count' }],
      filters: [{ op: 'relative_date', column: { column: 'order_date' }, unit: 'month', mode: 'this' }],
    });
    expect(() => compileQuery(relative, model, 'mysql')).toThrow(/as-of date/);
  });

  it('rejects a date that is not a date', () => {
    const wrong = spec({
      measures: [{ id: 'n', aggregation: 'count' }],
      filters: [{ op: 'gt', column: { column: 'order_date' }, value: 'yesterday' }],
    });
    expect(() => compileQuery(wrong, model, 'duckdb')).toThrow(/not a date/);
  });
});

describe('compileQuery output columns', () => {
  it('describes roles, labels, grains and units for charts and narration', () => {
    const compiled = compileQuery(
      spec({
        measures: [{ id: 'revenue', aggregation: 'sum', column: { column: 'amount' } }],
        dimensions: [{ id: 'month', column: { column: 'order_date' }, grain: 'month' }],
        derived: [{ id: 'share', kind: 'share_of_total', measure: 'revenue' }],
      }),
      model,
      'duckdb',
    );
    expect(compiled.columns).toEqual([
      { name: 'month', role: 'dimension', label: 'Order date', grain: 'month' },
      { name: 'revenue', role: 'measure', label: 'Sum of amount', aggregation: 'sum', unit: 'USD' },
      {
        name: 'share',
        role: 'derived',
        label: 'Share of total (Sum of amount)',
        derivedKind: 'share_of_total',
        unit: 'fraction',
      },
    ]);
  });

  it('escapes quotes in identifiers', () => {
    const odd: SemanticModel = {
      ...model,
      entities: [
        {
          ...model.entities[0],
          name: 'we"ird',
          label: 'Weird',
          synonyms: [],
          primaryKey: [],
          columns: [{ name: 'a`b', label: 'A', logicalType: 'text', role: 'dimension', synonyms: [] }],
        },
      ],
      relationships: [],
    } as SemanticModel;
    const rows = spec({ table: 'we"ird', select: [{ id: 'x', column: { column: 'a`b' } }] });
    expect(compileQuery(rows, odd, 'postgres').sql).toBe('SELECT "we""ird"."a`b" AS "x" FROM "we""ird"');
    expect(compileQuery(rows, odd, 'mysql').sql).toBe('SELECT `we"ird`.`a``b` AS `x` FROM `we"ird`');
  });
});

describe('compileQuery notes', () => {
  it('explains resolved dates, inferred joins, fan-out and separate aggregation', () => {
    const compiled = compileQuery(
      spec({
        measures: [
          { id: 'revenue', aggregation: 'sum', column: { column: 'amount' } },
          { id: 'units', aggregation: 'sum', column: { table: 'order_lines', column: 'quantity' } },
        ],
        dimensions: [{ id: 'category', column: { table: 'products', column: 'category' } }],
        filters: [{ op: 'relative_date', column: { column: 'order_date' }, unit: 'month', mode: 'last' }],
        asOf: '2024-03-10',
      }),
      model,
      'duckdb',
    );
    expect(compiled.notes).toEqual([
      'Order date: 2024-02-01 to 2024-02-29 (relative to 2024-03-10).',
      'order_lines.order_id is joined to orders.id by matching names (no declared key).',
      'order_lines.product_id is joined to products.id by matching names (no declared key).',
      'Each row of orders is counted once under every category it relates to, so the groups can add up to more than the overall total.',
      'Measures from orders and order_lines are aggregated separately and then matched on the dimensions, so neither is double counted.',
    ]);
  });

  it('has no notes for a plain single-table question', () => {
    const compiled = compileQuery(spec({ measures: [{ id: 'n', aggregation: 'count' }] }), model, 'sqlite');
    expect(compiled.notes).toEqual([]);
  });
});
