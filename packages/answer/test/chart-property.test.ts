import type { CellValue, LogicalType, QueryResult } from '@askdata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildVegaLite,
  type ChartType,
  chartTypes,
  chooseChart,
  renderChart,
  vegaLiteSchemaErrors,
} from '../src/index';

/* What an explicit request may become once the data's series are added (a bar with a series is stacked). */
const families: Record<ChartType, ChartType[]> = {
  kpi: ['kpi'],
  bar: ['bar', 'stacked_bar'],
  grouped_bar: ['grouped_bar'],
  stacked_bar: ['stacked_bar'],
  line: ['line', 'multi_line', 'area'],
  multi_line: ['multi_line'],
  area: ['area'],
  pie: ['pie'],
  donut: ['donut'],
  scatter: ['scatter'],
  histogram: ['histogram'],
  heatmap: ['heatmap'],
  table: ['table'],
};

const columnTypes: LogicalType[] = ['integer', 'decimal', 'float', 'text', 'date', 'timestamp', 'boolean'];

function cell(type: LogicalType): fc.Arbitrary<CellValue> {
  const value: fc.Arbitrary<CellValue> =
    type === 'integer'
      ? fc.integer({ min: -1_000_000, max: 1_000_000 })
      : type === 'decimal' || type === 'float'
        ? fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true })
        : type === 'date'
          ? fc
              .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
              .map((date) => date.toISOString().slice(0, 10))
          : type === 'timestamp'
            ? fc
                .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
                .map((date) => date.toISOString())
            : type === 'boolean'
              ? fc.boolean()
              : fc.string({ maxLength: 40 });
  return fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
}

/* Any small result: 1–4 columns of any type (names with dots and spaces included), 0–40 rows. */
const results: fc.Arbitrary<QueryResult> = fc
  .array(
    fc.record({
      name: fc.stringMatching(/^[a-z][a-z_. ]{0,14}$/),
      type: fc.constantFrom(...columnTypes),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .chain((columns) =>
    fc.array(fc.tuple(...columns.map((column) => cell(column.type))), { maxLength: 40 }).map((rows) => ({
      columns: columns.map((column) => ({
        name: column.name,
        logicalType: column.type,
        sourceType: column.type,
      })),
      rows: rows as CellValue[][],
      rowCount: rows.length,
      truncated: false,
      elapsedMs: 0,
    })),
  );

describe('any result gets a valid chart', () => {
  it('chooses a chart and builds a schema-valid spec with alt text, for every requested type too', () => {
    fc.assert(
      fc.property(
        results,
        fc.option(fc.constantFrom(...chartTypes)),
        fc.constantFrom('light', 'dark'),
        (result, requested, theme) => {
          const choice = chooseChart({
            result,
            ...(requested
              ? { request: { type: requested, strength: 'explicit', phrase: `${requested} chart` } }
              : {}),
          });
          if (requested) expect(families[requested]).toContain(choice.type);
          const chart = buildVegaLite(choice, result, { theme: theme as 'light' | 'dark' });
          expect(vegaLiteSchemaErrors(chart.spec)).toEqual([]);
          expect(chart.altText.length).toBeGreaterThanOrEqual(4);
        },
      ),
      { numRuns: Number(process.env.CHART_PROPERTY_RUNS ?? 200), seed: 20261125 },
    );
  });

  it('renders random results to SVG without failing', async () => {
    await fc.assert(
      fc.asyncProperty(results, async (result) => {
        const chart = buildVegaLite(chooseChart({ result }), result);
        const svg = await renderChart(chart.spec, 'svg');
        expect(svg.data.toString('utf8')).toMatch(/^<svg/);
      }),
      { numRuns: Math.ceil(Number(process.env.CHART_PROPERTY_RUNS ?? 200) / 20), seed: 20261125 },
    );
  });
});
