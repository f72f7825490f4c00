/**
 * What the one-table reading (table-lookup.ts) gathers while it walks a question's tags: the columns
 * named, the values that filter rows, ranges, the row at an end of the list, a ranking, a neighbour row,
 * plus the small helpers every tag reader shares (the words of a tag, the column a tag names, the column
 * after a superlative).
 */
import type { Filter } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import type { OneTableContext } from './one-table-context';
import { rankTextColumn, type TextRanking } from './ranked-text-column';
import type { RowEnd } from './row-order';
import { type Condition, type Head, nextNonStop } from './table-lookup-parts';
import { type Tag, tagText } from './tagger';

export interface Mention {
  index: number;
  column: CatalogColumn;
}

export interface LookupScan {
  context: OneTableContext;
  table: CatalogTable;
  head: Head;
  doubts: string[];
  confidence: number;
  mentioned: Mention[];
  conditions: Condition[];
  rowEnd?: RowEnd;
  /** "the top of the list", "the bottom row": a place in the listed order, not in time. */
  listedEnd: boolean;
  aggregated?: { aggregation: 'sum' | 'avg'; column: CatalogColumn };
  neighbour?: { offset: number; index: number };
  mostRows?: 'asc' | 'desc';
  ranges: Filter[];
  consumedByComparison: Set<string>;
  ranked?: { column: CatalogColumn; direction: 'asc' | 'desc' };
  /** A text column of amounts a superlative ranks by (a filter, so not in `ranked`). */
  rankedText?: string;
  looseWords: Array<{ index: number; word: string }>;
  /** Tag indexes already read as part of an earlier phrase. */
  skipped: Set<number>;
  /** Tag indexes of values a negation excludes ("not from X"). */
  negated: Set<number>;
}

export function createScan(context: OneTableContext, table: CatalogTable, head: Head): LookupScan {
  return {
    context,
    table,
    head,
    doubts: [],
    confidence: 0.9,
    mentioned: [],
    conditions: [],
    listedEnd: false,
    ranges: [],
    consumedByComparison: new Set(),
    looseWords: [],
    skipped: new Set(),
    negated: new Set(),
  };
}

export function penalise(scan: LookupScan, factor: number, why: string): void {
  scan.confidence *= factor;
  scan.doubts.push(why);
}

/** The normalised words a tag covers ('' for no tag). */
export function tagWords(scan: LookupScan, tag: Tag | undefined): string {
  return tagText(scan.context.tagged.tokens, tag);
}

export function tokensAfter(scan: LookupScan, from: number, count: number): string {
  return scan.context.tagged.tokens
    .slice(from, from + count)
    .map((token) => token.norm)
    .join(' ');
}

export function columnOf(scan: LookupScan, tag: Tag): CatalogColumn | undefined {
  const { table } = scan;
  // "the highest total": a column named like a keyword ("Total", "Average") is that column.
  if (tag.type === 'keyword' && (tag.keyword === 'sum' || tag.keyword === 'avg'))
    return table.columns.find(
      (column) => column.name === tagWords(scan, tag) && isNumericType(column.logicalType),
    );
  // "the last show listed", "the year": a word the lexicon reads as a keyword may be a column's whole name.
  if (tag.type === 'keyword' && (tag.keyword === 'list' || tag.keyword.startsWith('grain_')))
    return table.columns.find((column) => column.name === tagWords(scan, tag));
  if (tag.type !== 'schema') return undefined;
  const choice = scan.context.resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
  return choice && choice.score >= 0.7 ? choice.column : undefined;
}

/** The column right after a superlative, past "amount of" / "number of" ("the least amount of passengers"). */
export function amountAfter(scan: LookupScan, at: number): Mention | undefined {
  const { tags, tokens } = scan.context.tagged;
  let j = nextNonStop(tags, at);
  const filler = tags[j];
  if (
    (filler?.type === 'unknown' && filler.word.toLowerCase() === 'amount') ||
    // "the average number of assists" in a table with a Number column: "number" is a filler here.
    (/^(number|amount)$/.test(tagWords(scan, filler)) && tokens[filler?.end ?? 0]?.norm === 'of') ||
    (filler?.type === 'keyword' && filler.keyword === 'count' && /^number of$/.test(tagWords(scan, filler)))
  )
    j = nextNonStop(tags, j);
  const next = tags[j];
  const column = next ? columnOf(scan, next) : undefined;
  if (!column) return undefined;
  scan.mentioned.push({ index: j, column });
  // The filler ("number of") belongs to the superlative too.
  for (let k = at + 1; k <= j; k++) scan.skipped.add(k);
  return { index: j, column };
}

/** A text column after a superlative: amounts written as text become a filter, names a count of rows. */
export function rankText(
  scan: LookupScan,
  after: Mention,
  direction: 'asc' | 'desc',
  countsRows: boolean,
): TextRanking | undefined {
  if (scan.head.kind !== 'select') return undefined;
  const { tags, tokens } = scan.context.tagged;
  const noun = tokens[(tags[after.index]?.end ?? 0) - 1]?.text ?? '';
  const ranking = rankTextColumn(scan.context.values, scan.table, after.column, direction, noun);
  if (ranking?.kind === 'rows' && !countsRows) return undefined;
  if (ranking?.kind === 'amount') {
    scan.ranges.push(ranking.filter);
    scan.consumedByComparison.add(after.column.name);
    scan.rankedText = after.column.name;
  }
  // The counted noun names what each row is, not an answer column.
  if (ranking?.kind === 'rows')
    scan.mentioned.splice(
      scan.mentioned.findIndex((entry) => entry.index === after.index),
      1,
    );
  return ranking;
}
