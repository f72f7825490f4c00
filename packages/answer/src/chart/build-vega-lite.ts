import type { QueryResult } from '@askdata/core';
import { altTextFor } from './alt-text';
import type { ChartChoice, ChartField, ChartType } from './chart-types';
import { colorDef, dataValues, fieldName, formatFor, positionDef, tooltipDef } from './field-encoding';
import { buildKpiCard, type KpiCard } from './kpi-card';
import { formatExpression } from './number-format';
import { buildTableSpec, tableChartMaxRows } from './table-spec';
import { type ChartTheme, themeColours, themeConfig } from './theme';
import { validateVegaLite } from './validate-vega-lite';

/** A Vega-Lite specification as plain JSON (validated against the Vega-Lite schema before it leaves here). */
export type VegaLiteSpec = Record<string, unknown>;

export interface BuildVegaLiteOptions {
  theme?: ChartTheme;
  /** Unit hints per result column (ColumnSchema.unit, metric units): 'USD', 'EUR', 'percent'… */
  units?: Record<string, string>;
  title?: string;
  subtitle?: string;
  width?: number;
  height?: number;
}

export interface VegaLiteChart {
  spec: VegaLiteSpec;
  /** One or two sentences describing the chart and its main finding, for screen readers and reports. */
  altText: string;
  /** For KPI charts: the value and comparison as data, for UIs that draw their own card. */
  kpi?: KpiCard;
}

interface BuildContext {
  choice: ChartChoice;
  result: QueryResult;
  theme: ChartTheme;
  width: number;
  height: number;
}

type Body = Record<string, unknown>;

const defaultWidth = 640;
const defaultHeight = 360;
const maxLabelledBars = 25;

function datumAccess(field: ChartField): string {
  return `datum[${JSON.stringify(field.field)}]`;
}

/** Upright category labels when they fit side by side (about 7 px per character at 11 px), slanted otherwise. */
function categoryLabelAngle(context: BuildContext, field: ChartField): number {
  const labels = new Set(context.result.rows.map((row) => String(row[field.index] ?? '')));
  const longest = Math.max(0, ...[...labels].map((label) => label.length));
  return labels.size * (longest * 7 + 12) <= context.width ? 0 : -35;
}

/** Bars, optionally with value labels at their ends so nobody has to read values off the axis. */
function barBody(context: BuildContext): Body {
  const { choice, result } = context;
  const { x, y, color } = choice.encoding;
  if (!x || !y) return tableFallback(context);
  const horizontal = choice.horizontal;
  const grouped = choice.type === 'grouped_bar' && color !== undefined;
  const valueChannel = horizontal ? 'x' : 'y';
  const categoryChannel = horizontal ? 'y' : 'x';
  const labelled = !color && result.rows.length <= maxLabelledBars;
  // Layered bars (bars + value labels) cannot sort by a summed channel; one row per bar makes max the value.
  const byValue = labelled ? { field: fieldName(y), op: 'max', order: 'descending' } : `-${valueChannel}`;
  const sort = x.kind === 'time' || choice.sort === 'data' ? null : byValue;
  const encoding: Body = {
    [categoryChannel]: {
      ...positionDef(result, x, { sort, band: true }),
      axis: { labelAngle: horizontal ? 0 : -35 },
    },
    [valueChannel]: positionDef(result, y),
    tooltip: [x, ...(color ? [color] : []), y].map((field) => tooltipDef(result, field)),
  };
  if (!horizontal) (encoding[categoryChannel] as Body).axis = { labelAngle: categoryLabelAngle(context, x) };
  if (color) {
    encoding.color = colorDef(result, color);
    if (grouped) encoding[horizontal ? 'yOffset' : 'xOffset'] = { field: fieldName(color) };
  }
  const size = horizontal
    ? { width: context.width, height: { step: grouped ? 14 : 24 } }
    : { width: context.width, height: context.height };
  if (!labelled) return { ...size, mark: { type: 'bar' }, encoding };
  const format = formatFor(result, y);
  const label = { calculate: formatExpression(format, datumAccess(y)), as: '__label' };
  const labelColour = { value: themeColours[context.theme].mutedText };
  // Labels sit beyond the end of each bar: above (or right of) positive bars, below (or left of) negative ones.
  const labelLayer = (negative: boolean) => ({
    transform: [{ filter: `${datumAccess(y)} ${negative ? '<' : '>='} 0` }, label],
    mark: horizontal
      ? {
          type: 'text',
          align: negative ? 'right' : 'left',
          baseline: 'middle',
          dx: negative ? -4 : 4,
          fontSize: 10,
        }
      : {
          type: 'text',
          align: 'center',
          baseline: negative ? 'top' : 'bottom',
          dy: negative ? 3 : -3,
          fontSize: 10,
        },
    encoding: { text: { field: '__label', type: 'nominal' }, color: labelColour },
  });
  const hasNegative = result.rows.some((row) => {
    const value = row[y.index];
    return typeof value === 'number' && value < 0;
  });
  return {
    ...size,
    encoding,
    layer: [{ mark: { type: 'bar' } }, labelLayer(false), ...(hasNegative ? [labelLayer(true)] : [])],
  };
}

function lineBody(context: BuildContext): Body {
  const { choice, result } = context;
  const { x, y, color } = choice.encoding;
  if (!x || !y) return tableFallback(context);
  const area = choice.type === 'area';
  const encoding: Body = {
    x:
      x.kind === 'category'
        ? {
            ...positionDef(result, x, { sort: null, band: true }),
            axis: { labelAngle: categoryLabelAngle(context, x) },
          }
        : positionDef(result, x),
    y: positionDef(result, y),
    tooltip: [x, ...(color ? [color] : []), y].map((field) => tooltipDef(result, field)),
  };
  if (color) encoding.color = colorDef(result, color);
  const points = result.rows.length <= 60;
  const mark = area ? { type: 'area', line: true } : { type: 'line', point: points };
  return { width: context.width, height: context.height, mark, encoding };
}

function arcBody(context: BuildContext): Body {
  const { choice, result } = context;
  const { color, value } = choice.encoding;
  if (!value) return tableFallback(context);
  const donut = choice.type === 'donut';
  const radius = Math.min(context.width, context.height) / 2 - 10;
  return {
    width: radius * 2,
    height: radius * 2,
    mark: { type: 'arc', outerRadius: radius, ...(donut ? { innerRadius: Math.round(radius * 0.55) } : {}) },
    encoding: {
      theta: { field: fieldName(value), type: 'quantitative', stack: true },
      ...(color
        ? {
            color: {
              field: fieldName(color),
              type: 'nominal',
              title: color.label,
              sort: { field: fieldName(value), order: 'descending' },
            },
          }
        : {}),
      order: { field: fieldName(value), type: 'quantitative', sort: 'descending' },
      tooltip: [...(color ? [color] : []), value].map((field) => tooltipDef(result, field)),
    },
  };
}

function scatterBody(context: BuildContext): Body {
  const { choice, result } = context;
  const { x, y, color } = choice.encoding;
  if (!x || !y) return tableFallback(context);
  const numeric = (field: ChartField) => field.kind === 'number';
  const position = (field: ChartField) =>
    numeric(field)
      ? { ...positionDef(result, field), scale: { zero: false } }
      : {
          ...positionDef(result, field, { band: true, sort: null }),
          axis: { labelAngle: categoryLabelAngle(context, field) },
        };
  return {
    width: context.width,
    height: context.height,
    mark: { type: 'point', filled: true, opacity: 0.8 },
    encoding: {
      x: position(x),
      y: position(y),
      ...(color ? { color: colorDef(result, color) } : {}),
      tooltip: [x, y, ...(color ? [color] : [])].map((field) => tooltipDef(result, field)),
    },
  };
}

function histogramBody(context: BuildContext): Body {
  const { choice, result } = context;
  const { x } = choice.encoding;
  if (!x) return tableFallback(context);
  return {
    width: context.width,
    height: context.height,
    mark: { type: 'bar', cornerRadiusEnd: 0 },
    encoding: {
      x: {
        field: fieldName(x),
        type: 'quantitative',
        bin: { maxbins: 30 },
        title: x.label,
        axis: { labelExpr: formatExpression(formatFor(result, x)), labelOverlap: true },
      },
      y: { aggregate: 'count', type: 'quantitative', title: 'Number of rows' },
      tooltip: [{ aggregate: 'count', type: 'quantitative', title: 'Rows' }],
    },
  };
}

function heatmapBody(context: BuildContext): Body {
  const { choice, result } = context;
  const { x, y, value } = choice.encoding;
  if (!x || !y || !value) return tableFallback(context);
  const format = formatFor(result, value);
  return {
    width: { step: 28 },
    height: { step: 22 },
    mark: { type: 'rect' },
    encoding: {
      x: { ...positionDef(result, x, { band: true, sort: null }), axis: { labelAngle: -35 } },
      y: positionDef(result, y, { band: true, sort: null }),
      color: {
        field: fieldName(value),
        type: 'quantitative',
        title: value.label,
        legend: { labelExpr: formatExpression(format) },
      },
      tooltip: [x, y, value].map((field) => tooltipDef(result, field)),
    },
  };
}

function tableFallback(context: BuildContext): Body {
  return buildTableSpec(context.result, context.theme);
}

const bodies = {
  kpi: (context) => buildKpiCard(context.choice, context.result, context.theme).body,
  bar: barBody,
  grouped_bar: barBody,
  stacked_bar: barBody,
  line: lineBody,
  multi_line: lineBody,
  area: lineBody,
  pie: arcBody,
  donut: arcBody,
  scatter: scatterBody,
  histogram: histogramBody,
  heatmap: heatmapBody,
  table: tableFallback,
} satisfies Record<ChartType, (context: BuildContext) => Body>;

/** "Total revenue by region", "Revenue over order month", "Price against rating". */
export function defaultTitle(choice: ChartChoice): string {
  const { x, y, color, value } = choice.encoding;
  const measure = value ?? y;
  switch (choice.type) {
    case 'kpi':
      return value?.label ?? 'Value';
    case 'scatter':
      return x && y ? `${y.label} against ${x.label.toLowerCase()}` : 'Scatter plot';
    case 'histogram':
      return x ? `Distribution of ${x.label.toLowerCase()}` : 'Distribution';
    case 'heatmap':
      return x && y
        ? `${value?.label ?? 'Value'} by ${x.label.toLowerCase()} and ${y.label.toLowerCase()}`
        : 'Heatmap';
    case 'table':
      return 'Result';
    default: {
      const category = choice.type === 'pie' || choice.type === 'donut' ? color : x;
      const by = category
        ? ` ${category.kind === 'time' ? 'over' : 'by'} ${category.label.toLowerCase()}`
        : '';
      const split = color && category !== color ? ` and ${color.label.toLowerCase()}` : '';
      return `${measure?.label ?? 'Value'}${by}${split}`;
    }
  }
}

function withUnits(choice: ChartChoice, units: Record<string, string> | undefined): ChartChoice {
  if (!units) return choice;
  const apply = (field: ChartField | undefined) => {
    const unit = field ? units[field.field] : undefined;
    return field && unit ? { ...field, unit } : field;
  };
  const encoding = Object.fromEntries(
    Object.entries(choice.encoding).map(([role, field]) => [
      role,
      Array.isArray(field) ? field.map((entry: ChartField) => apply(entry)) : apply(field),
    ]),
  );
  return { ...choice, encoding };
}

/**
 * A themed, validated Vega-Lite spec and alt text for a chart choice. KPI cards are Vega-Lite text marks
 * (so every chart renders through one path) and also come back as data in `kpi`.
 */
export function buildVegaLite(
  choice: ChartChoice,
  result: QueryResult,
  options: BuildVegaLiteOptions = {},
): VegaLiteChart {
  const theme = options.theme ?? 'light';
  const resolved = withUnits(choice, options.units);
  const context: BuildContext = {
    choice: resolved,
    result,
    theme,
    width: options.width ?? defaultWidth,
    height: options.height ?? defaultHeight,
  };
  const title = options.title ?? defaultTitle(resolved);
  const subtitle =
    options.subtitle ??
    (resolved.type === 'table' && result.rows.length > tableChartMaxRows
      ? `First ${tableChartMaxRows} of ${result.rows.length} rows`
      : undefined);
  const body = bodies[resolved.type](context);
  const spec: VegaLiteSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle ? { text: title, subtitle } : title,
    autosize: { type: 'pad' },
    data: { values: dataValues(result) },
    ...body,
    config: themeConfig(theme),
  };
  validateVegaLite(spec);
  const kpi = resolved.type === 'kpi' ? buildKpiCard(resolved, result, theme).card : undefined;
  return { spec, altText: altTextFor(resolved, result, title), ...(kpi ? { kpi } : {}) };
}
