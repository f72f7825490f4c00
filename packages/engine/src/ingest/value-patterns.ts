/**
 * The SQL building blocks of type inference: how a raw text cell is normalised and which shapes count
 * as numbers, dates or booleans. Everything runs inside DuckDB (regexp_full_match, try_strptime,
 * TRY_CAST) so that inference and conversion stay fast on millions of rows.
 */

/** Cells that mean "no value" in exported spreadsheets; they become NULL in converted columns. */
export const nullTokens = ['', 'n/a', 'na', 'null', 'none', 'nan', '-', '--', '–', '—', '?', '#n/a'];

/** Trailing footnote marks seen in published tables: "1,234[a]", "12*", "45†". */
export const footnotePattern = String.raw`\s*(\[[^\]]{1,6}\]|[*†‡§]+)$`;

/** `t`: trimmed text with null tokens as NULL. */
export function normalisedText(column: string): string {
  const tokens = nullTokens.map((token) => `'${token}'`).join(', ');
  return `CASE WHEN lower(trim(${column})) IN (${tokens}) THEN NULL ELSE trim(${column}) END`;
}

/** `f`: like `t` with footnote marks removed; used for numbers and dates only. */
export function withoutFootnotes(text: string): string {
  return `regexp_replace(${text}, '${footnotePattern}', '')`;
}

export function hasFootnote(text: string): string {
  return `regexp_matches(${text}, '${footnotePattern}')`;
}

const digits = String.raw`(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|\.\d+`;
export const plainNumber = String.raw`[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?`;
const currencySymbols = '$€£¥';
/** Any number askdata reads from text: thousands separators, currency before/after, percent, (negative). */
export const anyNumber = String.raw`\(?[+-]?[${currencySymbols}]?\s?[+-]?(${digits})\s?[${currencySymbols}]?\s?%?\)?`;

export const currencyCodes = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' } as const satisfies Record<
  string,
  string
>;
export type CurrencySymbol = keyof typeof currencyCodes;
export const currencySymbolList = Object.keys(currencyCodes) as CurrencySymbol[];

export function isPlainNumber(text: string): string {
  return `regexp_full_match(${text}, '${plainNumber}')`;
}

export function isAnyNumber(text: string): string {
  return `(regexp_full_match(${text}, '${anyNumber}') OR ${isPlainNumber(text)})`;
}

/** European notation: "1.234,56", "2,5", "12,5 %", "€ 3,20". */
const commaDigits = String.raw`(\d{1,3}(\.\d{3})+|\d+)(,\d+)?`;
export const commaNumber = String.raw`\(?[+-]?[${currencySymbols}]?\s?[+-]?(${commaDigits})\s?[${currencySymbols}]?\s?%?\)?`;
/** Values that read the same in both notations only if the comma is a thousands separator ("1,234"). */
export const commaAmbiguous = String.raw`[+-]?\d{1,3}(,\d{3})+`;

/**
 * The number a matching cell stands for; "(1,234)" is negative; "12%" is 12 (unit percent). With
 * `decimalComma`, "1.234,5" is 1234.5.
 */
export function numberValue(text: string, decimalComma = false): string {
  const sign = `CASE WHEN starts_with(${text}, '(') AND ends_with(${text}, ')') THEN -1 ELSE 1 END`;
  if (decimalComma) {
    const stripped = `replace(regexp_replace(${text}, '[^0-9,+-]', '', 'g'), ',', '.')`;
    return `CASE WHEN regexp_full_match(${text}, '${commaNumber}') THEN ${sign} * TRY_CAST(${stripped} AS DOUBLE) END`;
  }
  const stripped = `regexp_replace(${text}, '[^0-9.eE+-]', '', 'g')`;
  return `CASE WHEN ${isAnyNumber(text)} THEN ${sign} * TRY_CAST(${stripped} AS DOUBLE) END`;
}

export interface DateFormat {
  /** DuckDB strptime format. */
  format: string;
  /** Shape a value must have first, so that e.g. `%Y` never accepts a two-digit year. */
  shape: string;
  withTime: boolean;
}

/** Month names and abbreviations only, so "Product 1407" is never a date. */
const month =
  '([Jj]an|[Ff]eb|[Mm]ar|[Aa]pr|[Mm]ay|[Jj]un|[Jj]ul|[Aa]ug|[Ss]ep|[Oo]ct|[Nn]ov|[Dd]ec)[a-z]{0,6}\\.?';
/** Tried in this order; the first that reads every value wins (so US m/d/Y beats d/m/Y when both fit). */
export const dateFormats: DateFormat[] = [
  { format: '%Y-%m-%d', shape: String.raw`\d{4}-\d{1,2}-\d{1,2}`, withTime: false },
  { format: '%Y-%m-%d %H:%M:%S', shape: String.raw`\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2}`, withTime: true },
  { format: '%Y-%m-%dT%H:%M:%S', shape: String.raw`\d{4}-\d{2}-\d{2}T\d{1,2}:\d{2}:\d{2}`, withTime: true },
  { format: '%Y-%m-%d %H:%M', shape: String.raw`\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}`, withTime: true },
  { format: '%Y/%m/%d', shape: String.raw`\d{4}/\d{1,2}/\d{1,2}`, withTime: false },
  { format: '%m/%d/%Y', shape: String.raw`\d{1,2}/\d{1,2}/\d{4}`, withTime: false },
  { format: '%d/%m/%Y', shape: String.raw`\d{1,2}/\d{1,2}/\d{4}`, withTime: false },
  { format: '%m/%d/%Y %H:%M', shape: String.raw`\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}`, withTime: true },
  { format: '%d.%m.%Y', shape: String.raw`\d{1,2}\.\d{1,2}\.\d{4}`, withTime: false },
  { format: '%b %d, %Y', shape: `${month} \\d{1,2}, \\d{4}`, withTime: false },
  { format: '%B %d, %Y', shape: `${month} \\d{1,2}, \\d{4}`, withTime: false },
  { format: '%d %B %Y', shape: `\\d{1,2} ${month} \\d{4}`, withTime: false },
  { format: '%d %b %Y', shape: `\\d{1,2} ${month} \\d{4}`, withTime: false },
  { format: '%B %Y', shape: `${month} \\d{4}`, withTime: false },
  { format: '%b %Y', shape: `${month} \\d{4}`, withTime: false },
  { format: '%Y-%m', shape: String.raw`\d{4}-\d{2}`, withTime: false },
];

export function dateValue(text: string, date: DateFormat): string {
  const parsed = `try_strptime(${text}, '${date.format}')`;
  return `CASE WHEN regexp_full_match(${text}, '${date.shape}') THEN ${date.withTime ? parsed : `CAST(${parsed} AS DATE)`} END`;
}

/** "2005-06" style sports seasons look like year-month; they stay text. */
export function isSeason(text: string): string {
  return `(regexp_full_match(${text}, '\\d{4}-\\d{2}') AND (TRY_CAST(substr(${text}, 3, 2) AS INTEGER) + 1) % 100 = TRY_CAST(substr(${text}, 6, 2) AS INTEGER))`;
}

/** The same patterns for JavaScript, where the sample pass runs: RE2 and JS agree on this syntax. */
export function fullMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

export const booleanWords: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
};

export function booleanValue(text: string): string {
  const whens = Object.entries(booleanWords)
    .map(([word, value]) => `WHEN '${word}' THEN ${value}`)
    .join(' ');
  return `CASE lower(${text}) ${whens} END`;
}
