/**
 * "How many churches are on the list?", "how many ties are listed?": a count of every row assumes each
 * row is one of the counted things. When that noun (made singular) is a word inside the cells of the
 * table ("St Mary's Church", "Tie"), it more likely picks out the rows that say so: with one column
 * holding it, the count keeps only those rows; with several, which one is meant is unknown and the
 * reading is refused rather than counting every row.
 */
import type { Filter, QuerySpec } from '@askdata/core';
import type { CatalogTable } from './catalog';
import { singularize } from './inflect';
import type { TaggedQuestion } from './tagger';
import type { ValueIndex } from './value-index';

/** Columns of remarks about a row ("Notes", "Comments"): they mention things in passing. */
export const remarksColumn =
  /(^|_)(notes?|comments?|remarks?|details?|description|references?|refs?|sources?)($|_)/;

export type CountedNounOutcome =
  | { kind: 'unchanged' }
  | { kind: 'filtered'; spec: QuerySpec; doubt: string }
  | { kind: 'refused'; reason: string };

export function countedNounValues(
  spec: QuerySpec,
  table: CatalogTable,
  tagged: TaggedQuestion,
  values: ValueIndex,
): CountedNounOutcome {
  const [measure] = spec.measures;
  if (spec.measures.length !== 1 || measure?.aggregation !== 'count' || measure.column)
    return { kind: 'unchanged' };
  // Only a count of every row: filters that leave out a summary row ("Total") are the most it may have.
  const summaryOnly = (filter: Filter) =>
    filter.op === 'neq' &&
    values.summaries.some((match) => match.column === filter.column.column && match.value === filter.value);
  if (spec.dimensions.length > 0 || !spec.filters.every(summaryOnly)) return { kind: 'unchanged' };
  const { tags } = tagged;
  const head = tags.findIndex((tag) => tag.type === 'keyword' && tag.keyword === 'count');
  const keyword = tags[head];
  if (!keyword || !/^how many$/.test(phrase(tagged, keyword.start, keyword.end)))
    return { kind: 'unchanged' };
  let at = head + 1;
  // "how many total athletes": "total" only stresses the count.
  while (
    tags[at]?.type === 'keyword' &&
    /^(total|in all)$/.test(phrase(tagged, tags[at]?.start ?? 0, tags[at]?.end ?? 0))
  )
    at++;
  const noun = tags[at];
  if (noun?.type !== 'unknown' || !/[a-z]s$/i.test(noun.word)) return { kind: 'unchanged' };
  const singular = singularize(noun.word.toLowerCase());
  if (singular.length < 3 || singular === noun.word.toLowerCase()) return { kind: 'unchanged' };
  // Remarks ("the building burned down in 1900") mention things in passing; they do not say what a row is.
  const holders = values
    .columnsContaining(singular)
    .filter((holder) => holder.table === table.name && !remarksColumn.test(holder.column));
  if (holders.length === 0) return { kind: 'unchanged' };
  if (holders.length > 1)
    return {
      kind: 'refused',
      reason: `"${noun.word}" may be rows whose cells say "${singular}", in several columns`,
    };
  const column = (holders[0] as { column: string }).column;
  const filter: Filter = { op: 'contains', column: { column }, value: singular };
  return {
    kind: 'filtered',
    spec: { ...spec, filters: [...spec.filters, filter] },
    doubt: `"${noun.word}" read as rows whose ${column} mentions "${singular}"`,
  };
}

function phrase(tagged: TaggedQuestion, start: number, end: number): string {
  return tagged.tokens
    .slice(start, end)
    .map((token) => token.norm)
    .join(' ');
}
