import { type CellValue, monthNames } from '@askdata/core';
import { numbersEqual } from './compare-results';

/** An answer reduced to what denotation accuracy compares: a number, an ISO date or plain words. */
export type NormalisedAnswer =
  | { kind: 'number'; value: number }
  | { kind: 'date'; iso: string }
  | { kind: 'text'; text: string };

function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return undefined;
  const index = monthNames.findIndex(
    (name) => name === lower || (lower.length >= 3 && name.startsWith(lower)),
  );
  return index < 0 ? undefined : index + 1;
}

const pad = (value: number) => String(value).padStart(2, '0');

function isoDate(year: number, month: number, day?: number): string | undefined {
  if (month < 1 || month > 12) return undefined;
  if (day === undefined) return `${year}-${pad(month)}`;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Dates written in the common ways become ISO (`2004-05-03`, or `2004-05` for a month): ISO itself,
 * "May 3, 2004", "3 May 2004", "May 2004", and US numeric "5/3/2004". A bare year stays a number.
 */
export function parseDate(text: string): string | undefined {
  const value = text.trim().replace(/(\d)(st|nd|rd|th)\b/gi, '$1');
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{4})-(\d{1,2})$/.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]));
  match = /^([A-Za-z]+\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(value);
  if (match) {
    const month = monthNumber(match[1] ?? '');
    return month ? isoDate(Number(match[3]), month, Number(match[2])) : undefined;
  }
  match = /^(\d{1,2})\s+([A-Za-z]+\.?),?\s+(\d{4})$/.exec(value);
  if (match) {
    const month = monthNumber(match[2] ?? '');
    return month ? isoDate(Number(match[3]), month, Number(match[1])) : undefined;
  }
  match = /^([A-Za-z]+\.?),?\s+(\d{4})$/.exec(value);
  if (match) {
    const month = monthNumber(match[1] ?? '');
    return month ? isoDate(Number(match[2]), month) : undefined;
  }
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (match) return isoDate(Number(match[3]), Number(match[1]), Number(match[2]));
  return undefined;
}

/**
 * "12,467", "12467.0", "-3.5", "+7", "1e3": numbers with optional thousands separators. A leading currency
 * sign or a trailing % is dropped ("$1,234" = 1234, "12%" = 12): ingestion stores such cells as plain numbers.
 */
export function parseNumber(text: string): number | undefined {
  const value = text
    .trim()
    .replace(/^([-+]?)[$€£¥]\s?/, '$1')
    .replace(/\s?%$/, '');
  if (/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(value) || /^[-+]?\.\d+$/.test(value)) {
    return Number(value.replace(/,/g, ''));
  }
  if (/^[-+]?\d+(\.\d+)?[eE][-+]?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** Footnote marks and citations that tables append to cells: "[1]", "[a]", "*", "†", "‡". */
const trailingMarks = /(\s*(\[[^\]]{1,10}\]|[*†‡§¶#]))+$/u;

function cleanText(value: string): string {
  return (
    value
      .normalize('NFKD')
      // Diacritics go with the combining marks NFKD split off.
      .replace(/\p{M}/gu, '')
      .replace(/[‘’´`]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/[‐‑‒–—−]/g, '-')
      .trim()
      .replace(trailingMarks, '')
      .trim()
  );
}

/**
 * Normalises one answer value for denotation accuracy: lower-case, diacritics and footnote marks removed,
 * numbers parsed ("12,467" = 12467 = "12467.0"), dates to ISO where parseable, otherwise punctuation and
 * the articles a/an/the removed and spaces collapsed.
 */
export function normaliseAnswer(value: CellValue): NormalisedAnswer {
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'true' : 'false' };
  if (value === null) return { kind: 'text', text: '' };
  const text = cleanText(value);
  const number = parseNumber(text);
  if (number !== undefined) return { kind: 'number', value: number };
  const date = parseDate(text);
  if (date !== undefined) return { kind: 'date', iso: date };
  const words = text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && word !== 'a' && word !== 'an' && word !== 'the');
  return { kind: 'text', text: words.join(' ') };
}

export function answersEqual(a: NormalisedAnswer, b: NormalisedAnswer): boolean {
  if (a.kind === 'number' && b.kind === 'number') return numbersEqual(a.value, b.value);
  if (a.kind === 'date' && b.kind === 'date') return a.iso === b.iso;
  if (a.kind === 'text' && b.kind === 'text') return a.text === b.text;
  return false;
}

function uniqueAnswers(values: CellValue[]): NormalisedAnswer[] {
  const unique: NormalisedAnswer[] = [];
  for (const value of values) {
    const normalised = normaliseAnswer(value);
    if (!unique.some((seen) => answersEqual(seen, normalised))) unique.push(normalised);
  }
  return unique;
}

/** Denotation accuracy: the predicted set equals the gold set after normalisation, in any order. */
export function denotationMatches(gold: CellValue[], predicted: CellValue[]): boolean {
  const goldSet = uniqueAnswers(gold);
  const predictedSet = uniqueAnswers(predicted);
  if (goldSet.length !== predictedSet.length) return false;
  return goldSet.every((answer) => predictedSet.some((candidate) => answersEqual(answer, candidate)));
}
