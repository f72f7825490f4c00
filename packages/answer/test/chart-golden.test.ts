import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildVegaLite, chooseChart, detectChartRequest, vegaLiteSchemaErrors } from '../src/index';
import { chartCases } from './chart-cases';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'charts');
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden Vega-Lite specs', () => {
  it('covers at least 30 cases', () => {
    expect(chartCases.length).toBeGreaterThanOrEqual(30);
  });

  for (const chartCase of chartCases) {
    it(chartCase.name, () => {
      const request = chartCase.question ? detectChartRequest(chartCase.question) : undefined;
      const choice = chooseChart({
        result: chartCase.result,
        ...(chartCase.spec ? { spec: chartCase.spec } : {}),
        ...(request ? { request } : {}),
        ...(chartCase.units ? { units: chartCase.units } : {}),
      });
      const chart = buildVegaLite(choice, chartCase.result, {
        theme: chartCase.theme ?? 'light',
        ...(chartCase.units ? { units: chartCase.units } : {}),
      });
      expect(vegaLiteSchemaErrors(chart.spec)).toEqual([]);
      expect(chart.altText.length).toBeGreaterThan(10);
      const actual = {
        type: choice.type,
        horizontal: choice.horizontal,
        reason: choice.reason,
        altText: chart.altText,
        spec: chart.spec,
      };
      const file = path.join(fixtures, `${chartCase.name}.json`);
      if (update || !existsSync(file)) {
        if (!update) throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1`);
        mkdirSync(fixtures, { recursive: true });
        writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
        return;
      }
      const expected = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      expect(vegaLiteSchemaErrors((expected as { spec: unknown }).spec)).toEqual([]);
      expect(actual).toEqual(expected);
    });
  }
});
