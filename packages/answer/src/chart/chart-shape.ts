import type { CellValue, QueryResult, QuerySpec, TimeGrain } from '@askdata/core';
import type { ChartField, FieldKind } from './chart-types';
import { humanizeName } from './labels';

/** What the chooser needs to know about a result: which columns are dimensions and measures, and how many. */
export interface ChartShape {
  dimensions: ChartField[];
  measures: ChartField[];
  /** Row count when known (from a result); undefined when the shape comes from a question alone. */
  rowCount?: number;
  /** Distinct values per dimension, parallel to `dimensions`, when known. */
  distinctCounts?: number[];
  /** Longest label of the first dimension, in characters, when known. */
  maxLabelLength?: number;
  /** A running total or other cumulative measure is charted. */
  cumulative: boolean;
  /** A share-of-total measure is charted (parts of a whole). */
  share: boolean;
  /** Every value of the first measure is zero or more (pies cannot show negatives). */
  nonNegative: boolean;
  /** A long text column that is neither a dimension nor a measure (comments, names in a lookup). */
  hasFreeText: boolean;
  /** Rows come in a meaningful order (the query sorted them, or weekdays/months of year): keep it. */
  ordered?: boolean;
}

const numericTypes = new Set(['integer', 'decimal', 'float']);
const timeTypes = new Set(['date', 'timestamp']);
/* Integer columns with these names hold points in time (2024), not quantities. */
const yearLikeName = /^(?:year|yr|fiscal_year)$|_(?:year|yr)$|^year_/i;
/* Integer columns with these names are labels (month 3, store 17), not quantities to add up. */
const labelLikeName = /^(?:month|quarter|week|weekday|day_of_week|hour)$|(?:^|_)(?:id|code|number|no)$|^id_/i;

/** The grain of ISO date values when the query did not say: all first-of-month dates are months, and so on. */
function inferGrain(values: CellValue[]): TimeGrain | undefined {
  const dates = values.filter((value): value is string => typeof value === 'string');
  if (dates.length < 2) return undefined;
  const midnight = dates.every((value) => value.length === 10 || /T00:00(?::00(?:\.0+)?)?Z?$/.test(value));
  if (!midnight) return undefined;
  if (dates.every((value) => value.slice(5, 10) === '01-01')) return 'year';
  if (
    dates.every(
      (value) => ['01', '04', '07', '10'].includes(value.slice(5, 7)) && value.slice(8, 10) === '01',
    )
  ) {
    return 'quarter';
  }
  if (dates.every((value) => value.slice(8, 10) === '01')) return 'month';
  return 'day';
}

function distinct(rows: CellValue[][], index: number): number {
  return new Set(rows.map((row) => row[index])).size;
}

function kindFromType(logicalType: string, name: string, values: CellValue[]): FieldKind {
  if (timeTypes.has(logicalType)) return 'time';
  if (numericTypes.has(logicalType)) {
    const plausibleYears = values.every(
      (value) => typeof value !== 'number' || (value >= 1000 && value <= 3000),
    );
    if (logicalType !== 'integer') return 'number';
    if (yearLikeName.test(name) && plausibleYears) return 'time';
    return labelLikeName.test(name) ? 'category' : 'number';
  }
  return 'category';
}

/**
 * Reads roles from the QuerySpec when there is one (dimension ids are dimensions, measure and derived
 * ids are measures) and from column types otherwise.
 */
export function shapeFromResult(
  result: QueryResult,
  spec?: QuerySpec,
  units?: Record<string, string>,
): ChartShape {
  const dimensions: ChartField[] = [];
  const measures: ChartField[] = [];
  let hasFreeText = false;
  const specDimensions = new Map((spec?.dimensions ?? []).map((dimension) => [dimension.id, dimension]));
  const specMeasures = new Map((spec?.measures ?? []).map((measure) => [measure.id, measure]));
  const specDerived = new Map((spec?.derived ?? []).map((derived) => [derived.id, derived]));
  result.columns.forEach((column, index) => {
    const values = result.rows.map((row) => row[index] ?? null);
    const dimension = specDimensions.get(column.name);
    const measure = specMeasures.get(column.name);
    const derived = specDerived.get(column.name);
    const label = dimension?.label ?? measure?.label ?? derived?.label ?? humanizeName(column.name);
    // Derived values keep the unit of the measure they come from, except shares, which are percents.
    const unit =
      units?.[column.name] ??
      (derived?.kind === 'share_of_total' || derived?.kind === 'period_pct_change'
        ? 'percent'
        : derived
          ? units?.[derived.measure]
          : undefined);
    const field: ChartField = {
      field: column.name,
      index,
      label,
      kind: 'category',
      ...(unit ? { unit } : {}),
    };
    if (dimension) {
      const cyclic = dimension.grain === 'day_of_week' || dimension.grain === 'month_of_year';
      field.kind = cyclic ? 'category' : kindFromType(column.logicalType, column.name, values);
      if (dimension.grain && !cyclic) field.kind = 'time';
      dimensions.push(field);
    } else if (measure || derived) {
      field.kind = 'number';
      // A running total or share is what the question is about: it leads the chart.
      if (derived?.kind === 'running_total' || derived?.kind === 'share_of_total') measures.unshift(field);
      else measures.push(field);
    } else {
      field.kind = kindFromType(column.logicalType, column.name, values);
      if (field.kind === 'number') measures.push(field);
      else dimensions.push(field);
      if (
        column.logicalType === 'text' &&
        values.some((value) => typeof value === 'string' && value.length > 60)
      ) {
        hasFreeText = true;
      }
    }
  });
  for (const dimension of dimensions) {
    if (dimension.kind !== 'time') continue;
    const declared = specDimensions.get(dimension.field)?.grain;
    const isIsoColumn = ['date', 'timestamp'].includes(result.columns[dimension.index]?.logicalType ?? '');
    const grain =
      declared ?? (isIsoColumn ? inferGrain(result.rows.map((row) => row[dimension.index] ?? null)) : 'year');
    if (grain) dimension.grain = grain;
  }
  const firstDimension = dimensions[0];
  const firstMeasure = measures[0];
  const cyclicGrain = (spec?.dimensions ?? []).some(
    (dimension) => dimension.grain === 'day_of_week' || dimension.grain === 'month_of_year',
  );
  const dimensionIds = new Set((spec?.dimensions ?? []).map((dimension) => dimension.id));
  const orderedByDimension = (spec?.order ?? []).some((order) => dimensionIds.has(order.by));
  const derivedKinds = new Set((spec?.derived ?? []).map((derived) => derived.kind));
  return {
    dimensions,
    measures,
    rowCount: result.rows.length,
    distinctCounts: dimensions.map((dimension) => distinct(result.rows, dimension.index)),
    maxLabelLength: firstDimension
      ? Math.max(0, ...result.rows.map((row) => String(row[firstDimension.index] ?? '').length))
      : 0,
    cumulative: derivedKinds.has('running_total'),
    share: derivedKinds.has('share_of_total') || measures.some((measure) => measure.unit === 'percent'),
    nonNegative: firstMeasure
      ? result.rows.every((row) => {
          const value = row[firstMeasure.index];
          return typeof value !== 'number' || value >= 0;
        })
      : true,
    hasFreeText,
    ordered: cyclicGrain || orderedByDimension,
  };
}
