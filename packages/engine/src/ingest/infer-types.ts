import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier } from '../workspace/sql-text';
import { countShapes, type ValueShape } from './sample-shapes';
import {
  booleanValue,
  currencyCodes,
  currencySymbolList,
  type DateFormat,
  dateFormats,
  dateValue,
  hasFootnote,
  normalisedText,
  numberValue,
  withoutFootnotes,
} from './value-patterns';

/** How one text column of the staging table becomes a column of the snapshot. */
export interface ColumnConversion {
  /** SQL expression over the staging table's column. */
  expression: string;
  /** DuckDB type the expression produces (for the record only). */
  sqlType: string;
  unit?: string;
  /** Facts for the profile, e.g. "mixed: 97% numeric". */
  notes: string[];
  /** Sentences for the person loading the file, e.g. "column price: kept as text, 3 of 120 values are not numbers". */
  warnings: string[];
}

/** For dates: every format whose shape fits the sample; the full pass picks the first that reads all values. */
export type Candidate =
  | { kind: 'number'; decimalComma?: boolean }
  | { kind: 'boolean' }
  | { kind: 'date'; dates: DateFormat[] };

/** Rows of a text column the sample pass classifies (write-table keeps exactly these rows in a sample table). */
export const sampleRows = 2_000;
/** A column is worth a full check when at least this share of the sample converts. */
const candidateShare = 0.5;

function toNumber(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return 0;
}

function percent(part: number, whole: number): string {
  const share = (100 * part) / whole;
  return share > 99 && share < 100 ? share.toFixed(1) : String(Math.round(share));
}

async function readOneRow(connection: DuckDBConnection, sql: string): Promise<unknown[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows()[0] ?? [];
}

/**
 * Sample pass, in JavaScript over the first rows (the same patterns as the SQL): which shape most values
 * of each text column have. Cheap even for wide tables; the full pass in SQL confirms the candidate.
 */
export async function findCandidates(
  connection: DuckDBConnection,
  table: string,
  columns: string[],
): Promise<(Candidate | undefined)[]> {
  const projections = columns.map((column) => normalisedText(quoteIdentifier(column)));
  const reader = await connection.runAndReadAll(
    `SELECT ${projections.join(', ')} FROM (SELECT * FROM ${table} LIMIT ${sampleRows})`,
  );
  const rows = reader.getRows();
  // Values repeat across columns too ("yes", years, codes), so the shapes found are shared.
  const seen = new Map<string, ValueShape>();
  return columns.map((_, i) => {
    const { present, numbers, commaNumbers, ambiguous, booleans, seasons, dates } = countShapes(
      rows.map((row) => row[i]),
      seen,
    );
    if (present === 0) return undefined;
    if (booleans === present) return { kind: 'boolean' };
    // A comma that is not a thousands separator ("2,5", "1.234,56") means European notation.
    if (commaNumbers >= present * candidateShare && commaNumbers > numbers && commaNumbers > ambiguous) {
      return { kind: 'number', decimalComma: true };
    }
    if (numbers >= present * candidateShare) return { kind: 'number' };
    if (seasons === present) return undefined;
    const shapes = dateFormats.filter((_, j) => (dates[j] ?? 0) >= present * candidateShare);
    return shapes.length > 0 ? { kind: 'date', dates: shapes } : undefined;
  });
}

interface Check {
  column: string;
  candidate: Candidate;
  /** Per-row columns computed once in the CTE. */
  projections: string[];
  aggregates: string[];
}

function numberChecks(f: string, t: string, value: string): string[] {
  return [
    `count(${value})`,
    `count(*) FILTER (WHERE contains(${f}, '%'))`,
    ...currencySymbolList.map((symbol) => `count(*) FILTER (WHERE contains(${f}, '${symbol}'))`),
    `coalesce(bool_and(${value} = round(${value})), true)`,
    `coalesce(bool_and(${value} = round(${value}, 2)), true)`,
    `coalesce(max(abs(${value})), 0)`,
    `count(*) FILTER (WHERE regexp_matches(${f}, '^[+-]?0\\d'))`,
    `count(*) FILTER (WHERE ${hasFootnote(t)})`,
  ];
}

function decideNumber(
  label: string,
  column: string,
  values: number[],
  present: number,
  decimalComma: boolean,
): ColumnConversion {
  const [converted = 0, percents = 0, ...rest] = values;
  const symbolCounts = rest.slice(0, currencySymbolList.length);
  const [integral = 0, cents = 0, maxAbs = 0, leadingZeros = 0, footnotes = 0] = rest.slice(
    currencySymbolList.length,
  );
  const raw = quoteIdentifier(column);
  const keepText = (notes: string[], warnings: string[]): ColumnConversion => ({
    expression: raw,
    sqlType: 'VARCHAR',
    notes,
    warnings,
  });
  if (converted < present * candidateShare) return keepText([], []);
  if (converted < present) {
    const bad = present - converted;
    return keepText(
      [`mixed: ${percent(converted, present)}% numeric`],
      [`column ${label}: kept as text, ${bad} of ${present} values are not numbers`],
    );
  }
  const symbols = currencySymbolList.filter((_, i) => (symbolCounts[i] ?? 0) > 0);
  if (symbols.length > 1) {
    return keepText(
      [`mixed currencies: ${symbols.join(' ')}`],
      [`column ${label}: kept as text, it mixes currencies (${symbols.join(' ')})`],
    );
  }
  if (integral === 1 && leadingZeros > 0) {
    return keepText(['codes with leading zeros'], []);
  }
  const symbol = symbols[0];
  let unit: string | undefined;
  const notes: string[] = [];
  const warnings: string[] = [];
  if (percents > 0 && percents < present) {
    return keepText(
      [`mixed: ${percent(percents, present)}% percentages`],
      [
        `column ${label}: kept as text, ${percents} of ${present} values are percentages and the rest are not`,
      ],
    );
  }
  if (percents === present) unit = 'percent';
  if (symbol !== undefined) unit = unit ?? currencyCodes[symbol];
  if (symbol !== undefined && (symbolCounts[currencySymbolList.indexOf(symbol)] ?? 0) < present) {
    notes.push(`currency sign on some values only`);
  }
  if (footnotes > 0) notes.push(`footnote marks removed from ${footnotes} values`);
  let sqlType = 'DOUBLE';
  if (integral === 1 && maxAbs < 2 ** 53) sqlType = 'BIGINT';
  else if (symbol !== undefined && cents === 1 && maxAbs < 1e15) sqlType = 'DECIMAL(18,2)';
  const f = withoutFootnotes(normalisedText(raw));
  if (decimalComma) notes.push('decimal comma');
  return {
    expression: `CAST(${numberValue(f, decimalComma)} AS ${sqlType})`,
    sqlType,
    unit,
    notes,
    warnings,
  };
}

/**
 * Decides, for every VARCHAR column of a staging table, whether its text is really numbers (with
 * thousands separators, currency, percent, parentheses for negatives), dates in a common format, or
 * booleans. A sample finds candidates; one full aggregate pass confirms them. A column converts only
 * when every non-empty value converts; otherwise the text is kept and a "mixed" note is recorded.
 */
export async function inferTextColumns(
  connection: DuckDBConnection,
  table: string,
  columns: { name: string; label: string }[],
  knownCandidates?: (Candidate | undefined)[],
): Promise<Map<string, ColumnConversion>> {
  const result = new Map<string, ColumnConversion>();
  if (columns.length === 0) return result;
  const candidates =
    knownCandidates ??
    (await findCandidates(
      connection,
      table,
      columns.map((column) => column.name),
    ));
  const checks: Check[] = [];
  columns.forEach((column, i) => {
    const candidate = candidates[i];
    if (!candidate) return;
    const [t, f, v] = [`t${i}`, `f${i}`, `v${i}`];
    const projections = [
      `${normalisedText(quoteIdentifier(column.name))} AS ${t}`,
      `${withoutFootnotes(normalisedText(quoteIdentifier(column.name)))} AS ${f}`,
    ];
    let specific: string[];
    if (candidate.kind === 'number') {
      projections.push(
        `${numberValue(withoutFootnotes(normalisedText(quoteIdentifier(column.name))), candidate.decimalComma)} AS ${v}`,
      );
      specific = numberChecks(f, t, v);
    } else if (candidate.kind === 'date') {
      specific = [
        `count(*) FILTER (WHERE ${hasFootnote(t)})`,
        ...candidate.dates.map((date) => `count(${dateValue(f, date)})`),
      ];
    } else {
      specific = [`count(${booleanValue(t)})`];
    }
    checks.push({ column: column.name, candidate, projections, aggregates: [`count(${t})`, ...specific] });
  });
  if (checks.length === 0) return result;
  const sql = `WITH s AS MATERIALIZED (SELECT ${checks.flatMap((check) => check.projections).join(', ')} FROM ${table})
    SELECT ${checks.flatMap((check) => check.aggregates).join(', ')} FROM s`;
  const row = (await readOneRow(connection, sql)).map(toNumber);
  let offset = 0;
  for (const check of checks) {
    const values = row.slice(offset, offset + check.aggregates.length);
    offset += check.aggregates.length;
    const [present = 0, ...rest] = values;
    const label = columns.find((column) => column.name === check.column)?.label ?? check.column;
    if (present === 0) continue;
    const raw = quoteIdentifier(check.column);
    const t = normalisedText(raw);
    if (check.candidate.kind === 'number') {
      const decimalComma = check.candidate.decimalComma === true;
      result.set(check.column, decideNumber(label, check.column, rest, present, decimalComma));
    } else if (check.candidate.kind === 'date') {
      const [footnotes = 0, ...counts] = rest;
      const formats = check.candidate.dates;
      const readsAll = formats.findIndex((_, j) => counts[j] === present);
      if (readsAll >= 0) {
        const date = formats[readsAll]!;
        result.set(check.column, {
          expression: dateValue(withoutFootnotes(t), date),
          sqlType: date.withTime ? 'TIMESTAMP' : 'DATE',
          notes: [
            `read as dates (${date.format})`,
            ...(footnotes > 0 ? [`footnote marks removed from ${footnotes} values`] : []),
          ],
          warnings: [],
        });
      } else if (Math.max(0, ...counts) >= present * candidateShare) {
        const converted = Math.max(0, ...counts);
        result.set(check.column, {
          expression: raw,
          sqlType: 'VARCHAR',
          notes: [`mixed: ${percent(converted, present)}% dates`],
          warnings: [
            `column ${label}: kept as text, ${present - converted} of ${present} values are not dates`,
          ],
        });
      }
    } else {
      const [converted = 0] = rest;
      if (converted === present) {
        result.set(check.column, {
          expression: booleanValue(t),
          sqlType: 'BOOLEAN',
          notes: [],
          warnings: [],
        });
      }
    }
  }
  return result;
}
