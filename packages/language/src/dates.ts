/**
 * Date phrases: "in 2010", "Q3 2024", "first half of 2010", "March 2024", "since March 2024",
 * "last 30 days", "this month", "year to date". Absolute phrases become inclusive ISO ranges; relative
 * ones stay relative (so a saved answer re-runs against a new as-of date) and can be resolved with
 * `resolveRelative` for display and tests.
 */
import { monthNames, type RelativeDateUnit } from '@askdata/core';
import { numberValue } from './numbers';
import { ownValue } from './own-value';
import type { Token } from './tokenize';

export type DatePhrase =
  | {
      kind: 'absolute';
      from?: string;
      to?: string;
      label: string;
      start: number;
      end: number;
      year?: number;
      /** A month named without a year ("in June"): 0 for January; the range assumes the as-of year. */
      monthOnly?: number;
    }
  | {
      kind: 'relative';
      unit: RelativeDateUnit;
      mode: 'last_n' | 'this' | 'last' | 'to_date';
      n?: number;
      label: string;
      start: number;
      end: number;
    };

const monthAbbreviations = monthNames.map((name) => name.slice(0, 3));

function monthIndex(word: string | undefined): number | undefined {
  if (!word) return undefined;
  const full = monthNames.indexOf(word);
  if (full >= 0) return full;
  // "may" as an abbreviation is ambiguous with the verb; only full names and unambiguous abbreviations.
  const short = monthAbbreviations.indexOf(word.replace(/\.$/, ''));
  return short >= 0 && word !== 'mar' && word !== 'may' ? short : word === 'sept' ? 8 : undefined;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function isoDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month, day));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function lastDayOfMonth(year: number, month: number): string {
  return isoDate(year, month + 1, 0);
}

function yearValue(token: Token | undefined): number | undefined {
  if (token?.kind !== 'number' || token.ordinal || token.percent) return undefined;
  const value = token.value ?? 0;
  return Number.isInteger(value) && value >= 1800 && value <= 2200 && !token.text.includes(',')
    ? value
    : undefined;
}

const unitWords: Record<string, RelativeDateUnit> = {
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  quarter: 'quarter',
  quarters: 'quarter',
  year: 'year',
  years: 'year',
};
const ordinalWords: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  last: 4,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
};

/** Recognises a date phrase starting at token `at`. */
export function datePhraseAt(tokens: Token[], at: number, asOfYear: number): DatePhrase | undefined {
  const word = (offset: number) => tokens[at + offset]?.norm;
  const first = word(0);
  // ISO date literal "2024-03-05" arrives as number tokens split by '-'; handled by quoted text instead.
  // Relative: last/past/previous N units, last/this unit, year/month/quarter to date.
  if (first === 'last' || first === 'past' || first === 'previous' || first === 'trailing') {
    const n = numberValue(tokens[at + 1]);
    const unit = ownValue(unitWords, word(n === undefined ? 1 : 2) ?? '');
    if (n !== undefined && unit)
      return {
        kind: 'relative',
        unit,
        mode: 'last_n',
        n,
        label: `the last ${n} ${unit}s`,
        start: at,
        end: at + 3,
      };
    if (unit && n === undefined) {
      return first === 'past'
        ? { kind: 'relative', unit, mode: 'last_n', n: 1, label: `the past ${unit}`, start: at, end: at + 2 }
        : { kind: 'relative', unit, mode: 'last', label: `last ${unit}`, start: at, end: at + 2 };
    }
  }
  if (first === 'this' || first === 'current') {
    const unit = ownValue(unitWords, word(1) ?? '');
    if (unit) return { kind: 'relative', unit, mode: 'this', label: `this ${unit}`, start: at, end: at + 2 };
  }
  if (first === 'today')
    return { kind: 'relative', unit: 'day', mode: 'this', label: 'today', start: at, end: at + 1 };
  if (first === 'yesterday')
    return { kind: 'relative', unit: 'day', mode: 'last', label: 'yesterday', start: at, end: at + 1 };
  if (first === 'ytd' || first === 'mtd' || first === 'qtd') {
    const unit: RelativeDateUnit = first === 'ytd' ? 'year' : first === 'mtd' ? 'month' : 'quarter';
    return { kind: 'relative', unit, mode: 'to_date', label: `${unit} to date`, start: at, end: at + 1 };
  }
  if (
    (first === 'year' || first === 'month' || first === 'quarter') &&
    word(1) === 'to' &&
    word(2) === 'date'
  ) {
    return {
      kind: 'relative',
      unit: first,
      mode: 'to_date',
      label: `${first} to date`,
      start: at,
      end: at + 3,
    };
  }
  // Quarter: "Q3 2024", "Q3", "third quarter of 2024".
  const quarterMatch = /^q([1-4])$/.exec(first ?? '');
  if (quarterMatch) {
    const quarter = Number(quarterMatch[1]);
    const year = yearValue(tokens[at + 1]);
    return quarterRange(quarter, year ?? asOfYear, at, year === undefined ? at + 1 : at + 2);
  }
  const ordinal = ownValue(ordinalWords, first ?? '');
  if (ordinal !== undefined && (word(1) === 'quarter' || word(1) === 'half')) {
    const hasOf = word(2) === 'of' || word(2) === 'in';
    const year = yearValue(tokens[at + (hasOf ? 3 : 2)]);
    const end = year === undefined ? at + 2 : at + (hasOf ? 4 : 3);
    if (word(1) === 'quarter') return quarterRange(ordinal, year ?? asOfYear, at, end);
    const half = first === 'last' ? 2 : ordinal;
    if (half > 2) return undefined;
    const resolvedYear = year ?? asOfYear;
    const from = isoDate(resolvedYear, half === 1 ? 0 : 6, 1);
    const to = half === 1 ? isoDate(resolvedYear, 5, 30) : isoDate(resolvedYear, 11, 31);
    return {
      kind: 'absolute',
      from,
      to,
      label: `the ${half === 1 ? 'first' : 'second'} half of ${resolvedYear}`,
      start: at,
      end,
    };
  }
  const halfMatch = /^h([12])$/.exec(first ?? '');
  if (halfMatch) {
    const year = yearValue(tokens[at + 1]) ?? asOfYear;
    const half = Number(halfMatch[1]);
    return {
      kind: 'absolute',
      from: isoDate(year, half === 1 ? 0 : 6, 1),
      to: half === 1 ? isoDate(year, 5, 30) : isoDate(year, 11, 31),
      label: `H${half} ${year}`,
      start: at,
      end: yearValue(tokens[at + 1]) === undefined ? at + 1 : at + 2,
    };
  }
  // Month with optional year: "March 2024", "March of 2024", "March".
  const month = monthIndex(first);
  if (month !== undefined) {
    const hasOf = word(1) === 'of' || word(1) === ',';
    const year = yearValue(tokens[at + (hasOf ? 2 : 1)]);
    const resolvedYear = year ?? asOfYear;
    return {
      kind: 'absolute',
      from: isoDate(resolvedYear, month, 1),
      to: lastDayOfMonth(resolvedYear, month),
      label: `${monthNames[month]} ${resolvedYear}`,
      start: at,
      end: year === undefined ? at + 1 : at + (hasOf ? 3 : 2),
      ...(year === undefined ? { monthOnly: month } : {}),
    };
  }
  const year = yearValue(tokens[at]);
  if (year !== undefined) {
    return {
      kind: 'absolute',
      from: isoDate(year, 0, 1),
      to: isoDate(year, 11, 31),
      label: String(year),
      start: at,
      end: at + 1,
      year,
    };
  }
  return undefined;
}

function quarterRange(quarter: number, year: number, start: number, end: number): DatePhrase {
  const firstMonth = (quarter - 1) * 3;
  return {
    kind: 'absolute',
    from: isoDate(year, firstMonth, 1),
    to: lastDayOfMonth(year, firstMonth + 2),
    label: `Q${quarter} ${year}`,
    start,
    end,
  };
}

/** Inclusive ISO range of a relative phrase at `asOf` (YYYY-MM-DD); mirrors the compiler's rules. */
export function resolveRelative(
  phrase: Extract<DatePhrase, { kind: 'relative' }>,
  asOf: string,
): { from: string; to: string } {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const month = m - 1;
  const unitStart = (unit: RelativeDateUnit, shift: number): string => {
    if (unit === 'day') return isoDate(y, month, d + shift);
    if (unit === 'week') {
      const weekday = (new Date(Date.UTC(y, month, d)).getUTCDay() + 6) % 7; // Monday = 0
      return isoDate(y, month, d - weekday + shift * 7);
    }
    if (unit === 'month') return isoDate(y, month + shift, 1);
    if (unit === 'quarter') return isoDate(y, Math.floor(month / 3) * 3 + shift * 3, 1);
    return isoDate(y + shift, 0, 1);
  };
  const dayBefore = (iso: string) => {
    const [yy, mm, dd] = iso.split('-').map(Number) as [number, number, number];
    return isoDate(yy, mm - 1, dd - 1);
  };
  if (phrase.mode === 'this')
    return { from: unitStart(phrase.unit, 0), to: dayBefore(unitStart(phrase.unit, 1)) };
  if (phrase.mode === 'last')
    return { from: unitStart(phrase.unit, -1), to: dayBefore(unitStart(phrase.unit, 0)) };
  if (phrase.mode === 'to_date') return { from: unitStart(phrase.unit, 0), to: asOf };
  const n = phrase.n ?? 1;
  const from =
    phrase.unit === 'day'
      ? isoDate(y, month, d - n + 1)
      : phrase.unit === 'week'
        ? isoDate(y, month, d - n * 7 + 1)
        : phrase.unit === 'month'
          ? isoDate(y, month - n, d + 1)
          : phrase.unit === 'quarter'
            ? isoDate(y, month - n * 3, d + 1)
            : isoDate(y - n, month, d + 1);
  return { from, to: asOf };
}

/** "since March 2024" / "after 2010" / "before 2010": open-ended ranges built from a following phrase. */
export function openRangeAt(tokens: Token[], at: number, asOfYear: number): DatePhrase | undefined {
  const first = tokens[at]?.norm;
  if (first !== 'since' && first !== 'after' && first !== 'before' && first !== 'until' && first !== 'from')
    return undefined;
  const inner = datePhraseAt(tokens, at + 1, asOfYear);
  if (inner?.kind !== 'absolute' || !inner.from || !inner.to) return undefined;
  if (first === 'since' || first === 'from')
    return { kind: 'absolute', from: inner.from, label: `since ${inner.label}`, start: at, end: inner.end };
  if (first === 'after') {
    const [yy, mm, dd] = inner.to.split('-').map(Number) as [number, number, number];
    return {
      kind: 'absolute',
      from: isoDate(yy, mm - 1, dd + 1),
      label: `after ${inner.label}`,
      start: at,
      end: inner.end,
    };
  }
  const [yy, mm, dd] = inner.from.split('-').map(Number) as [number, number, number];
  return first === 'until'
    ? { kind: 'absolute', to: inner.to, label: `until ${inner.label}`, start: at, end: inner.end }
    : {
        kind: 'absolute',
        to: isoDate(yy, mm - 1, dd - 1),
        label: `before ${inner.label}`,
        start: at,
        end: inner.end,
      };
}
