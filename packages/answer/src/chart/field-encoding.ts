import type { CellValue, QueryResult, TimeGrain } from '@askdata/core';
import type { ChartField } from './chart-types';
import { formatExpression, type UnitFormat, unitFormat } from './number-format';
import { timeAxis } from './time-format';

/** Vega-Lite reads dots and brackets in field names as nested access; escape them to mean the column. */
export function fieldName(field: ChartField): string {
  return field.field.replace(/([.[\]\\])/g, '\\$1');
}

/** Numbers of one result column (non-numbers skipped). */
export function numbersOf(result: QueryResult, field: ChartField): number[] {
  return result.rows
    .map((row) => row[field.index])
    .filter((value): value is number => typeof value === 'number');
}

export function formatFor(result: QueryResult, field: ChartField): UnitFormat {
  return unitFormat(field.unit, numbersOf(result, field));
}

/** Rows as objects keyed by column name, the shape Vega-Lite's inline data expects. */
export function dataValues(result: QueryResult): Array<Record<string, CellValue>> {
  return result.rows.map((row) => {
    const record: Record<string, CellValue> = {};
    result.columns.forEach((column, index) => {
      record[column.name] = row[index] ?? null;
    });
    return record;
  });
}

const bandTimeUnits = {
  hour: 'yearmonthdatehours',
  day: 'yearmonthdate',
  week: 'yearmonthdate',
  month: 'yearmonth',
  quarter: 'yearquarter',
  year: 'year',
  day_of_week: 'day',
  month_of_year: 'month',
} as const satisfies Record<TimeGrain, string>;

/** Time values that are ISO strings become temporal; years held as integers stay numbers with a plain axis. */
function isIsoTime(result: QueryResult, field: ChartField): boolean {
  const column = result.columns[field.index];
  return column?.logicalType === 'date' || column?.logicalType === 'timestamp';
}

/** Position channel definition for a dimension or measure, titled in words and formatted with its unit. */
export function positionDef(
  result: QueryResult,
  field: ChartField,
  options: { sort?: unknown; band?: boolean } = {},
): Record<string, unknown> {
  const definition: Record<string, unknown> = { field: fieldName(field), title: field.label };
  if (field.kind === 'time' && isIsoTime(result, field) && !options.band) {
    definition.type = 'temporal';
    definition.scale = { type: 'utc' };
    definition.axis = timeAxis(field.grain);
  } else if (field.kind === 'time' && !options.band) {
    definition.type = 'quantitative';
    definition.scale = { zero: false };
    definition.axis = { format: 'd', tickMinStep: 1, labelOverlap: true, grid: false };
  } else if (field.kind === 'number' && !options.band) {
    definition.type = 'quantitative';
    definition.axis = { labelExpr: formatExpression(formatFor(result, field)), labelOverlap: true };
  } else {
    definition.type = field.kind === 'time' ? 'ordinal' : 'nominal';
    if (field.kind === 'time' && isIsoTime(result, field)) {
      // A banded time axis (bars per month) shows each period once, formatted for its grain.
      definition.timeUnit = { utc: true, unit: bandTimeUnits[field.grain ?? 'day'] };
      definition.axis = { format: timeAxis(field.grain).format ?? '%b %-d, %Y' };
    }
  }
  if (options.sort !== undefined) definition.sort = options.sort;
  return definition;
}

/** Colour channel for a series field: categories in the theme palette, times in their order. */
export function colorDef(result: QueryResult, field: ChartField): Record<string, unknown> {
  const definition: Record<string, unknown> = {
    field: fieldName(field),
    type: field.kind === 'category' ? 'nominal' : 'ordinal',
    title: field.label,
  };
  if (field.kind === 'time' && isIsoTime(result, field)) {
    definition.timeUnit = { utc: true, unit: bandTimeUnits[field.grain ?? 'day'] };
  }
  return definition;
}

/** Tooltip entry for a field, with a readable number format. */
export function tooltipDef(result: QueryResult, field: ChartField): Record<string, unknown> {
  const definition: Record<string, unknown> = { field: fieldName(field), title: field.label };
  if (field.kind === 'number') {
    definition.type = 'quantitative';
    definition.format = formatFor(result, field).kind === 'fraction_percent' ? '.1%' : ',.2~f';
  } else if (field.kind === 'time' && isIsoTime(result, field)) {
    // A UTC time unit keeps the tooltip on the stored date whatever the viewer's time zone.
    definition.type = 'temporal';
    definition.timeUnit = { utc: true, unit: bandTimeUnits[field.grain ?? 'day'] };
    definition.format = field.grain === 'year' ? '%Y' : field.grain === 'month' ? '%B %Y' : '%b %-d, %Y';
  } else {
    definition.type = field.kind === 'time' ? 'ordinal' : 'nominal';
  }
  return definition;
}
