/**
 * The date window a spec's filters put on its time dimension's column, so the narrator can tell a
 * period cut by the filter (last 12 months from mid-June) from a complete one.
 */
import { type QuerySpec, resolveRelativeDate } from '@askdata/core';

/** Inclusive first and last day covered, as YYYY-MM-DD. */
export interface DateWindow {
  from?: string;
  to?: string;
}

function dayBefore(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);
const earlier = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);

export function filterWindow(spec: QuerySpec | undefined, dimensionId: string): DateWindow {
  const dimension = spec?.dimensions.find((candidate) => candidate.id === dimensionId);
  if (!spec || !dimension) return {};
  const table = dimension.column.table ?? spec.table;
  const window: DateWindow = {};
  for (const filter of spec.filters) {
    if (filter.column.column !== dimension.column.column || (filter.column.table ?? spec.table) !== table)
      continue;
    if (filter.op === 'date_range') {
      if (filter.from) window.from = later(window.from, filter.from.slice(0, 10));
      if (filter.to) window.to = earlier(window.to, filter.to.slice(0, 10));
    } else if (filter.op === 'relative_date' && spec.asOf) {
      const range = resolveRelativeDate(filter, spec.asOf);
      window.from = later(window.from, range.from);
      window.to = earlier(window.to, dayBefore(range.toExclusive));
    }
  }
  return window;
}
