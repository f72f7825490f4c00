/**
 * Which result columns are measures and which are dimensions. Spec ids are the result column names
 * (QuerySpec convention); without a spec, numeric columns are measures and the rest dimensions.
 */
import type { Aggregation, Measure, QueryResult, QuerySpec, SemanticModel, TimeGrain } from '@askdata/core';
import type { FactUnit } from './fact';
import { unitFromHint } from './format-number';
import type { NarrativeContext } from './narrative-context';

export interface MeasureRole {
  id: string;
  index: number;
  label: string;
  aggregation?: Aggregation;
  /** Parts of an additive measure sum to its total (sum, count), so totals and shares mean something. */
  additive: boolean;
  unit: FactUnit;
  currency?: string;
}

export interface DimensionRole {
  id: string;
  index: number;
  label: string;
  grain?: TimeGrain;
  /** A timeline (truncating grain or a date column without grain), as opposed to categories. */
  isTime: boolean;
}

export interface ResultRoles {
  measures: MeasureRole[];
  dimensions: DimensionRole[];
}

const numericTypes = new Set(['integer', 'decimal', 'float']);
const timelineGrains = new Set<TimeGrain>(['hour', 'day', 'week', 'month', 'quarter', 'year']);

export function humanize(id: string): string {
  const words = id.replace(/[_\s]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Unit and label the semantic model gives a measure (metric definition, else its column). */
function modelHints(
  spec: QuerySpec,
  measure: Measure,
  model: SemanticModel | undefined,
): { unit?: string; label?: string } {
  if (!model) return {};
  if (measure.metric) {
    const metric = model.metrics.find((candidate) => candidate.name === measure.metric);
    return metric ? { ...(metric.unit ? { unit: metric.unit } : {}), label: metric.label } : {};
  }
  if (!measure.column) return {};
  const table = measure.column.table ?? spec.table;
  const column = model.entities
    .find((entity) => entity.name === table)
    ?.columns.find((candidate) => candidate.name === measure.column?.column);
  return column?.unit ? { unit: column.unit } : {};
}

export function resolveRoles(
  spec: QuerySpec | undefined,
  result: QueryResult,
  context: NarrativeContext = {},
): ResultRoles {
  const indexOf = new Map(result.columns.map((column, index) => [column.name, index]));
  const output = new Map((context.outputColumns ?? []).map((column) => [column.name, column]));
  const measures: MeasureRole[] = [];
  const dimensions: DimensionRole[] = [];

  const measureRole = (
    id: string,
    index: number,
    label: string | undefined,
    aggregation?: Aggregation,
    fromModel: { unit?: string; label?: string } = {},
  ) => {
    const aggregationKnown = aggregation ?? output.get(id)?.aggregation;
    const hint = context.units?.[id] ?? output.get(id)?.unit ?? fromModel.unit;
    const fromHint = unitFromHint(hint);
    const counted = aggregationKnown === 'count' || aggregationKnown === 'count_distinct';
    const unit: FactUnit = hint ? fromHint.unit : counted ? 'count' : 'number';
    const role: MeasureRole = {
      id,
      index,
      label: label ?? fromModel.label ?? output.get(id)?.label ?? humanize(id),
      additive: aggregationKnown === 'sum' || aggregationKnown === 'count',
      unit,
    };
    if (aggregationKnown) role.aggregation = aggregationKnown;
    if (fromHint.currency) role.currency = fromHint.currency;
    measures.push(role);
  };

  if (spec && (spec.measures.length > 0 || spec.dimensions.length > 0)) {
    for (const measure of spec.measures) {
      const index = indexOf.get(measure.id);
      if (index === undefined) continue;
      const metricAggregation = measure.metric
        ? context.model?.metrics.find((metric) => metric.name === measure.metric)?.aggregation
        : undefined;
      const hints = modelHints(spec, measure, context.model);
      measureRole(measure.id, index, measure.label, measure.aggregation ?? metricAggregation, hints);
    }
    for (const dimension of spec.dimensions) {
      const index = indexOf.get(dimension.id);
      if (index === undefined) continue;
      const logical = result.columns[index]?.logicalType;
      const isTime = dimension.grain
        ? timelineGrains.has(dimension.grain)
        : logical === 'date' || logical === 'timestamp';
      const role: DimensionRole = {
        id: dimension.id,
        index,
        label: dimension.label ?? output.get(dimension.id)?.label ?? humanize(dimension.column.column),
        isTime,
      };
      if (dimension.grain) role.grain = dimension.grain;
      dimensions.push(role);
    }
    return { measures, dimensions };
  }

  result.columns.forEach((column, index) => {
    if (spec?.select) return;
    if (numericTypes.has(column.logicalType)) measureRole(column.name, index, undefined);
    else
      dimensions.push({
        id: column.name,
        index,
        label: output.get(column.name)?.label ?? humanize(column.name),
        isTime: column.logicalType === 'date' || column.logicalType === 'timestamp',
      });
  });
  return { measures, dimensions };
}
