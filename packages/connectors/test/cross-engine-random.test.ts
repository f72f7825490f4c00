/**
 * Property: every spec assembled from valid parts compiles for every dialect and returns the same rows on
 * every engine. Complements the hand-written cases with combinations nobody thought to write down.
 */
import { compileQuery, deriveSemanticModel, type QuerySpec, type SemanticModel } from '@askdata/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCell, openEngines, type TestEngine } from './support/engines';
import { generateRetailData, retailSchema } from './support/retail-data';

const data = generateRetailData(7);
let engines: TestEngine[] = [];
const models = new Map<string, SemanticModel>();

beforeAll(async () => {
  engines = await openEngines(data, `askdata_xengine_random_${process.pid}`);
  for (const engine of engines)
    models.set(engine.dialect, deriveSemanticModel(retailSchema(engine.namespace)));
});

afterAll(async () => {
  for (const engine of engines) await engine.close();
});

const dimensionPool: QuerySpec['dimensions'] = [
  { id: 'region', column: { table: 'customers', column: 'region' } },
  { id: 'segment', column: { table: 'customers', column: 'segment' } },
  { id: 'status', column: { column: 'status' } },
  { id: 'category', column: { table: 'products', column: 'category' } },
  { id: 'quarter', column: { column: 'order_date' }, grain: 'quarter' },
  { id: 'year', column: { column: 'order_date' }, grain: 'year' },
  { id: 'weekday', column: { column: 'order_date' }, grain: 'day_of_week' },
  { id: 'active', column: { table: 'customers', column: 'is_active' } },
];

const measurePool: QuerySpec['measures'] = [
  { id: 'n', aggregation: 'count' },
  { id: 'revenue', aggregation: 'sum', column: { column: 'total_amount' } },
  { id: 'avg_discount', aggregation: 'avg', column: { column: 'discount' } },
  { id: 'units', aggregation: 'sum', column: { table: 'order_lines', column: 'quantity' } },
  { id: 'tickets', aggregation: 'count', column: { table: 'tickets', column: 'id' } },
  { id: 'median_total', aggregation: 'median', column: { column: 'total_amount' } },
  { id: 'buyers', aggregation: 'count_distinct', column: { column: 'customer_id' } },
  { id: 'largest', aggregation: 'max', column: { column: 'total_amount' } },
];

const filterPool: QuerySpec['filters'] = [
  { op: 'in', column: { column: 'status' }, values: ['completed', 'shipped'] },
  { op: 'relative_date', column: { column: 'order_date' }, unit: 'quarter', mode: 'last_n', n: 3 },
  { op: 'gt', column: { column: 'total_amount' }, value: 200 },
  { op: 'not_null', column: { table: 'customers', column: 'region' } },
  { op: 'contains', column: { table: 'products', column: 'name' }, value: 'a' },
  { op: 'date_range', column: { column: 'order_date' }, from: '2023-04-01', to: '2024-03-31' },
];

const specArbitrary = fc
  .record({
    dimensions: fc.subarray(dimensionPool, { minLength: 0, maxLength: 2 }),
    measures: fc.subarray(measurePool, { minLength: 1, maxLength: 3 }),
    filters: fc.subarray(filterPool, { minLength: 0, maxLength: 2 }),
    derivedKind: fc.constantFrom(
      undefined,
      'share_of_total',
      'running_total',
      'rank',
      'period_change',
      'year_over_year',
    ),
    topN: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    perGroup: fc.boolean(),
    having: fc.boolean(),
  })
  .map(({ dimensions, measures, filters, derivedKind, topN, perGroup, having }): QuerySpec => {
    const first = measures[0]?.id ?? 'n';
    const spec: QuerySpec = { table: 'orders', measures, dimensions, filters, asOf: '2024-06-15' };
    const hasTimeline = dimensions.some((d) => d.grain === 'quarter' || d.grain === 'year');
    if (derivedKind === 'year_over_year') {
      if (hasTimeline) {
        spec.derived = [
          { id: 'calc', kind: 'period_pct_change', measure: first, compareTo: 'same_period_last_year' },
        ];
      }
    } else if (derivedKind !== undefined && dimensions.length > 0) {
      spec.derived = [{ id: 'calc', kind: derivedKind, measure: first }];
    }
    if (topN !== undefined && dimensions.length > 0) {
      spec.topN = {
        n: topN,
        by: first,
        ...(perGroup && dimensions.length > 1 ? { perGroup: dimensions[0]?.id } : {}),
      };
    }
    if (having && dimensions.length > 0) spec.having = [{ measure: first, op: 'gt', value: 1 }];
    return spec;
  });

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  return a === b;
}

describe('random specs agree across engines', () => {
  it('returns the same rows everywhere', async () => {
    await fc.assert(
      fc.asyncProperty(specArbitrary, async (spec) => {
        const results: Array<[string, Array<Array<string | number | null>>]> = [];
        for (const engine of engines) {
          const compiled = compileQuery(spec, models.get(engine.dialect) as SemanticModel, engine.dialect);
          const rows = await engine.query(compiled.sql).catch((error: unknown) => {
            throw new Error(
              `${engine.dialect}: ${error instanceof Error ? error.message : String(error)}\n${compiled.sql}`,
            );
          });
          results.push([engine.dialect, rows.map((row) => row.map(normaliseCell))]);
        }
        const [, reference] = results[0] ?? ['', []];
        for (const [dialect, rows] of results.slice(1)) {
          const same =
            rows.length === reference.length &&
            rows.every(
              (row, i) =>
                row.length === reference[i]?.length && row.every((cell, j) => close(cell, reference[i]?.[j])),
            );
          expect(
            same,
            `${dialect} differs from ${results[0]?.[0]}: ${JSON.stringify(rows.slice(0, 5))} vs ${JSON.stringify(reference.slice(0, 5))}`,
          ).toBe(true);
        }
      }),
      { numRuns: 60, seed: 20241125 },
    );
  });
});
