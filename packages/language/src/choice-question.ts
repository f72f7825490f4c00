/**
 * "Who had more votes, Feinstein or Seymour?", "which came first, X or Y?": a choice between two named
 * values of one column, decided by an amount column (added up over each value's rows) or by which is
 * listed first in the file. The answer is one of the two values, so the reading stays small and exact;
 * anything it cannot place (no amount named, three values, negation) leaves the question to others.
 */
import { ROW_POSITION } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import type { Reading } from './interpret';
import { ownValue } from './own-value';
import { rowEndOf } from './row-order';
import type { SchemaResolver } from './schema-resolver';
import { SpecBuilder } from './spec-builder';
import { summaryRows } from './table-lookup-parts';
import type { Tag, TaggedQuestion } from './tagger';
import type { ValueIndex } from './value-index';

const largerWords = new Set([
  'more',
  'most',
  'higher',
  'highest',
  'larger',
  'largest',
  'greater',
  'bigger',
  'longer',
]);
const smallerWords = new Set(['less', 'fewer', 'least', 'lower', 'lowest', 'smaller', 'smallest', 'shorter']);
const refused = new Set(['not', 'no', 'never', 'how', 'difference', 'than', 'both', 'neither', 'same']);

/** Adjectives that name the quantity compared when no column is named ("who is taller, A or B?"). */
const attributeWords: Record<string, { hints: string[]; direction: 'asc' | 'desc' }> = {
  longer: { hints: ['length', 'duration', 'time', 'distance', 'long'], direction: 'desc' },
  shorter: { hints: ['length', 'duration', 'time', 'distance', 'height'], direction: 'asc' },
  taller: { hints: ['height'], direction: 'desc' },
  heavier: { hints: ['weight'], direction: 'desc' },
  lighter: { hints: ['weight'], direction: 'asc' },
  older: {
    hints: ['age', '-born', '-birth', '-founded', '-established', '-built', '-opened'],
    direction: 'desc',
  },
  younger: { hints: ['age', '-born', '-birth', '-founded', '-established', '-built'], direction: 'asc' },
  faster: { hints: ['-time', 'speed'], direction: 'desc' },
  slower: { hints: ['-time', 'speed'], direction: 'asc' },
  earlier: { hints: ['date', 'year', 'time'], direction: 'asc' },
  later: { hints: ['date', 'year', 'time'], direction: 'desc' },
  bigger: { hints: ['size', 'area', 'capacity', 'population'], direction: 'desc' },
  larger: { hints: ['size', 'area', 'capacity', 'population'], direction: 'desc' },
  smaller: { hints: ['size', 'area', 'capacity', 'population'], direction: 'asc' },
  wider: { hints: ['width'], direction: 'desc' },
  deeper: { hints: ['depth'], direction: 'desc' },
};

/**
 * What a choice compares when the question names no amount column: rows ("more often", "more
 * albums" when albums are not a column) or the column an adjective measures ("taller" → height).
 */
function unnamedAmount(
  words: string[],
  attribute: { hints: string[] } | undefined,
  table: CatalogTable,
  resolver: SchemaResolver,
): { kind: 'rows' } | { kind: 'column'; column: CatalogColumn; flip: boolean } | undefined {
  if (words.some((word) => rowCountWords.has(word))) return { kind: 'rows' };
  if (!attribute) return undefined;
  const hinted = resolver.hintColumn(table.name, attribute.hints);
  if (!hinted) return undefined;
  return { kind: 'column', column: hinted.column, flip: hinted.flip };
}

/** Columns that hold a place in a ranking, where "higher" and "better" mean a smaller number. */
const rankLike = /^(rank|ranking|pos|position|place|placing|seed|finish|finishing_position)$/;

/** "are there more players from A or B?": the word after "more" is a plural noun, not a column: count rows. */
function countedNoun(tags: Tag[], tokens: TaggedQuestion['tokens']): { kind: 'rows' } | undefined {
  for (const [index, tag] of tags.entries()) {
    const text = tokens[tag.start]?.norm ?? '';
    if (!largerWords.has(text) && !smallerWords.has(text)) continue;
    const next = tags[index + 1];
    // A named text column ("more players") cannot be added up either: it counts rows too.
    const noun = next?.type === 'unknown' || next?.type === 'schema' ? (tokens[next.start]?.norm ?? '') : '';
    if (next && next.end - next.start === 1 && /[^s]s$/.test(noun)) return { kind: 'rows' };
  }
  return undefined;
}

/** "appears more often", "listed more times": the count of each value's rows decides. */
const rowCountWords = new Set(['often', 'frequently', 'times']);

export interface ChoiceContext {
  tagged: TaggedQuestion;
  resolver: SchemaResolver;
  values: ValueIndex;
  asOf: string;
}

export function readChoiceQuestion(context: ChoiceContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  const words = tokens.map((token) => token.norm);
  if (!words.includes('or') || words.some((word) => refused.has(word))) return undefined;

  const valueTags = tags.filter((tag): tag is Extract<Tag, { type: 'value' }> => tag.type === 'value');
  if (valueTags.length !== 2) return undefined;
  const [first, second] = valueTags as [Extract<Tag, { type: 'value' }>, Extract<Tag, { type: 'value' }>];
  if (words.slice(first.end, second.start).join(' ') !== 'or') return undefined;
  const shared = first.matches
    .filter((match) => match.table === table.name)
    .filter((match) =>
      second.matches.some((other) => other.column === match.column && other.table === table.name),
    );
  if (shared.length !== 1) return undefined;
  const column = table.columns.find((candidate) => candidate.name === shared[0]?.column);
  const firstValue = first.matches.find((match) => match.column === column?.name)?.value;
  const secondValue = second.matches.find((match) => match.column === column?.name)?.value;
  if (!column || firstValue === undefined || secondValue === undefined) return undefined;

  let direction: 'asc' | 'desc' | undefined;
  let byPosition = false;
  let attribute: { hints: string[]; direction: 'asc' | 'desc' } | undefined;
  for (const word of words) {
    const end = rowEndOf(word);
    const hinted = ownValue(attributeWords, word);
    const wanted = largerWords.has(word)
      ? 'desc'
      : smallerWords.has(word)
        ? 'asc'
        : (end ?? hinted?.direction);
    if (wanted === undefined) continue;
    if (direction !== undefined && direction !== wanted) return undefined;
    direction = wanted;
    byPosition = end !== undefined;
    if (hinted) attribute = hinted;
  }
  if (!direction) return undefined;

  const amounts: CatalogColumn[] = [];
  for (const tag of tags) {
    if (tag.type !== 'schema') continue;
    const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
    if (
      choice &&
      choice.score >= 0.7 &&
      choice.column.name !== column.name &&
      isNumericType(choice.column.logicalType)
    )
      amounts.push(choice.column);
  }
  const builder = new SpecBuilder(table.name);
  const answer = builder.addDimension(column);
  builder.answerIds = [answer];
  if (byPosition) {
    if (amounts.length > 0) return undefined;
    // "which came first": the value whose first row comes earlier in the file.
    const position: CatalogColumn = { table: table.name, name: ROW_POSITION, logicalType: 'integer' };
    builder.order.push({ by: builder.addMeasure(direction === 'asc' ? 'min' : 'max', position), direction });
  } else if (amounts.length === 1 && amounts[0] && rankLike.test(amounts[0].name)) {
    // "did A or B rank higher?": a higher place is a smaller number.
    const wanted = direction === 'asc' ? 'desc' : 'asc';
    builder.order.push({
      by: builder.addMeasure(wanted === 'asc' ? 'min' : 'max', amounts[0]),
      direction: wanted,
    });
  } else if (amounts.length === 1) {
    builder.order.push({ by: builder.addMeasure('sum', amounts[0]), direction });
  } else {
    if (amounts.length > 1) return undefined;
    const measured = unnamedAmount(words, attribute, table, resolver) ?? countedNoun(tags, tokens);
    if (!measured) return undefined;
    if (measured.kind === 'rows') {
      // "who appears more often, A or B?": the value on more rows.
      builder.order.push({ by: builder.addMeasure('count', undefined), direction });
    } else {
      // "who is taller, A or B?": the column the adjective measures (height), one row per value.
      const wanted = measured.flip ? (direction === 'asc' ? 'desc' : 'asc') : direction;
      const aggregation = wanted === 'asc' ? 'min' : 'max';
      builder.order.push({ by: builder.addMeasure(aggregation, measured.column), direction: wanted });
    }
  }
  builder.limit = 1;
  builder.addFilter({ op: 'in', column: { column: column.name }, values: [firstValue, secondValue] });
  for (const summary of summaryRows(values, table)) builder.addFilter(summary);
  return {
    spec: builder.build(context.asOf),
    confidence: 0.85,
    unmatched: [],
    doubts: [],
    answerColumns: [answer],
  };
}
