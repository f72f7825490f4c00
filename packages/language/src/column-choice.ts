/**
 * "Who had more votes in Marin County, Feinstein or Seymour?", "are there more silver or bronze medals?":
 * a choice between two amount columns named in the question, each added up over the rows the other
 * named values pick (Marin County's row; every row when none is named). The answer is the header of
 * the column with the larger total ("same" on a tie), or the smaller one for "fewer"/"less"/"lower".
 * A choice between two values of one column belongs to choice-question.ts; anything this reading
 * cannot place (negation, an unknown name, a number that is not a year, a third amount) leaves it.
 */
import type { Filter, Measure } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import type { Reading } from './interpret';
import type { OneTableContext } from './one-table-context';
import { isDescribingWord, rowConditionOf } from './row-conditions';
import type { SchemaResolver } from './schema-resolver';
import { SpecBuilder } from './spec-builder';
import { type Condition, columnByName, groupConditions, summaryRows } from './table-lookup-parts';
import type { Tag } from './tagger';

const largerWords = new Set(['more', 'most', 'higher', 'highest', 'larger', 'largest', 'greater', 'bigger']);
const smallerWords = new Set(['fewer', 'less', 'least', 'lower', 'lowest', 'smaller', 'smallest']);
const refused = new Set([
  'not',
  'no',
  'never',
  'neither',
  'both',
  'than',
  'same',
  'how',
  'difference',
  'average',
]);
/** Words that may stand between "or" and the second column: "silver or the bronze". */
const joiners = new Set(['the', 'a', 'an']);

export function readColumnChoice(context: OneTableContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  const words = tokens.map((token) => token.norm);
  if (words.some((word) => refused.has(word))) return undefined;
  const larger = words.filter((word) => largerWords.has(word)).length;
  const smaller = words.filter((word) => smallerWords.has(word)).length;
  if (larger + smaller !== 1) return undefined;

  const pair = columnPair(tags, words, table, resolver);
  if (!pair) return undefined;
  let confidence = 0.85;
  const doubts: string[] = [];
  const conditions: Condition[] = [];
  const namedText = new Set<string>();
  const comparedAt = words.findIndex((word) => largerWords.has(word) || smallerWords.has(word));
  for (const [index, tag] of tags.entries()) {
    if (pair.tags.includes(index) || tag.type === 'stop') continue;
    const text = words.slice(tag.start, tag.end).join(' ');
    if (tag.type === 'schema') {
      // Another amount column ("votes" over a sheet of candidates' votes is only the word for them).
      const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
      if (choice && choice.score >= 0.7 && isNumericType(choice.column.logicalType)) return undefined;
      if (choice && choice.score >= 0.7 && tag.start < comparedAt) namedText.add(choice.column.name);
      continue;
    }
    // "in Butler county", "in 2005": the rows the amounts are added up over.
    const condition = rowConditionOf(tag, index, text, table);
    if (condition === 'refuse') return undefined;
    if (condition) {
      conditions.push(condition);
      continue;
    }
    if (tag.type === 'keyword') {
      if (['and', 'with', 'sum', 'most', 'least'].includes(tag.keyword)) continue;
      return undefined;
    }
    if (largerWords.has(text) || smallerWords.has(text)) continue;
    if (tag.type !== 'unknown') return undefined;
    if (!isDescribingWord(text)) return undefined;
    confidence *= 0.97;
    doubts.push(`"${text}" was not used`);
  }

  // "which nation won more gold or silver?" asks for a row, not for one of the two columns; "in Butler
  // county" only names the column of a condition, and "the most symbols" what is counted.
  if ([...namedText].some((name) => !conditions.some((condition) => condition.column.name === name)))
    return undefined;
  const builder = new SpecBuilder(table.name);
  const where: Filter[] = groupConditions(conditions);
  const total = (id: string, column: CatalogColumn): Measure => ({
    id,
    aggregation: 'sum',
    column: builder.ref(column),
    ...(where.length > 0 ? { where } : {}),
  });
  builder.measures.push(total('first_value', pair.first), total('second_value', pair.second));
  const [above, below] = [headerOf(pair.first), headerOf(pair.second)];
  builder.derived.push({
    id: 'choice',
    kind: 'difference',
    measure: 'first_value',
    minus: 'second_value',
    verdict: smaller > 0 ? { above: below, below: above, same: 'same' } : { above, below, same: 'same' },
  });
  builder.answerIds = ['choice'];
  for (const summary of summaryRows(values, table)) builder.addFilter(summary);
  return { spec: builder.build(context.asOf), confidence, unmatched: [], doubts, answerColumns: ['choice'] };
}

/** The column's header without a trailing unit or note: "Obama%" → "Obama", "Gold (kg)" → "Gold". */
function headerOf(column: CatalogColumn): string {
  const header = column.label ?? column.name;
  const bare = header.replace(/\s*(?:[%#]|\([^)]*\))\s*$/u, '').trim();
  return bare === '' ? header : bare;
}

/** "Feinstein or Seymour" as two amount columns, each named by one schema tag either side of "or". */
function columnPair(
  tags: Tag[],
  words: string[],
  table: CatalogTable,
  resolver: SchemaResolver,
): { first: CatalogColumn; second: CatalogColumn; tags: number[] } | undefined {
  const ors = tags.flatMap((tag, index) => (tag.type === 'keyword' && tag.keyword === 'or' ? [index] : []));
  if (ors.length !== 1) return undefined;
  const at = ors[0] as number;
  let rightAt = at + 1;
  const after = tags[rightAt];
  if (after && after.end - after.start === 1 && joiners.has(words[after.start] ?? '')) rightAt++;
  const amount = (tag: Tag | undefined): CatalogColumn | undefined => {
    if (tag?.type !== 'schema') return undefined;
    const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
    if (!choice || choice.score < 0.9 || !isNumericType(choice.column.logicalType)) return undefined;
    return columnByName(table, choice.column.name);
  };
  const first = amount(tags[at - 1]);
  const second = amount(tags[rightAt]);
  if (!first || !second || first.name === second.name) return undefined;
  return { first, second, tags: [at - 1, at, rightAt] };
}
