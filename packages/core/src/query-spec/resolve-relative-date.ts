import { AskdataError } from '../errors';
import type { Filter } from './types';

type RelativeDateFilter = Extract<Filter, { op: 'relative_date' }>;

/** A half-open date range [from, toExclusive), dates as YYYY-MM-DD. */
export interface DateRange {
  from: string;
  toExclusive: string;
}

/**
 * Resolves a relative date against an explicit as-of date (never the clock, so answers re-run identically).
 * Weeks start on Monday (ISO). `last_n` is the rolling window of N units ending on (and including) the
 * as-of day: last 7 days as of 2024-06-15 is 2024-06-09 … 2024-06-15.
 */
export function resolveRelativeDate(filter: RelativeDateFilter, asOf: string | undefined): DateRange {
  if (asOf === undefined) {
    throw new AskdataError('spec_invalid', 'A relative date filter needs the as-of date (spec.asOf).', {
      hint: 'Set asOf to the date that "today" means for this question.',
    });
  }
  const today = parseDate(asOf);
  const tomorrow = addDays(today, 1);
  switch (filter.mode) {
    case 'last_n': {
      if (filter.n === undefined) {
        throw new AskdataError('spec_invalid', `"last N ${filter.unit}s" needs n.`);
      }
      return {
        from: format(addDays(addUnits(today, filter.unit, -filter.n), 1)),
        toExclusive: format(tomorrow),
      };
    }
    case 'this': {
      const start = startOf(today, filter.unit);
      return { from: format(start), toExclusive: format(addUnits(start, filter.unit, 1)) };
    }
    case 'last': {
      const start = startOf(today, filter.unit);
      return { from: format(addUnits(start, filter.unit, -1)), toExclusive: format(start) };
    }
    case 'to_date':
      return { from: format(startOf(today, filter.unit)), toExclusive: format(tomorrow) };
  }
}

export function parseDate(iso: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (match === null) throw new AskdataError('spec_invalid', `"${iso}" is not a date (YYYY-MM-DD).`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

export function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  // Clamp: one month before 31 March is 29 February, not 2 March.
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

function addUnits(date: Date, unit: RelativeDateFilter['unit'], count: number): Date {
  switch (unit) {
    case 'day':
      return addDays(date, count);
    case 'week':
      return addDays(date, 7 * count);
    case 'month':
      return addMonths(date, count);
    case 'quarter':
      return addMonths(date, 3 * count);
    case 'year':
      return addMonths(date, 12 * count);
  }
}

function startOf(date: Date, unit: RelativeDateFilter['unit']): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (unit) {
    case 'day':
      return date;
    case 'week':
      return addDays(date, -((date.getUTCDay() + 6) % 7));
    case 'month':
      return new Date(Date.UTC(year, month, 1));
    case 'quarter':
      return new Date(Date.UTC(year, month - (month % 3), 1));
    case 'year':
      return new Date(Date.UTC(year, 0, 1));
  }
}
