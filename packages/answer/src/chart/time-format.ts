import type { TimeGrain } from '@askdata/core';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/* d3 time formats per grain for axes; cyclic grains are categories and never reach a time axis. */
const axisFormats = {
  hour: '%b %-d %H:%M',
  day: '%b %-d, %Y',
  week: '%b %-d, %Y',
  month: '%b %Y',
  quarter: '%b %Y',
  year: '%Y',
  day_of_week: '%a',
  month_of_year: '%b',
} as const satisfies Record<TimeGrain, string>;

/** Vega-Lite axis properties for a temporal axis at a grain. */
export function timeAxis(grain: TimeGrain | undefined): Record<string, unknown> {
  // The field's scale is UTC (see field-encoding), which makes `format` a UTC format too.
  const axis: Record<string, unknown> = { labelOverlap: true, grid: false };
  if (grain === 'quarter') {
    axis.labelExpr = "'Q' + utcquarter(datum.value) + ' ' + utcFormat(datum.value, '%Y')";
    axis.tickCount = { interval: 'month', step: 3 };
  } else if (grain) {
    axis.format = axisFormats[grain];
    if (grain === 'month' || grain === 'year') axis.tickCount = { interval: grain, step: 1 };
  }
  return axis;
}

/** The same date in words for alt text: "Mar 2024", "Q1 2024", "2024", "Mar 5, 2024". */
export function formatTimeValue(value: unknown, grain: TimeGrain | undefined): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return String(value ?? 'blank');
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const monthName = monthNames[Number(month) - 1] ?? month;
  switch (grain) {
    case 'year':
      return `${year}`;
    case 'quarter':
      return `Q${Math.floor((Number(month) - 1) / 3) + 1} ${year}`;
    case 'month':
      return `${monthName} ${year}`;
    default:
      return `${monthName} ${Number(day)}, ${year}`;
  }
}
