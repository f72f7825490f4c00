/**
 * Pieces of the single-table lookup reading (table-lookup.ts): how a question starts, which words make
 * it abstain, and how conditions, year ranges and summary rows become filters.
 */
import type { Filter } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isTemporalType } from './catalog';
import { rowEndOf, timeOrderColumn } from './row-order';
import { type Tag, type TaggedQuestion, tagText } from './tagger';
import type { ValueIndex, ValueMatch } from './value-index';
import { isWordnetVerb } from './wordnet';

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
  'combined',
  'percentage',
  'percent',
  'or',
  'second',
  'third',
]);

export interface Condition {
  column: CatalogColumn;
  op: 'eq' | 'neq' | 'contains';
  value: string | number;
  /** Tag index, so conditions can be matched with the words around them. */
  index: number;
  /** Every column holding a value the question named; the one the question also names is chosen. */
  options?: ValueMatch[];
}

/** Words that open a request for cells instead of a question ("name the team that …", "list the years …"). */
const requestWords = new Set(['name', 'list', 'identify', 'tell', 'give']);

export function headOf(tagged: TaggedQuestion): Head | undefined {
  const { tags, tokens } = tagged;
  const request = requestAt(tagged);
  // "how many …", "what is the (total) number of …", "total number of …". After "tell me" the number
  // may be a cell ("tell me the number of residents in X"), so a request never counts.
  for (let i = 0; request === undefined && i < Math.min(tags.length, 5); i++) {
    const tag = tags[i] as Tag;
    if (tag.type === 'stop') continue;
    if (tag.type !== 'keyword' || tag.keyword !== 'count') break;
    const text = tagText(tokens, tag);
    if (/^how (many|much)/.test(text) || /number of$/.test(text)) return { kind: 'count', after: i + 1 };
    return undefined;
  }
  if (request !== undefined) return { kind: 'select', wh: 'name', after: request };
  for (let i = 0; i < Math.min(tags.length, 3); i++) {
    const tag = tags[i] as Tag;
    const text = tokens[tag.start]?.norm ?? '';
    if (whWords.has(text) && tag.end - tag.start === 1) return { kind: 'select', wh: text, after: i + 1 };
    if (!leadPrepositions.has(text)) break;
  }
  return headlessRequest(tagged);
}

/** Words that open a yes/no question ("did", "was") or ask a question another way ("how", "why"). */
const nonRequestWords = new Set([
  ...whWords,
  'how',
  'why',
  'whose',
  'did',
  'does',
  'do',
  'was',
  'were',
  'is',
  'are',
  'has',
  'have',
  'had',
  'can',
  'could',
  'will',
  'would',
  'should',
]);

/**
 * "first album released", "the team that finished last": a noun phrase with no question word reads
 * as a request to name it, unless a question word or an opening "did"/"was" shows it asks something else.
 */
function headlessRequest(tagged: TaggedQuestion): Head | undefined {
  const { tokens } = tagged;
  const first = tokens[0]?.norm ?? '';
  if (nonRequestWords.has(first)) return undefined;
  if (tokens.some((token) => nonRequestWords.has(token.norm) && whWords.has(token.norm))) return undefined;
  if (tokens.some((token) => token.norm === 'how' || token.norm === 'why' || token.norm === 'whose'))
    return undefined;
  // "number of goals scored in X", "total points": an amount, which a request to name cells would miss.
  const opening = tokens.slice(0, 3).map((token) => token.norm);
  if (opening.some((word) => /^(number|total|amount|count|sum|average)$/.test(word))) return undefined;
  return { kind: 'select', wh: 'name', after: 0 };
}

/** Tag index right after an opening request word ("name", "list", "tell me"), if the question opens with one. */
function requestAt(tagged: TaggedQuestion): number | undefined {
  const { tags, tokens } = tagged;
  const first = tags[0];
  if (!first || first.end - first.start !== 1 || !requestWords.has(tokens[first.start]?.norm ?? ''))
    return undefined;
  let after = 1;
  const next = tags[after];
  if (next && next.end - next.start === 1 && /^(me|us)$/.test(tokens[next.start]?.norm ?? '')) after++;
  return after;
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
    else if (
      tag.type === 'keyword' &&
      (tag.keyword === 'most' || tag.keyword === 'least' || tag.keyword === 'top')
    )
      i++;
    else if (tag.type === 'keyword' && tag.keyword === 'all') i++;
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
    .map((match) => ({ op: 'neq', column: { column: match.column }, value: match.value, keepEmpty: true }));
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
  /** The column that names each row (row-label.ts), if any; `named` when it is a Name or Title. */
  rowLabel: { column: CatalogColumn; named: boolean } | undefined,
): { column: CatalogColumn; guessed: boolean } | undefined {
  const label = rowLabel?.column;
  if (wh === 'when') {
    const time = free.find((entry) => isTemporalType(entry.column.logicalType))?.column;
    const column = time ?? timeOrderColumn(table.columns) ?? yearColumn(table);
    return column ? { column, guessed: false } : undefined;
  }
  if (wh === 'who' || wh === 'whom') {
    const named = free.find((entry) => entry.column.logicalType === 'text')?.column;
    if (named) return { column: named, guessed: false };
    return label ? { column: label, guessed: true } : undefined;
  }
  if (wh === 'where') return undefined;
  const named = free[0];
  if (wh === 'name' && (!named || named.index !== firstContent)) {
    // "name a country that …": the noun is not a column, so the answer is the column naming each row.
    return label ? { column: label, guessed: true } : undefined;
  }
  if (nameFirst && !named?.column.name.includes('name')) {
    // "what is the name of the first player": the column that names each row; without one, the
    // text column the question names ("the name of the first club" in a table with a Club column).
    if (rowLabel?.named) return { column: rowLabel.column, guessed: true };
    if (named && named.column.logicalType === 'text') return { column: named.column, guessed: false };
    return label ? { column: label, guessed: true } : undefined;
  }
  // "what is the density of the last city": the answer is the first thing named; if that word is not
  // a column, another column would only be a guess.
  if (!named && (wh === 'which' || wh === 'what')) {
    // "which one is last?", "what was the last single released?": no column is named at all, so the
    // column that names each row is the likely answer.
    return label ? { column: label, guessed: true } : undefined;
  }
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
    if (list.length === 1 || first.op !== 'eq') {
      for (const condition of list) {
        const column = { column: condition.column.name };
        filters.push(
          condition.op === 'contains'
            ? { op: 'contains', column, value: String(condition.value) }
            : condition.op === 'neq'
              ? // "not from the UK" keeps rows whose country is empty.
                { op: 'neq', column, value: condition.value, keepEmpty: true }
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

const negationPhrases = new Set([
  'not',
  'did not',
  'do not',
  'does not',
  'except',
  'excluding',
  'besides',
  'other than',
  'apart from',
  'aside from',
]);
/** Words that may sit between a negation and its value ("not from the UK", "other than in 2004"). */
const negationFillers = new Set(['from', 'in', 'at', 'for', 'by', 'of', 'on', 'as']);

/**
 * "not from the United Kingdom", "other than Ajax", "besides 2004": the tag index of the value a
 * negation at `at` excludes, and the last tag index the negation phrase uses; undefined when the
 * negation is about anything else ("did not finish"), which a lookup cannot read.
 */
export function negatedValue(
  tagged: TaggedQuestion,
  at: number,
): { value: number; last: number } | undefined {
  const { tags, tokens } = tagged;
  const text = (tag: Tag | undefined) => tagText(tokens, tag);
  let last = at;
  let phrase = text(tags[at]);
  if (!negationPhrases.has(phrase)) {
    phrase = `${phrase} ${text(tags[at + 1])}`;
    if (!negationPhrases.has(phrase)) return undefined;
    last = at + 1;
  }
  let j = last + 1;
  while (j < tags.length && (tags[j]?.type === 'stop' || negationFillers.has(text(tags[j])))) j++;
  // "not played at X", "did not air in X": one verb, then the preposition that leads to the value.
  const verb = tags[j];
  if (verb?.type === 'unknown' && j === last + 1 && isWordnetVerb(verb.word)) {
    let k = j + 1;
    while (k < tags.length && tags[k]?.type === 'stop' && !negationFillers.has(text(tags[k]))) k++;
    if (negationFillers.has(text(tags[k]))) {
      j = k;
      while (j < tags.length && (tags[j]?.type === 'stop' || negationFillers.has(text(tags[j])))) j++;
    }
  }
  const target = tags[j];
  if (target?.type !== 'value' && !(target?.type === 'number' && !target.ordinal)) return undefined;
  return { value: j, last: j - 1 };
}

/** A refused word (negation, comparison between rows, arithmetic) outside a named value or column. */
export function hasRefusedWord(tagged: TaggedQuestion, head: Head): boolean {
  const { tags, tokens } = tagged;
  for (let index = 0; index < tags.length; index++) {
    const tag = tags[index] as Tag;
    if (tag.type === 'value' || tag.type === 'schema' || tag.type === 'comparison' || tag.type === 'date')
      continue;
    if (tag.type === 'partial') continue;
    const negated = negatedValue(tagged, index);
    if (negated) {
      index = negated.last;
      continue;
    }
    // "gold or silver" between two values of one column means either (an IN filter below).
    if (head.kind === 'count' && betweenValues(tags, index)) continue;
    if (tokens.slice(tag.start, tag.end).some((token) => refusedWords.has(token.norm))) return true;
  }
  return false;
}

/** "name a team …", "list one player …", "give an example of …": a request for any one matching row. */
export function asksForOne(tagged: TaggedQuestion, head: Head): boolean {
  if (head.kind !== 'select' || head.wh !== 'name' || head.after === 0) return false;
  const next = tagged.tags[head.after];
  const word = next ? (tagged.tokens[next.start]?.norm ?? '') : '';
  return /^(a|an|one|any|someone|something|somebody)$/.test(word);
}

/** "which one is …", "name one …", "the one that …": "one" at tag `at` names a row, not a count. */
export function pronounOne(tagged: TaggedQuestion, at: number, head: Head): boolean {
  const tag = tagged.tags[at];
  if (tag?.type !== 'number' || tag.end - tag.start !== 1 || tagged.tokens[tag.start]?.norm !== 'one')
    return false;
  const before = tagged.tokens[tag.start - 1]?.norm ?? '';
  const after = tagged.tokens[tag.end]?.norm ?? '';
  // "one of the …" keeps its own meaning elsewhere.
  if (after === 'of' || head.kind !== 'select') return false;
  return at === head.after || /^(which|the|this|that)$/.test(before);
}
