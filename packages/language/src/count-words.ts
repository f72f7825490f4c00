/**
 * How "how many <column>" counts. Across tables, "how many customers placed orders" counts distinct
 * customers. On one sheet each row is an entry of the list ("how many tournaments are on the chart":
 * one row per tournament played, repeats included), so the cells are counted unless the question asks
 * for "different" or "unique" ones.
 */
export function countOfColumn(
  distinct: boolean,
  column: CatalogColumn,
  tables: number,
): 'count' | 'count_distinct' {
  if (distinct) return 'count_distinct';
  // "how many years is the chart for": periods are counted once however many rows each holds.
  if (/(^|_)(year|season)s?($|_)/.test(column.name)) return 'count_distinct';
  return column.isKey || tables === 1 ? 'count' : 'count_distinct';
}

/** Numbers that order or name the rows (a year, a pick, a game number), not amounts to add up. */
const rowNumbers =
  /^(c_)?(year|season|pick|overall_pick|game|game_no|game_num|no|num|number|position|pos|rank|ranking|round|week|episode|ep|election|stage|heat|lane|seed|place|order|match|race|race_no|edition|event)s?$/;

export function numbersRows(column: CatalogColumn): boolean {
  return /(^|_)(year|season)s?($|_)/.test(column.name) || rowNumbers.test(column.name);
}

/**
 * "how many games total are listed?", "how many medals did A and B win combined?": after a count or a
 * sum has been read, a later "total" or "combined" with nothing to add up only repeats that the answer
 * is a total. It is understood, and changes nothing.
 */
import type { Aggregation } from '@askdata/core';
import type { CatalogColumn } from './catalog';
import type { PhraseContext } from './phrase-context';
import type { SpecBuilder } from './spec-builder';

const stressWords = new Set(['total', 'combined', 'altogether', 'overall']);

export function stressesAnswer(context: PhraseContext, i: number, aggregation: Aggregation): boolean {
  const { tags, builder, phraseOf } = context;
  const tag = tags[i];
  if (aggregation !== 'sum' || !tag || !stressWords.has(phraseOf(tag).toLowerCase())) return false;
  const measure = builder.measures[builder.measures.length - 1];
  return measure !== undefined && (measure.aggregation === 'count' || measure.aggregation === 'sum');
}

/**
 * "what is the total of location?" over a whole sheet counts its entries; "the total length for stage 3"
 * names one row and asks for its cell, so any named value, number or date leaves the reading alone.
 */
export function totalOfEntries(context: PhraseContext): boolean {
  if (context.resolver.catalog.tables.length !== 1) return false;
  return !context.tags.some(
    (tag) =>
      tag.type === 'value' || tag.type === 'number' || tag.type === 'date' || tag.type === 'comparison',
  );
}

/**
 * Verbs that only say a row happened ("played", "held", "released"), not how it ended: in a count or
 * a total they add no condition. Verbs of outcome ("won", "lost") are not among them, since "how many
 * games did they win" keeps only the wins.
 */
const eventVerbs = new Set(
  (
    'play played plays playing compete competed competing participate participated held hold host hosted ' +
    'release released record recorded appear appeared attend attended feature featured air aired ' +
    'perform performed race raced stage staged organize organized organise organised broadcast'
  ).split(' '),
);

export function recordsEvent(word: string, builder: SpecBuilder): boolean {
  if (!eventVerbs.has(word.toLowerCase())) return false;
  return builder.measures.some((measure) => measure.aggregation === 'count' || measure.aggregation === 'sum');
}
