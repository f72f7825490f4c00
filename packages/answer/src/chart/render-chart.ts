import { fileURLToPath } from 'node:url';
import { AskdataError } from '@askdata/core';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from './build-vega-lite';
import { type FontMetrics, measureText, readFontMetrics } from './font-metrics';
import { chartFontFamily } from './theme';
import { validateVegaLite } from './validate-vega-lite';

export type ChartImageFormat = 'svg' | 'png';

export interface RenderedChart {
  format: ChartImageFormat;
  data: Buffer;
  width: number;
  height: number;
}

export interface RenderChartOptions {
  /** PNG pixels per SVG pixel; 2 gives crisp images on high-density screens. */
  scale?: number;
}

/* The fonts shipped with the package, so PNGs look the same on every machine (no system fonts). */
export const chartFontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
  fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url)),
);

let fontMetrics: { regular: FontMetrics; bold: FontMetrics } | undefined;

/* vega exports textMetrics at runtime (vl-convert replaces its width the same way) but not in its types. */
const { textMetrics } = vega as unknown as {
  textMetrics: { width: (item: TextItem, text: unknown) => number };
};

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

/*
 * Headless vega guesses text widths; measure with the shipped font instead so labels are truncated only
 * when they really do not fit. Widths are capped at the item's limit because vega truncates such labels
 * when drawing them.
 */
function useShippedFontMetrics(): void {
  if (fontMetrics) return;
  const [regularFile, boldFile] = chartFontFiles as [string, string];
  const metrics = { regular: readFontMetrics(regularFile), bold: readFontMetrics(boldFile) };
  fontMetrics = metrics;
  textMetrics.width = (item: TextItem, text: unknown) => {
    const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    const width = measureText(bold ? metrics.bold : metrics.regular, String(text ?? '').trim(), size);
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}

async function toSvg(spec: VegaLiteSpec): Promise<string> {
  validateVegaLite(spec);
  useShippedFontMetrics();
  try {
    const compiled = compile(spec as unknown as TopLevelSpec).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  } catch (error) {
    throw new AskdataError('internal', 'The chart could not be drawn.', { cause: error });
  }
}

function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  return { width, height };
}

/**
 * Renders a Vega-Lite spec server-side: vega-lite compiles it, a headless vega View lays it out and writes
 * SVG, and resvg rasterises the SVG to PNG with the shipped font.
 */
export async function renderChart(
  spec: VegaLiteSpec,
  format: ChartImageFormat,
  options: RenderChartOptions = {},
): Promise<RenderedChart> {
  const svg = await toSvg(spec);
  const size = svgSize(svg);
  if (format === 'svg') return { format, data: Buffer.from(svg, 'utf8'), ...size };
  const scale = options.scale ?? 2;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: chartFontFiles, loadSystemFonts: false, defaultFontFamily: chartFontFamily },
    shapeRendering: 2,
    textRendering: 1,
  });
  const image = resvg.render();
  return { format, data: image.asPng(), width: image.width, height: image.height };
}
