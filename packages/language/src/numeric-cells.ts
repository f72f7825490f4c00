/**
 * Amounts written as text: sheets often store "1,450 tonnes", "113.6 m", "#19", "36th (q)", "4:26" or
 * "12[3]" in a text column, so the database cannot rank them. A cell's amount is the number it states
 * first, with its unit word; a column counts as an amount column when nearly every cell that holds a digit
 * states one amount in one unit. Scores and ranges ("3–1", "1998–2001") state two numbers and are not
 * amounts. Cells without digits ("-", "N/A", "did not play") are blanks.
 */
import type { Filter } from '@askdata/core';
import type { CatalogColumn, CatalogTable } from './catalog';
import type { ValueIndex } from './value-index';

export interface CellAmount {
  value: number;
  /** The word right after the number ("tonnes", "m", "%"); ordinal suffixes read as "ordinal". */
  unit: string;
}

const ordinalSuffix = /^(st|nd|rd|th)$/;
/** Marks that may open an amount: "#19", "~1,200", "c. 500". */
const leadingMarks = /^(#|~|≈|c\.\s*|ca\.\s*|approx\.\s*|about\s+)/i;
/** A currency is part of the unit: "£250,000" and "€240,000" are not comparable. */
const currency = /^[$€£¥₹]/u;
const footnotes = /\[[^\]]*\]|[*†‡§]+/gu;
const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(?:\.(\d+))?$/;
const number = /^([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/;

/** The amount a text cell states first, or undefined when it states none, or a score or range. */
export function cellAmount(cell: string): CellAmount | undefined {
  let text = cell.replace(footnotes, ' ').trim();
  // "0.50\n1.98": one cell holding a number per line states several amounts.
  if (
    text
      .split(/\n+/)
      .slice(1)
      .some((line) => /^[-−#~$€£¥₹]?\d/u.test(line.trim()))
  )
    return undefined;
  text = text.replace(leadingMarks, '').trim();
  const money = currency.exec(text)?.[0] ?? '';
  text = text.slice(money.length).trim();
  const time = clock.exec(text);
  if (time) {
    // "4:26" (minutes:seconds) and "1:09:36.3" (hours:minutes:seconds) as seconds.
    const [, first, second, third, fraction] = time;
    const seconds =
      third === undefined
        ? Number(first) * 60 + Number(second) + Number(`0.${fraction ?? '0'}`)
        : Number(first) * 3600 + Number(second) * 60 + Number(third);
    return { value: seconds, unit: 'clock' };
  }
  const match = number.exec(text);
  if (!match) return undefined;
  const [whole, sign, digits, fraction] = match;
  const rest = text.slice(whole.length);
  // "3–1", "1998–2001", "2-0": two numbers joined by a dash; "4:26 PM" or "1.2.3": not one amount.
  if (/^\s*[-–—:]\s*\d/.test(rest) || /^\.\d/.test(rest)) return undefined;
  const value = Number(`${(digits ?? '').replace(/,/g, '')}${fraction ?? ''}`) * (sign ? -1 : 1);
  if (!Number.isFinite(value)) return undefined;
  const word = /^\s*([a-z%]+)/i.exec(rest)?.[1]?.toLowerCase() ?? '';
  return { value, unit: `${money}${ordinalSuffix.test(word) ? 'ordinal' : word}` };
}

/**
 * The amount of every cell when the column reads as amounts in one unit: at least three amounts, and at
 * least 90% of the cells holding a digit state one. Undefined otherwise.
 */
export function columnAmounts(cells: string[]): Map<string, number> | undefined {
  const amounts = new Map<string, number>();
  const units = new Set<string>();
  let withDigits = 0;
  for (const cell of cells) {
    if (!/\d/.test(cell)) continue;
    withDigits++;
    const amount = cellAmount(cell);
    if (!amount) continue;
    amounts.set(cell, amount.value);
    units.add(amount.unit);
  }
  if (amounts.size < 3 || amounts.size < 0.9 * withDigits || units.size !== 1) return undefined;
  return amounts;
}

/** The cells holding the largest (desc) or smallest (asc) amount; every tied cell is kept. */
export function extremeCells(cells: string[], direction: 'asc' | 'desc'): string[] | undefined {
  const amounts = columnAmounts(cells);
  if (!amounts) return undefined;
  const values = [...amounts.values()];
  const best = direction === 'desc' ? Math.max(...values) : Math.min(...values);
  return [...amounts].filter(([, value]) => value === best).map(([cell]) => cell);
}

/**
 * "the least height" over a text column of "113.6 m" cells: a filter keeping the rows whose cell states
 * the extreme amount (all of them on a tie). Only when the value index holds the whole column, and not on
 * a sheet with a summary row, whose total would be the largest amount.
 */
export function extremeAmountFilter(
  values: ValueIndex,
  table: CatalogTable,
  column: CatalogColumn,
  direction: 'asc' | 'desc',
): Filter | undefined {
  if (column.logicalType !== 'text') return undefined;
  if (values.summaries.some((match) => match.table === table.name)) return undefined;
  const cells = values.allValues(table.name, column.name);
  const extreme = cells ? extremeCells(cells, direction) : undefined;
  if (!extreme) return undefined;
  return { op: 'in', column: { column: column.name }, values: extreme };
}
