import type { OneTableContext } from './one-table-context';
/**
 * "Which year had the most titles released?", "what season held the most series?", "which year has
 * the most buildings listed?": on one sheet with one row per item and a column of years, the year on
 * the most rows. The words after "most" name what each row is (titles, films, ships); they are not
 * looked up, so the reading only stands when nothing else in the question is left unexplained: the
 * head is "which/what year|season", the verb between is one of a few ("had", "saw", "held" …), a word
 * after "most" that names a column of amounts leaves the question to the general reading ("the most
 * goals" adds up goals), and named values after "most" keep only their rows ("the most wins").
 */

import type { CatalogColumn, CatalogTable } from './catalog';
import { isNumericType } from './catalog';
import type { Reading } from './interpret';
import { SpecBuilder } from './spec-builder';
import { summaryRows } from './table-lookup-parts';
import type { Tag } from './tagger';

const periodNouns = new Set(['year', 'season']);
const verbs = new Set([
  'had',
  'has',
  'have',
  'saw',
  'see',
  'held',
  'hold',
  'was',
  'were',
  'is',
  'did',
  'got',
]);
/** Words after the counted noun that only say the rows were recorded. */
const tailWords = new Set([
  'released',
  'listed',
  'produced',
  'made',
  'built',
  'held',
  'played',
  'recorded',
  'issued',
  'opened',
  'founded',
  'published',
  'there',
  'on',
  'the',
  'list',
  'chart',
  'table',
]);

/** The column of years: one integer column named year/season/release, or seasons written "2009–10". */
function periodColumn(table: CatalogTable, context: OneTableContext): CatalogColumn | undefined {
  const named = table.columns.filter((column) =>
    /(^|_)(year|season|release|released)s?($|_)/.test(column.name),
  );
  const years = named.filter((column) => {
    if (column.logicalType === 'integer') return true;
    if (column.logicalType !== 'text') return false;
    const cells = context.values.allValues(table.name, column.name);
    return (
      cells !== undefined &&
      cells.length > 0 &&
      cells.every((cell) => /^\d{4}(\s*[–-]\s*\d{2,4})?$/.test(cell.trim()))
    );
  });
  return years.length === 1 ? years[0] : undefined;
}

/** A text column of names (titles, films), not of amounts written as text ("850,305"). */
function namesRows(context: OneTableContext, table: CatalogTable, column: CatalogColumn): boolean {
  if (isNumericType(column.logicalType)) return false;
  const cells = context.values.allValues(table.name, column.name);
  if (!cells || cells.length === 0) return false;
  return cells.filter((cell) => /\d/.test(cell)).length <= 0.25 * cells.length;
}

export function readPeriodMost(context: OneTableContext): Reading | undefined {
  const { tagged, resolver } = context;
  const { tags, tokens } = tagged;
  const [wh, noun] = tokens.map((token) => token.norm.toLowerCase());
  if ((wh !== 'which' && wh !== 'what') || noun === undefined || !periodNouns.has(noun)) return undefined;
  const table = resolver.catalog.tables.length === 1 ? resolver.catalog.tables[0] : undefined;
  if (!table) return undefined;
  const column = periodColumn(table, context);
  if (!column) return undefined;
  // Only "most" as written: "the least …" leaves out years with no row at all, and "the greatest …"
  // or "the highest …" rank an amount.
  const mostAt = tags.findIndex(
    (tag) =>
      tag.type === 'keyword' && tag.keyword === 'most' && tokens[tag.start]?.norm.toLowerCase() === 'most',
  );
  const most = tags[mostAt];
  if (most?.type !== 'keyword') return undefined;
  const wordOf = (tag: Tag) =>
    tokens
      .slice(tag.start, tag.end)
      .map((token) => token.norm.toLowerCase())
      .join(' ');
  // Between "which year" and "most": only a verb and "the".
  for (const tag of tags.slice(0, mostAt)) {
    if (tag.end <= 2 || tag.type === 'stop') continue;
    if (!verbs.has(wordOf(tag))) return undefined;
  }
  const builder = new SpecBuilder(table.name);
  let counted = 0;
  let plural = false;
  for (const tag of tags.slice(mostAt + 1)) {
    if (tag.type === 'stop') continue;
    const word = wordOf(tag);
    if (counted > 0 && tailWords.has(word)) continue;
    if (tag.type === 'value') {
      const match = tag.matches.find((candidate) => candidate.table === table.name);
      if (!match) return undefined;
      // "the most film appearances" (Film rows), "the most wins" (rows whose result is a win).
      builder.addFilter({ op: 'eq', column: { column: match.column }, value: match.value });
      counted++;
      plural = /s$/.test(word);
      continue;
    }
    if (tag.type === 'schema') {
      // "the most goals": an amount column is added up, not counted; a text column names the rows.
      const named = tag.entries.find((entry) => entry.target.kind === 'column');
      if (named?.target.kind !== 'column' || !namesRows(context, table, named.target.column))
        return undefined;
      counted++;
      plural = /s$/.test(word);
      continue;
    }
    // "the most film appearances": words that only describe the rows, the last one a plural.
    if (tag.type === 'unknown' && /^[a-z]+$/.test(word)) {
      counted++;
      plural = /s$/.test(word);
      continue;
    }
    return undefined;
  }
  if (!plural || counted === 0) return undefined;
  const group = builder.addDimension(column);
  builder.order.push({ by: builder.addMeasure('count', undefined), direction: 'desc' });
  builder.limit = 1;
  for (const summary of summaryRows(context.values, table)) builder.addFilter(summary);
  return {
    spec: builder.build(context.asOf),
    answerColumns: [group],
    confidence: 0.85,
    unmatched: [],
    doubts: [`the ${column.name} on the most rows`],
  };
}
