/**
 * Pieces of the single-table lookup reading (table-lookup.ts): how a question starts, which words make
 * it abstain, and how conditions, year ranges and summary rows become filters.
 */
import type { Filter } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isNumericType, isTemporalType } from './catalog';
import type { ComparisonOperator } from './numbers';
import { rowEndOf, timeOrderColumn } from './row-order';
import type { SchemaResolver } from './schema-resolver';
import type { Tag, TaggedQuestion } from './tagger';
import type { ValueIndex, ValueMatch } from './value-index';

export type Head = { kind: 'count'; after: number } | { kind: 'select'; wh: string; after: number };

export const whWords = new Set(['what', 'which', 'who', 'whom', 'when', 'where']);
export const leadPrepositions = new Set([
  'in',
  'on',
  'at',
  'during',
  'for',
  'from',
  'of',
  'to',
  'by',
  'with',
]);
/** Words after which the reader cannot stay faithful: negation, comparison between rows, arithmetic. */
export const refusedWords = new Set([
  'not',
  'no',
  'never',
  'without',
  'except',
  'other',
  'than',
  'difference',
  'more',
  'less',
  'fewer',
  'same',
  'both',
  'either',
  'average',
  'combined',
  'percentage',
  'percent',
  'or',
  'second',
  'third',
]);

export interface Condition {
  column: CatalogColumn;
  op: 'eq' | 'contains';
  value: string | number;
  /** Tag index, so conditions can be matched with the words around them. */
  index: number;
  /** Every column holding a value the question named; the one the question also names is chosen. */
  options?: ValueMatch[];
}

export function headOf(tagged: TaggedQuestion): Head | undefined {
  const { tags, tokens } = tagged;
  // "how many …", "what is the (total) number of …", "total number of …".
  for (let i = 0; i < Math.min(tags.length, 5); i++) {
    const tag = tags[i] as Tag;
    if (tag.type === 'stop') continue;
    if (tag.type !== 'keyword' || tag.keyword !== 'count') break;
    const text = tokens
      .slice(tag.start, tag.end)
      .map((token) => token.norm)
      .join(' ');
    if (/^how (many|much)/.test(text) || /number of$/.test(text)) return { kind: 'count', after: i + 1 };
    return undefined;
  }
  for (let i = 0; i < Math.min(tags.length, 3); i++) {
    const tag = tags[i] as Tag;
    const text = tokens[tag.start]?.norm ?? '';
    if (whWords.has(text) && tag.end - tag.start === 1) return { kind: 'select', wh: text, after: i + 1 };
    if (!leadPrepositions.has(text)) return undefined;
  }
  return undefined;
}

/** The first tag after the head that names something (row-end words like "last" are skipped). */
export function firstContentIndex(tagged: TaggedQuestion, from: number): number {
  const { tags } = tagged;
  let i = from;
  while (i < tags.length) {
    const tag = tags[i] as Tag;
    if (tag.type === 'stop' || tag.type === 'superlative') i++;
    else if (tag.type === 'unknown' && rowEndOf(tag.word)) i++;
    else if (tag.type === 'number' && tag.ordinal && tag.value === 1) i++;
    else if (tag.type === 'keyword' && (tag.keyword === 'most' || tag.keyword === 'least')) i++;
    else break;
  }
  return i;
}

export function nextNonStop(tags: Tag[], from: number): number {
  let i = from + 1;
  while (i < tags.length && tags[i]?.type === 'stop') i++;
  return i;
}

export function columnByName(table: CatalogTable, name: string | undefined): CatalogColumn {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (!column) throw new Error(`column ${name} is not in ${table.name}`);
  return column;
}

/** "how many years …" asks for a span, not a count of rows. */
export const timeUnits = new Set([
  'years',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'decades',
]);
/** Words that only say the rows are shown somewhere. */
export const listingWords = new Set([
  'listed',
  'chart',
  'table',
  'list',
  'shown',
  'total',
  'entries',
  'there',
  'given',
  'mentioned',
  'recorded',
  'included',
  'represented',
  'featured',
]);

export const comparisonOps = {
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
  '=': 'eq',
} satisfies Record<Exclude<ComparisonOperator, 'between' | '!='>, 'gt' | 'gte' | 'lt' | 'lte' | 'eq'>;

/** A date range that covers whole years → first and last year (open ends stay undefined). */
export function yearRange(
  from: string | undefined,
  to: string | undefined,
): { from?: number; to?: number } | undefined {
  if (from !== undefined && !from.endsWith('-01-01')) return undefined;
  if (to !== undefined && !to.endsWith('-12-31')) return undefined;
  if (from === undefined && to === undefined) return undefined;
  const range: { from?: number; to?: number } = {};
  if (from !== undefined) range.from = Number(from.slice(0, 4));
  if (to !== undefined) range.to = Number(to.slice(0, 4));
  return range;
}

export function summaryRows(values: ValueIndex, table: CatalogTable): Filter[] {
  return values.summaries
    .filter((match) => match.table === table.name)
    .map((match) => ({ op: 'neq', column: { column: match.column }, value: match.value }));
}

export function yearColumn(table: CatalogTable): CatalogColumn | undefined {
  const candidates = table.columns.filter(
    (column) => /(^|_)(year|season)s?($|_)/.test(column.name) && column.logicalType === 'integer',
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

export function answerColumn(
  wh: string,
  free: Array<{ index: number; column: CatalogColumn }>,
  firstContent: number,
  nameFirst: boolean,
  table: CatalogTable,
  resolver: SchemaResolver,
): { column: CatalogColumn; guessed: boolean } | undefined {
  if (wh === 'when') {
    const time = free.find((entry) => isTemporalType(entry.column.logicalType))?.column;
    const column = time ?? timeOrderColumn(table.columns) ?? yearColumn(table);
    return column ? { column, guessed: false } : undefined;
  }
  if (wh === 'who' || wh === 'whom') {
    const named = free.find((entry) => entry.column.logicalType === 'text')?.column;
    if (named) return { column: named, guessed: false };
    const label = resolver.labelColumn(table.name);
    return label ? { column: label, guessed: true } : undefined;
  }
  if (wh === 'where') return undefined;
  const named = free[0];
  if (nameFirst && !named?.column.name.includes('name')) {
    // "what is the name of the first player": the column that names each row.
    const label = resolver.labelColumn(table.name);
    return label ? { column: label, guessed: true } : undefined;
  }
  // "what is the density of the last city": the answer is the first thing named; if that word is not
  // a column, another column would only be a guess.
  if (!named || named.index !== firstContent) return undefined;
  return { column: named.column, guessed: false };
}

/** Two values of one column ("gold or silver") mean either of them. */
export function groupConditions(conditions: Condition[]): Filter[] {
  const filters: Filter[] = [];
  const byColumn = new Map<string, Condition[]>();
  for (const condition of conditions) {
    const list = byColumn.get(`${condition.op}:${condition.column.name}`) ?? [];
    list.push(condition);
    byColumn.set(`${condition.op}:${condition.column.name}`, list);
  }
  for (const list of byColumn.values()) {
    const first = list[0] as Condition;
    if (list.length === 1 || first.op === 'contains') {
      for (const condition of list) {
        const column = { column: condition.column.name };
        filters.push(
          condition.op === 'contains'
            ? { op: 'contains', column, value: String(condition.value) }
            : { op: 'eq', column, value: condition.value },
        );
      }
    } else {
      filters.push({ op: 'in', column: { column: first.column.name }, values: list.map((c) => c.value) });
    }
  }
  return filters;
}

/** "gold or silver": an "or" right between two values that one column holds. */
export function betweenValues(tags: Tag[], at: number): boolean {
  const before = tags[at - 1];
  const after = tags[at + 1];
  if (before?.type !== 'value' || after?.type !== 'value') return false;
  return before.matches.some((match) =>
    after.matches.some((other) => other.table === match.table && other.column === match.column),
  );
}

/** A refused word (negation, comparison between rows, arithmetic) outside a named value or column. */
export function hasRefusedWord(tagged: TaggedQuestion, head: Head): boolean {
  const { tags, tokens } = tagged;
  for (const [index, tag] of tags.entries()) {
    if (tag.type === 'value' || tag.type === 'schema' || tag.type === 'comparison' || tag.type === 'date')
      continue;
    if (tag.type === 'partial') continue;
    // "gold or silver" between two values of one column means either (an IN filter below).
    if (head.kind === 'count' && betweenValues(tags, index)) continue;
    if (tokens.slice(tag.start, tag.end).some((token) => refusedWords.has(token.norm))) return true;
  }
  return false;
}

/** "more than 5 silver medals", "attendance over 60,000": a range on the amount column beside the number. */
export function comparisonRange(
  tags: Tag[],
  at: number,
  columnOf: (tag: Tag) => CatalogColumn | undefined,
): { range: Filter; column: CatalogColumn } | undefined {
  const tag = tags[at];
  if (tag?.type !== 'comparison') return undefined;
  const operator = tag.comparison.operator;
  if (operator === 'between' || operator === '!=') return undefined;
  const column = [tags[nextNonStop(tags, at)], tags[at - 1]]
    .map((candidate) => (candidate ? columnOf(candidate) : undefined))
    .find((candidate) => candidate !== undefined && isNumericType(candidate.logicalType));
  if (!column) return undefined;
  return {
    range: { op: comparisonOps[operator], column: { column: column.name }, value: tag.comparison.value },
    column,
  };
}
