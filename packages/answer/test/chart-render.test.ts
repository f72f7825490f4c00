import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildVegaLite, chartFontFamily, chooseChart, detectChartRequest, renderChart } from '../src/index';
import { type ChartCase, chartCases } from './chart-cases';
import { pngPixels } from './png-pixels';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const artifacts = path.join(repoRoot, 'artifacts', 'charts');

function specFor(chartCase: ChartCase) {
  const request = chartCase.question ? detectChartRequest(chartCase.question) : undefined;
  const choice = chooseChart({
    result: chartCase.result,
    ...(chartCase.spec ? { spec: chartCase.spec } : {}),
    ...(request ? { request } : {}),
    ...(chartCase.units ? { units: chartCase.units } : {}),
  });
  return buildVegaLite(choice, chartCase.result, {
    theme: chartCase.theme ?? 'light',
    ...(chartCase.units ? { units: chartCase.units } : {}),
  }).spec;
}

/** Distinct RGBA colours in a PNG, sampled on a grid (enough to tell a chart from a blank canvas). */
function distinctColours(png: Buffer): { colours: number; inkShare: number } {
  const { rgba } = pngPixels(png);
  const colours = new Set<number>();
  const background = rgba.readUInt32BE(0);
  let ink = 0;
  let sampled = 0;
  for (let offset = 0; offset < rgba.length; offset += 4 * 7) {
    const colour = rgba.readUInt32BE(offset);
    colours.add(colour);
    sampled += 1;
    if (colour !== background) ink += 1;
  }
  return { colours: colours.size, inkShare: ink / sampled };
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderChart', () => {
  beforeAll(() => mkdirSync(artifacts, { recursive: true }));

  const cases = chartCases.filter((chartCase) => chartCase.name !== 'table-empty');
  for (const chartCase of cases) {
    it(`renders ${chartCase.name} to a non-blank PNG`, async () => {
      const spec = specFor(chartCase);
      // Scale 1 keeps the suite quick; scale 2 (the default) is checked once below.
      const png = await renderChart(spec, 'png', { scale: 1 });
      const size = pngSize(png.data);
      expect(size).toEqual({ width: png.width, height: png.height });
      // At least a 150×50 chart, at most a poster.
      expect(size.width).toBeGreaterThanOrEqual(150);
      expect(size.height).toBeGreaterThanOrEqual(50);
      expect(size.width).toBeLessThanOrEqual(2000);
      expect(png.data.length).toBeGreaterThan(2_000);
      const { colours, inkShare } = distinctColours(png.data);
      expect(colours).toBeGreaterThan(4);
      expect(inkShare).toBeGreaterThan(0.01);
      writeFileSync(path.join(artifacts, `${chartCase.name}.png`), png.data);
    });
  }

  it('writes SVG text with the shipped font family', async () => {
    const svg = await renderChart(specFor(chartCases[0]!), 'svg');
    const text = svg.data.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain(chartFontFamily);
    expect(svg.width).toBeGreaterThan(300);
  });

  it('draws the same bytes twice at the default scale 2 (shipped font, no system fonts)', async () => {
    const spec = specFor(chartCases[0]!);
    const svg = await renderChart(spec, 'svg');
    const first = await renderChart(spec, 'png');
    const second = await renderChart(spec, 'png');
    expect(first.data.equals(second.data)).toBe(true);
    expect(pngSize(first.data)).toEqual({
      width: Math.ceil(svg.width * 2),
      height: Math.ceil(svg.height * 2),
    });
    writeFileSync(path.join(artifacts, `${chartCases[0]!.name}@2x.png`), first.data);
  });

  it('refuses a spec that is not Vega-Lite', async () => {
    await expect(renderChart({ mark: 'not-a-mark' }, 'svg')).rejects.toMatchObject({ code: 'spec_invalid' });
  });
});
