/**
 * Time periods as the narrator needs them: a readable label for a truncated date ("March 2024",
 * "Q3 2024") and the period's exclusive end, to tell whether the last period is complete. All
 * arithmetic is in UTC on the date part, matching how results carry dates (ISO strings).
 */
import type { TimeGrain } from '@askdata/core';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function parseIsoDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  return new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)),
  );
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function periodLabel(value: unknown, grain: TimeGrain | undefined): string {
  const date = parseIsoDate(value);
  if (!date) return value === null || value === undefined ? '(blank)' : String(value);
  const year = date.getUTCFullYear();
  switch (grain) {
    case 'year':
      return String(year);
    case 'quarter':
      return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${year}`;
    case 'month':
      return `${monthNames[date.getUTCMonth()]} ${year}`;
    case 'week':
      return `the week of ${isoDay(date)}`;
    case 'hour':
      return `${isoDay(date)} ${String(date.getUTCHours()).padStart(2, '0')}:00`;
    default:
      return isoDay(date);
  }
}

/** Exclusive end of the period that starts at `start`; undefined for cyclic or unknown grains. */
export function periodEnd(start: Date, grain: TimeGrain | undefined): Date | undefined {
  const end = new Date(start.getTime());
  switch (grain) {
    case 'hour':
      end.setUTCHours(end.getUTCHours() + 1);
      return end;
    case 'day':
      end.setUTCDate(end.getUTCDate() + 1);
      return end;
    case 'week':
      end.setUTCDate(end.getUTCDate() + 7);
      return end;
    case 'month':
      end.setUTCMonth(end.getUTCMonth() + 1);
      return end;
    case 'quarter':
      end.setUTCMonth(end.getUTCMonth() + 3);
      return end;
    case 'year':
      end.setUTCFullYear(end.getUTCFullYear() + 1);
      return end;
    default:
      return undefined;
  }
}

/**
 * A period is partial when the data (or the as-of date) stops before the period ends. `dataEnd` and
 * `asOf` are inclusive dates; the earlier one is the last day the period can contain.
 */
export function isPartialPeriod(
  start: unknown,
  grain: TimeGrain | undefined,
  bounds: { asOf?: string; dataEnd?: string },
): boolean {
  const startDate = parseIsoDate(start);
  if (!startDate) return false;
  const end = periodEnd(startDate, grain);
  if (!end) return false;
  const limits = [bounds.asOf, bounds.dataEnd]
    .map(parseIsoDate)
    .filter((date): date is Date => date !== undefined);
  if (limits.length === 0) return false;
  const lastCovered = Math.min(...limits.map((date) => date.getTime()));
  // Inclusive last day: covered through the end of that day.
  const lastDayNext = new Date(lastCovered);
  if (lastDayNext.getUTCHours() === 0 && lastDayNext.getUTCMinutes() === 0) {
    lastDayNext.setUTCDate(lastDayNext.getUTCDate() + 1);
  }
  return lastDayNext.getTime() < end.getTime() && lastDayNext.getTime() > startDate.getTime();
}
