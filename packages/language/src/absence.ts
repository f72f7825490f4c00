/**
 * "Which title has no b-sides?", "how many countries do not have any gold medals?", "name a club
 * without a nickname listed": on one loaded table, rows that have nothing in a column the question
 * names. "no", "without", "not have", "did not win/earn/receive/score" before a column name mean its
 * cell is empty: blank, or a placeholder such as "—", "n/a" or "none" in a text column; 0 or blank in a
 * column of amounts ("no gold medals" is Gold = 0).
 *
 * The reading is narrow on purpose. Before the negation the question may only name what each row is
 * (one column, or a plain noun like "countries"), linking verbs and "has/had"; after the named column
 * only words like "listed" or "medals" may follow. Anything else ("did not finish", "not a free agent",
 * "no more than 30") is left to the other readers, which read it or abstain.
 */
import { ROW_POSITION } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isNumericType, isTemporalType } from './catalog';
import type { Reading } from './interpret';
import { stopWords } from './keywords';
import type { OneTableContext } from './one-table-context';
import { rowLabelColumn } from './row-label';
import { SpecBuilder } from './spec-builder';
import { asksForOne, headOf, summaryRows } from './table-lookup-parts';
import { type Tag, tagText } from './tagger';
import { isWordnetWord } from './wordnet';

/** Cells that mean "nothing here" in published tables (the engine's ingestion reads the same as NULL in number columns). */
const emptyCells = new Set(['', 'n/a', 'na', 'null', 'none', 'nan', '-', '--', '–', '—', '?', '#n/a', 'nil']);

/** Verbs that say a row holds something: "did not have / win / earn / receive / score any X". */
const holdingVerbs = new Set([
  'have',
  'has',
  'had',
  'having',
  'get',
  'gets',
  'got',
  'receive',
  'receives',
  'received',
  'earn',
  'earns',
  'earned',
  'win',
  'wins',
  'won',
  'score',
  'scores',
  'scored',
  'include',
  'includes',
  'included',
  'contain',
  'contains',
  'contained',
  'list',
  'lists',
  'show',
  'shows',
]);

/** Words after the named column that only repeat that it is missing ("no nickname listed", "no gold medals at all"). */
const trailingWords = new Set([
  'listed',
  'shown',
  'given',
  'recorded',
  'mentioned',
  'indicated',
  'medal',
  'medals',
  'at',
  'all',
  'whatsoever',
]);

/** Filler before the column: "no listed nickname", "not have any notes", "without a location". */
const articles = new Set(['a', 'an', 'any', 'the', 'listed']);

export function readAbsenceQuestion(context: OneTableContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  const head = headOf(tagged);
  if (!head) return undefined;
  const words = (tag: Tag | undefined) => tagText(tokens, tag);
  const columnAt = (tag: Tag | undefined): CatalogColumn | undefined => {
    if (tag?.type !== 'schema' || tag.via !== undefined) return undefined;
    const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
    return choice && choice.score >= 0.85 && choice.rivals.length === 0 ? choice.column : undefined;
  };
  // "no" may also be read as a "No." column; before another column name it is the negation.
  const isNegation = (i: number): boolean => {
    const tag = tags[i];
    if (tag?.type === 'keyword' && tag.keyword === 'not') return true;
    return tag?.type === 'schema' && words(tag) === 'no' && columnAt(tags[skipFiller(i + 1)]) !== undefined;
  };
  const skipFiller = (from: number): number => {
    let j = from;
    while (j < tags.length && (tags[j]?.type === 'stop' || articles.has(words(tags[j])))) j++;
    return j;
  };

  const negations = tags.flatMap((_, i) => (i >= head.after && isNegation(i) ? [i] : []));
  if (negations.length !== 1) return undefined;
  const at = negations[0] as number;
  const negationWords = words(tags[at]);
  // "not" needs a verb of having after it ("did not win gold"); "no" and "without" name the column directly.
  let j = at + 1;
  if (!/^(no|without)$/.test(negationWords)) {
    // "did not get", "do not have": stop words before the verb, but not the verb itself.
    while (j < tags.length && tags[j]?.type === 'stop' && !holdingVerbs.has(words(tags[j]))) j++;
    const verb = tags[j];
    const isVerb =
      (verb?.type === 'keyword' && verb.keyword === 'with' && holdingVerbs.has(words(verb))) ||
      ((verb?.type === 'unknown' || verb?.type === 'stop' || verb?.type === 'keyword') &&
        holdingVerbs.has(words(verb)));
    if (!isVerb) return undefined;
    j++;
  }
  j = skipFiller(j);
  const absent = columnAt(tags[j]);
  if (!absent) return undefined;
  for (let k = j + 1; k < tags.length; k++) {
    const tag = tags[k] as Tag;
    if (tag.type === 'stop' || trailingWords.has(words(tag))) continue;
    return undefined;
  }

  // Before the negation: what each row is, and nothing that could be a condition.
  let subject: { column?: CatalogColumn; index: number; loose?: boolean } | undefined;
  let listedCount = false;
  for (let k = head.after; k < at; k++) {
    const tag = tags[k] as Tag;
    const text = words(tag);
    if (tag.type === 'stop' || holdingVerbs.has(text)) continue;
    if (tag.type === 'keyword' && (tag.keyword === 'with' || tag.keyword === 'all')) continue;
    if (tag.type === 'number' && !tag.ordinal && head.kind === 'select' && k === head.after) {
      // "which two clubs …" lists them all; "name one club …" wants any one.
      listedCount = text !== 'one';
      continue;
    }
    const plainNoun = tag.type === 'unknown' && isWordnetWord(text) && text.length > 2;
    // "which pillow pal …", "how many orbit pairs …": a noun of several words is still one subject.
    if (subject && !subject.column && plainNoun && k === subject.index + 1) {
      subject.index = k;
      continue;
    }
    if (subject) return undefined;
    // "one of the years" read as "Game of the Year": a name that starts with a filler word is a stretch.
    if (stopWords.has(tokens[tag.start]?.norm ?? '')) return undefined;
    const column = columnAt(tag);
    if (column) subject = { column, index: k };
    else if (tag.type === 'schema' && !tag.entries.some((entry) => entry.target.kind === 'table')) {
      // "countries" for a Nation column: a looser name of what each row is.
      const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
      if (!choice || choice.score < 0.5) return undefined;
      subject = { column: choice.column, index: k, loose: true };
    } else if ((tag.type === 'unknown' || tag.type === 'schema') && isWordnetWord(text) && text.length > 2)
      subject = { index: k };
    else return undefined;
  }
  if (subject?.column?.name === absent.name) return undefined;

  const emptiness = emptyFilter(absent, values.allValues(table.name, absent.name));
  if (!emptiness) return undefined;
  const builder = new SpecBuilder(table.name);
  const doubts: string[] = [];
  let confidence = 0.9;
  if (head.kind === 'count') {
    if (!subject) return undefined;
    builder.addMeasure('count', undefined);
  } else {
    const rowLabel = rowLabelColumn(resolver, values, table);
    // "which countries …" loosely names the Nation column only when that column names the rows.
    if (subject?.loose && subject.column?.name !== rowLabel?.column.name) return undefined;
    const label = subject?.column ? undefined : rowLabel;
    const answer = subject?.column ?? label?.column;
    if (!answer || answer.name === absent.name) return undefined;
    if (label || subject?.loose) {
      confidence *= 0.9;
      doubts.push(`assuming the answer is the ${answer.name}`);
    }
    builder.answerIds = [builder.addSelect(answer)];
    if (asksForOne(tagged, head) && !listedCount) {
      // "name a club without a nickname": any one answers; the first listed is given.
      const position: CatalogColumn = { table: table.name, name: ROW_POSITION, logicalType: 'integer' };
      builder.order.push({ by: builder.addSelect(position), direction: 'asc' });
      builder.limit = 1;
    }
  }
  builder.addFilter(emptiness);
  for (const summary of summaryRows(values, table)) builder.addFilter(summary);
  doubts.push(`"${negationWords} … ${words(tags[j])}" read as rows with an empty ${absent.name}`);
  const reading: Reading = { spec: builder.build(context.asOf), confidence, unmatched: [], doubts };
  if (builder.answerIds) reading.answerColumns = builder.answerIds;
  return reading;
}

/**
 * Rows whose cell is empty: 0 or blank in a column of amounts, blank in a date column, blank or the
 * one placeholder a text column uses. Undefined when the text column's cells are not all known or it
 * mixes several placeholders.
 */
function emptyFilter(column: CatalogColumn, cells: string[] | undefined) {
  const ref = { column: column.name };
  if (isNumericType(column.logicalType)) return { op: 'eq' as const, column: ref, value: 0, keepEmpty: true };
  if (isTemporalType(column.logicalType)) return { op: 'is_null' as const, column: ref };
  if (column.logicalType !== 'text' || !cells) return undefined;
  // "0 fatalities", "4 (last: 1958)": amounts written as text, where "no" may be a 0; "Non-album
  // single": the absence written out in words. Either way an empty cell is not clearly the answer.
  const amounts = cells.filter((cell) => /^[+±]?\d/.test(cell.trim())).length;
  if (amounts > 0.25 * cells.length) return undefined;
  if (cells.some((cell) => !isPlaceholder(cell) && /^(no|non|none|not|without)\b/i.test(cell.trim())))
    return undefined;
  const placeholders = cells.filter((cell) => isPlaceholder(cell));
  if (placeholders.length > 1) return undefined;
  const [placeholder] = placeholders;
  if (placeholder === undefined) return { op: 'is_null' as const, column: ref };
  return { op: 'eq' as const, column: ref, value: placeholder, keepEmpty: true };
}

function isPlaceholder(cell: string): boolean {
  const text = cell.trim().toLowerCase();
  return emptyCells.has(text) || /^[-–—?]+$/.test(text);
}
