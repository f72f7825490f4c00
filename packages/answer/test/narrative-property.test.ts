/**
 * Property: for any result, the template writer states only numbers its facts support (so the
 * number check an LLM narrative must pass never rejects our own text), in at most four sentences.
 */
import type { QueryResult, QuerySpec } from '@askdata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNarrativeNumbers } from '../src/narrative/check-narrative-numbers';
import { narrate } from '../src/narrative/narrate';

const value = fc.oneof(
  fc.integer({ min: -1_000_000, max: 5_000_000_000 }),
  fc.double({ min: -1e7, max: 1e10, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constant(null),
);

const scenario = fc.record({
  time: fc.boolean(),
  values: fc.array(value, { minLength: 1, maxLength: 30 }),
  aggregation: fc.constantFrom('sum' as const, 'count' as const, 'avg' as const, 'max' as const),
  unit: fc.constantFrom(undefined, 'USD', 'EUR', 'percent', 'count'),
  grain: fc.constantFrom(
    'day' as const,
    'week' as const,
    'month' as const,
    'quarter' as const,
    'year' as const,
  ),
  asOfOffset: fc.integer({ min: -40, max: 400 }),
  topN: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  truncated: fc.boolean(),
  label: fc.constantFrom('Revenue', 'Orders', 'Store 12 sales', 'GMV'),
});

function periodStart(index: number, grain: 'day' | 'week' | 'month' | 'quarter' | 'year'): string {
  const date = new Date(Date.UTC(2020, 0, 1));
  if (grain === 'day') date.setUTCDate(1 + index);
  if (grain === 'week') date.setUTCDate(1 + 7 * index);
  if (grain === 'month') date.setUTCMonth(index);
  if (grain === 'quarter') date.setUTCMonth(3 * index);
  if (grain === 'year') date.setUTCFullYear(2020 + index);
  return date.toISOString().slice(0, 10);
}

describe('narrative numbers property', () => {
  it('never states a number the facts do not hold', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const rows = input.values.map((cell, index) => [
          input.time ? periodStart(index, input.grain) : `Member ${index + 1}`,
          cell,
        ]);
        const result: QueryResult = {
          columns: [
            {
              name: 'group',
              sourceType: input.time ? 'DATE' : 'VARCHAR',
              logicalType: input.time ? 'date' : 'text',
            },
            { name: 'value', sourceType: 'DOUBLE', logicalType: 'float' },
          ],
          rows,
          rowCount: rows.length,
          truncated: input.truncated,
          elapsedMs: 0,
        };
        const spec: QuerySpec = {
          table: 't',
          measures: [
            { id: 'value', aggregation: input.aggregation, column: { column: 'v' }, label: input.label },
          ],
          dimensions: [
            input.time
              ? { id: 'group', column: { column: 'd' }, grain: input.grain }
              : { id: 'group', column: { column: 'g' } },
          ],
          filters: [],
          asOf: new Date(Date.UTC(2020, 0, 1 + input.asOfOffset * 7)).toISOString().slice(0, 10),
        };
        if (input.topN) spec.topN = { n: input.topN, by: 'value' };
        const narrative = narrate(spec, result, input.unit ? { units: { value: input.unit } } : {});
        const check = checkNarrativeNumbers(narrative.text, narrative.facts);
        expect(check.invented, narrative.text).toEqual([]);
        expect(narrative.text.length).toBeGreaterThan(0);
        expect(narrative.text.split(/(?<=\.)\s+(?=[A-Z])/).length).toBeLessThanOrEqual(4);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400), seed: Number(process.env.PROPERTY_SEED ?? 42) },
    );
  });
});
