import type { TimeGrain } from '@askdata/core';

/**
 * The vocabulary shared by the chart chooser, the Vega-Lite builder and the renderer. Adding a chart type
 * here makes every `Record<ChartType, …>` table fail to compile until it covers the new type.
 */
export const chartTypes = [
  'kpi',
  'bar',
  'grouped_bar',
  'stacked_bar',
  'line',
  'multi_line',
  'area',
  'pie',
  'donut',
  'scatter',
  'histogram',
  'heatmap',
  'table',
] as const;
export type ChartType = (typeof chartTypes)[number];

/** Chart types in words, for reasons and alt text. */
export const chartTypeNames = {
  kpi: 'Number card',
  bar: 'Bar chart',
  grouped_bar: 'Grouped bar chart',
  stacked_bar: 'Stacked bar chart',
  line: 'Line chart',
  multi_line: 'Line chart',
  area: 'Area chart',
  pie: 'Pie chart',
  donut: 'Donut chart',
  scatter: 'Scatter plot',
  histogram: 'Histogram',
  heatmap: 'Heatmap',
  table: 'Table',
} as const satisfies Record<ChartType, string>;

/**
 * A chart the person asked for. `explicit` comes from a chart word ("as a pie chart"); `cue` from an
 * analytic word that suggests a chart ("trend", "share", "correlation") and yields to the data's shape.
 */
export interface ChartRequest {
  type: ChartType;
  strength: 'explicit' | 'cue';
  /** The words that triggered the request, as written, for explanations ("you asked for …"). */
  phrase: string;
}

/** How a field is read on a chart. */
export type FieldKind = 'time' | 'category' | 'number';

export interface ChartField {
  /** Result column name (the QuerySpec output id when there is one). */
  field: string;
  /** Position in the result's columns. */
  index: number;
  /** Human label for titles and axes. */
  label: string;
  kind: FieldKind;
  /** Unit hint such as 'USD', 'EUR', 'percent'. */
  unit?: string;
  /** For time fields: the period each value stands for (a month, a year), for axis and text formats. */
  grain?: TimeGrain;
}

/** Which result columns play which part on the chart; absent roles are unused by that chart type. */
export interface EncodingRoles {
  x?: ChartField;
  y?: ChartField;
  /** Series (stack, line colour, scatter colour, heatmap rows). */
  color?: ChartField;
  /** Pie and donut slice size, heatmap cell value, KPI value. */
  value?: ChartField;
  /** KPI comparison value (previous period, target). */
  comparison?: ChartField;
  /** Columns shown by a table. */
  columns?: ChartField[];
}

export interface ChartChoice {
  type: ChartType;
  /** Bars drawn left to right with categories on the y axis (long labels, many bars). */
  horizontal: boolean;
  /**
   * Category order: by value (largest first) unless the query ordered the rows itself or the categories
   * have a natural order (weekdays, months), in which case the data order is kept.
   */
  sort: 'value' | 'data';
  /** One sentence a person can read: why this chart. */
  reason: string;
  encoding: EncodingRoles;
  /** The request that decided (or was considered), for "you asked for …" messages. */
  request?: ChartRequest;
}
