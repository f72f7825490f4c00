/**
 * "what is the first airbase listed on the chart?", "which song is last on the list?", "who is at the top
 * of the list?", "what is the last title listed?": the first or last row of a one-table question as the
 * table lists it. Read only when the question speaks of the listing (listed, on the list/chart/table, at
 * the top/bottom) and says nothing else: a column it names is the answer (else the column that names each
 * row), a value it names keeps the rows holding it ("the last republican listed"), and one ordinary word
 * right beside "first"/"last" or the head may only say what each row is ("airbase", "song"). Any other
 * word — a number, "alphabetically", "after", "not", a second ordinal — leaves it to other readings.
 * Tried after the one-table lookup (table-lookup.ts) abstains.
 */
import type { Filter } from '@askdata/core';
import { ROW_POSITION } from '@askdata/core';
import type { CatalogColumn, CatalogTable } from './catalog';
import { splitIdentifier } from './inflect';
import type { Reading } from './interpret';
import type { OneTableContext } from './one-table-context';
import { rowLabelColumn } from './row-label';
import { SpecBuilder } from './spec-builder';
import { headOf, summaryRows } from './table-lookup-parts';
import { columnOf, createScan, tagWords } from './table-lookup-scan-state';
import type { Tag } from './tagger';
import { isWordnetProperName, isWordnetWord } from './wordnet';

const endWords: Record<string, 'asc' | 'desc'> = { first: 'asc', top: 'asc', last: 'desc', bottom: 'desc' };
/** Words of the listing phrase itself ("listed on this chart", "at the top of the table"). */
const listingWords = new Set(['listed', 'list', 'chart', 'table', 'page', 'shown']);
const glueWords = new Set([
  'on',
  'in',
  'at',
  'of',
  'the',
  'this',
  'that',
  'is',
  'was',
  'are',
  'a',
  'very',
  'one',
]);

export function readListedEnd(context: OneTableContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  const head = headOf(tagged);
  if (head?.kind !== 'select') return undefined;
  const words = tokens.map((token) => token.norm);
  // "on the chart", "in this table", "listed": not "the us chart", which may be a column.
  const listing = words.some(
    (word, at) =>
      listingWords.has(word) && (/^(listed|shown)$/.test(word) || /^(the|this)$/.test(words[at - 1] ?? '')),
  );
  if (!listing) return undefined;
  const scan = createScan(context, table, head);

  let direction: 'asc' | 'desc' | undefined;
  let endAt = -1;
  const named: CatalogColumn[] = [];
  const filters: Filter[] = [];
  const loose: number[] = [];
  for (let i = head.after; i < tags.length; i++) {
    const tag = tags[i] as Tag;
    const text = tagWords(scan, tag);
    if (glueWords.has(text) || listingWords.has(text)) continue;
    if (tag.type === 'stop') {
      // "the top place listed": a word the lexicon takes for filler may be a column's whole name.
      const column = table.columns.find((candidate) => candidate.name.toLowerCase() === text);
      if (column) named.push(column);
      continue;
    }
    const end = endWords[text];
    if (end) {
      if (direction) return undefined;
      direction = end;
      endAt = i;
      continue;
    }
    const column = columnOf(scan, tag);
    if (column) {
      named.push(column);
      continue;
    }
    if (tag.type === 'schema' && tag.entries.some((entry) => entry.target.kind === 'table')) continue;
    if (tag.type === 'value') {
      const matches = tag.matches.filter((match) => match.table === table.name);
      if (matches.length !== 1) return undefined;
      const [match] = matches;
      if (!match) return undefined;
      filters.push({ op: 'eq', column: { column: match.column }, value: match.value });
      continue;
    }
    if (tag.type === 'partial' && tag.table === table.name) {
      // "the first airbase listed": a word inside the cells of one column keeps the rows holding it.
      filters.push({ op: 'contains', column: { column: tag.column }, value: tag.text });
      continue;
    }
    if ((tag.type === 'unknown' || tag.type === 'schema') && !text.includes(' ')) {
      loose.push(i);
      continue;
    }
    return undefined;
  }
  if (!direction || named.length > 1 || loose.length > 1) return undefined;
  // The one loose word must say what each row is: an ordinary noun beside "first"/"last" or the head.
  for (const at of loose) {
    const word = tagWords(scan, tags[at]);
    // "the last city listed" with a column "City (2010 census)": the word opens that column's name.
    const opening = table.columns.filter((column) => splitIdentifier(column.name)[0]?.toLowerCase() === word);
    if (named.length === 0 && opening.length === 1 && opening[0]) {
      named.push(opening[0]);
      continue;
    }
    const beside = at === nextContent(tags, scan, endAt) || at === nextContent(tags, scan, head.after - 1);
    if (!beside || !isWordnetWord(word) || isWordnetProperName(word)) return undefined;
    if (!isNoun(word)) return undefined;
  }

  const label = rowLabelColumn(resolver, values, table);
  const answer = named[0] ?? label?.column;
  if (!answer) return undefined;
  const builder = new SpecBuilder(table.name);
  builder.answerIds = [builder.addSelect(answer)];
  const position: CatalogColumn = { table: table.name, name: ROW_POSITION, logicalType: 'integer' };
  builder.order.push({ by: builder.addSelect(position), direction });
  builder.limit = 1;
  for (const filter of filters) builder.addFilter(filter);
  // A "Total" row closing the sheet is not the last one listed; an empty cell answers nothing.
  for (const summary of summaryRows(values, table)) builder.addFilter(summary);
  builder.addFilter({ op: 'not_null', column: { column: answer.name } });
  const doubts = [`the ${direction === 'asc' ? 'first' : 'last'} row as listed`];
  if (named.length === 0) doubts.push(`assuming the answer is the ${answer.name}`);
  return {
    spec: builder.build(context.asOf),
    confidence: named.length === 0 ? 0.75 : 0.82,
    unmatched: [],
    doubts,
    answerColumns: builder.answerIds,
  };
}

/** The next tag after `at` that is neither a stop word nor glue. */
function nextContent(tags: Tag[], scan: ReturnType<typeof createScan>, at: number): number {
  for (let i = at + 1; i < tags.length; i++) {
    const text = tagWords(scan, tags[i]);
    if (tags[i]?.type === 'stop' || glueWords.has(text)) continue;
    return i;
  }
  return -1;
}

/** Words that are ordinary English but never say what a row is. */
const notNouns = /(ly|ing|ed)$/;
function isNoun(word: string): boolean {
  return !notNouns.test(word) || /^(thing|building|ring|king|wing|string|ceiling|bed)s?$/.test(word);
}
