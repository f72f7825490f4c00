import type { QueryResult, QuerySpec } from '@askdata/core';
import { type ChartShape, shapeFromResult } from './chart-shape';
import {
  type ChartChoice,
  type ChartField,
  type ChartRequest,
  type ChartType,
  chartTypeNames,
  type EncodingRoles,
} from './chart-types';

/* Above these, a chart stops being readable and a table (or a horizontal bar) serves better. */
const maxBars = 40;
const maxPieParts = 6;
const maxSeries = 10;
const longLabel = 14;
const manyVerticalBars = 12;

/* What QuerySpec's `chart` field means in our vocabulary ('auto' means no request). */
const specChartTypes = {
  auto: undefined,
  bar: 'bar',
  line: 'line',
  area: 'area',
  pie: 'pie',
  scatter: 'scatter',
  table: 'table',
  number: 'kpi',
  histogram: 'histogram',
  heatmap: 'heatmap',
} as const satisfies Record<NonNullable<QuerySpec['chart']>, ChartType | undefined>;

export interface ChooseChartInput {
  spec?: QuerySpec;
  result: QueryResult;
  request?: ChartRequest;
  /** Per-column unit hints (ColumnSchema.unit or metric units), keyed by result column name. */
  units?: Record<string, string>;
}

function tableChoice(shape: ChartShape, reason: string, request?: ChartRequest): ChartChoice {
  return {
    type: 'table',
    horizontal: false,
    sort: 'data',
    reason,
    encoding: { columns: [...shape.dimensions, ...shape.measures].sort((a, b) => a.index - b.index) },
    ...(request ? { request } : {}),
  };
}

/** Categories to a bar chart: horizontal when labels are long or bars are many. */
function horizontalFor(shape: ChartShape): boolean {
  const bars = shape.distinctCounts?.[0] ?? shape.rowCount ?? 0;
  return (shape.maxLabelLength ?? 0) > longLabel || bars > manyVerticalBars;
}

/**
 * Builds the encoding of a chart family from the shape: the first dimension on x, the first measure on y,
 * a second dimension (when present) as the series.
 */
function encode(type: ChartType, shape: ChartShape): EncodingRoles {
  const [first, second] = shape.dimensions;
  const [measure, otherMeasure] = shape.measures;
  switch (type) {
    case 'kpi':
      return {
        ...(measure ? { value: measure } : {}),
        ...(otherMeasure ? { comparison: otherMeasure } : {}),
      };
    case 'pie':
    case 'donut':
      return { ...(first ? { color: first } : {}), ...(measure ? { value: measure } : {}) };
    case 'scatter': {
      // Two numbers when there are two; otherwise a category against a number (still a scatter, as asked).
      const x = otherMeasure ? measure : first;
      const y = otherMeasure ?? measure ?? second;
      const color = otherMeasure ? first : second;
      return { ...(x ? { x } : {}), ...(y ? { y } : {}), ...(color ? { color } : {}) };
    }
    case 'histogram':
      return { ...((measure ?? first) ? { x: measure ?? first } : {}) };
    case 'heatmap':
      return {
        ...(first ? { x: first } : {}),
        ...(second ? { y: second } : {}),
        ...(measure ? { value: measure } : {}),
      };
    case 'table':
      return { columns: [...shape.dimensions, ...shape.measures].sort((a, b) => a.index - b.index) };
    default: {
      const x: ChartField | undefined = first ?? (otherMeasure ? measure : undefined);
      const y = first ? measure : (otherMeasure ?? measure);
      return { ...(x ? { x } : {}), ...(y ? { y } : {}), ...(second ? { color: second } : {}) };
    }
  }
}

/**
 * The series variant of a family when the data has a second dimension. Only cues and automatic choices are
 * simplified back (a "stacked bar" of one dimension is a bar); an explicit chart word is kept as asked.
 */
function refine(type: ChartType, shape: ChartShape, explicit: boolean): ChartType {
  const series = shape.dimensions.length >= 2;
  if (type === 'bar' && series) return 'stacked_bar';
  if (type === 'line' && series) return 'multi_line';
  if (type === 'line' && shape.cumulative) return 'area';
  if (explicit) return type;
  if ((type === 'stacked_bar' || type === 'grouped_bar') && !series) return 'bar';
  if (type === 'multi_line' && !series) return 'line';
  if ((type === 'pie' || type === 'donut') && shape.dimensions.length === 0) return 'kpi';
  return type;
}

/** Whether a cue ("trend", "share", "correlation") fits the data well enough to follow. */
function cueFits(type: ChartType, shape: ChartShape): boolean {
  const [first] = shape.dimensions;
  switch (type) {
    case 'line':
      return first !== undefined && shape.measures.length >= 1;
    case 'pie':
      return (
        shape.dimensions.length === 1 &&
        shape.measures.length >= 1 &&
        shape.nonNegative &&
        (shape.rowCount === undefined || shape.rowCount <= maxPieParts)
      );
    case 'scatter':
      return shape.measures.length >= 2 || (shape.measures.length === 1 && first?.kind === 'number');
    case 'histogram':
      return shape.measures.length >= 1 && shape.dimensions.length === 0;
    default:
      return true;
  }
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The chart for a shape when nobody asked for one. */
function automatic(shape: ChartShape): { type: ChartType; reason: string } {
  const { dimensions, measures } = shape;
  const rows = shape.rowCount;
  const [first, second] = dimensions;
  if (rows === 0) return { type: 'table', reason: 'The result is empty.' };
  if (shape.hasFreeText)
    return { type: 'table', reason: 'The result holds long text, which reads best as a table.' };
  if (dimensions.length === 0 && measures.length >= 1 && (rows === undefined || rows === 1)) {
    return { type: 'kpi', reason: measures.length > 1 ? 'One value with a comparison.' : 'A single value.' };
  }
  if (dimensions.length === 0 && measures.length >= 2) {
    return { type: 'scatter', reason: 'Two measures per row: a scatter shows how they relate.' };
  }
  const repeated = first !== undefined && rows !== undefined && (shape.distinctCounts?.[0] ?? rows) < rows;
  if (dimensions.length === 1 && first?.kind === 'category' && measures.length >= 2 && repeated) {
    return { type: 'scatter', reason: `Two measures per row, coloured by ${first.label.toLowerCase()}.` };
  }
  if (dimensions.length === 0 && measures.length === 1) {
    return { type: 'histogram', reason: 'Many values of one measure: a histogram shows their distribution.' };
  }
  if (measures.length === 0 || !first) return { type: 'table', reason: 'No measure to plot.' };
  if (dimensions.length > 2)
    return { type: 'table', reason: 'More than two dimensions read best as a table.' };
  if (first.kind === 'time') {
    if (second && (shape.distinctCounts?.[1] ?? 0) > maxSeries) {
      return { type: 'table', reason: 'Too many series for one line chart.' };
    }
    if (second) return { type: 'multi_line', reason: `A time series per ${second.label.toLowerCase()}.` };
    return shape.cumulative
      ? { type: 'area', reason: 'A running total over time.' }
      : { type: 'line', reason: 'A measure over time.' };
  }
  if (second) {
    const seriesCount = shape.distinctCounts?.[1] ?? 0;
    const categoryCount = shape.distinctCounts?.[0] ?? 0;
    if ((seriesCount > maxSeries && categoryCount > 3) || (seriesCount > 5 && categoryCount > 5)) {
      return { type: 'heatmap', reason: 'Two dimensions with many values: a heatmap shows every pair.' };
    }
    return shape.share
      ? { type: 'stacked_bar', reason: 'Parts of each total across two dimensions.' }
      : {
          type: 'grouped_bar',
          reason: `${measures[0]!.label} by ${first.label.toLowerCase()}, side by side for each ${second.label.toLowerCase()}.`,
        };
  }
  if (rows !== undefined && rows > maxBars)
    return { type: 'table', reason: `${rows} categories are too many for a chart.` };
  if (shape.share && shape.nonNegative && rows !== undefined && rows <= maxPieParts) {
    return { type: 'donut', reason: 'A few parts of a whole.' };
  }
  return { type: 'bar', reason: `${measures[0]!.label} compared across ${first.label.toLowerCase()}.` };
}

/** Decides the chart for a shape and an optional request; an explicit request always sets the chart family. */
export function decideChart(shape: ChartShape, request?: ChartRequest): ChartChoice {
  let type: ChartType;
  let reason: string;
  if (request?.strength === 'explicit') {
    type = refine(request.type, shape, true);
    const asked = chartTypeNames[request.type].toLowerCase();
    const shown = chartTypeNames[type].toLowerCase();
    reason = `You asked for ${withArticle(asked)} ("${request.phrase}")${shown === asked ? '' : `, drawn as ${withArticle(shown)} for the second dimension`}.`;
  } else if (request && cueFits(request.type, shape)) {
    type = refine(request.type === 'pie' ? 'donut' : request.type, shape, false);
    reason = `"${request.phrase}" suggests ${withArticle(chartTypeNames[type].toLowerCase())}.`;
  } else {
    ({ type, reason } = automatic(shape));
  }
  if (type === 'table') return tableChoice(shape, reason, request);
  const bars = type === 'bar' || type === 'stacked_bar' || type === 'grouped_bar';
  const horizontal = bars && shape.dimensions[0]?.kind !== 'time' && horizontalFor(shape);
  const sort = shape.ordered ? 'data' : 'value';
  return { type, horizontal, sort, reason, encoding: encode(type, shape), ...(request ? { request } : {}) };
}

/** Chooses a chart for a query result, reading roles from the QuerySpec when there is one. */
export function chooseChart(input: ChooseChartInput): ChartChoice {
  const shape = shapeFromResult(input.result, input.spec, input.units);
  const fromSpec = input.spec?.chart ? specChartTypes[input.spec.chart] : undefined;
  const request: ChartRequest | undefined =
    input.request ??
    (fromSpec ? { type: fromSpec, strength: 'explicit', phrase: `${fromSpec} chart` } : undefined);
  return decideChart(shape, request);
}
