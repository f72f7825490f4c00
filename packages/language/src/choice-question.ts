/**
 * "Who had more votes, Feinstein or Seymour?", "which came first, X or Y?": a choice between two named
 * values of one column (or two years, choice-options.ts), decided by an amount column (added up over
 * each value's rows), the place column for "ranked higher"/"placed better", the column an adjective
 * measures ("older" → date of birth), the rows of each value ("more often"), or which is listed first
 * in the file. The answer is one of the two values, so the reading stays small and exact; anything it
 * cannot place (no amount named, three values, negation, text cells that do not sort as amounts, a
 * count over one row per value, which would tie) leaves the question to others.
 */
import { ROW_POSITION } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import { choiceOptions } from './choice-options';
import { splitIdentifier } from './inflect';
import type { Reading } from './interpret';
import { columnAmounts } from './numeric-cells';
import type { OneTableContext } from './one-table-context';
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
/** "Better" and "worse" compare places only: a better place is a higher one. */
const judgedWords = new Set(['better', 'worse']);
/** Words saying that a place in a ranking is compared ("ranked higher", "placed better"). */
const placeWords = new Set([
  'rank',
  'ranked',
  'ranking',
  'placed',
  'placing',
  'placement',
  'finished',
  'position',
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
    hints: [
      'age',
      '-born',
      '-birth',
      '-founded',
      '-established',
      '-built',
      '-opened',
      '-released',
      '-release',
      '-date',
    ],
    direction: 'desc',
  },
  younger: {
    hints: ['age', '-born', '-birth', '-founded', '-established', '-built', '-released', '-release', '-date'],
    direction: 'asc',
  },
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
  // "who is older": dates written as text ("2 January 1985 (age 29)") do not sort by time.
  if (attribute.hints.includes('-date') && hinted.column.logicalType === 'text') return undefined;
  return { kind: 'column', column: hinted.column, flip: hinted.flip };
}

/** Columns that hold a place in a ranking, where "higher" and "better" mean a smaller number. */
const rankLike = /^(rank|ranking|pos|position|place|placing|seed|finish|finishing_position)$/;

/**
 * "are there more players from A or B?": the word after "more" is a plural noun, not a column: count
 * rows. A noun that only partly names columns ("venues" for 1st_venue, 2nd_venue …) or names a text
 * column of amounts ("seats" written as text) is not counted in rows: no reading.
 */
function countedNoun(
  tags: Tag[],
  tokens: TaggedQuestion['tokens'],
  table: CatalogTable,
  resolver: SchemaResolver,
  values: ValueIndex,
): { kind: 'rows' } | { kind: 'sum'; column: CatalogColumn } | undefined {
  for (const [index, tag] of tags.entries()) {
    const text = tokens[tag.start]?.norm ?? '';
    if (!largerWords.has(text) && !smallerWords.has(text)) continue;
    const next = tags[index + 1];
    // A named text column ("more players") cannot be added up either: it counts rows too.
    const noun = next?.type === 'unknown' || next?.type === 'schema' ? (tokens[next.start]?.norm ?? '') : '';
    if (!next || next.end - next.start !== 1 || !/[^s]s$/.test(noun)) continue;
    if (next.type === 'schema') {
      const choice = resolver.chooseColumn(next.entries, table.name, new Set([table.name]));
      // "more players" over a players table names the rows; "venues" only partly naming 1st_venue does not.
      if (choice && choice.score < 0.7) return undefined;
      const cells = choice && values.allValues(table.name, choice.column.name);
      if (cells && columnAmounts(cells)) return undefined;
    }
    // "more electorates" beside a "Number of electorates (2009)" column: that column, added up.
    const singular = noun.slice(0, -1);
    const holding = table.columns.filter(
      (column) =>
        isNumericType(column.logicalType) &&
        splitIdentifier(column.name).some((word) => word === noun || word === singular),
    );
    if (holding.length > 1) return undefined;
    if (holding[0]) return { kind: 'sum', column: holding[0] };
    return { kind: 'rows' };
  }
  return undefined;
}

/**
 * Whether a column's cells sort as the amounts they state: numbers and dates do; text cells only when
 * every cell with a digit has the same shape ("3:45" and "4:02", not "6-9" and "6-10").
 */
function sortsAsWritten(cells: string[] | undefined, column: CatalogColumn): boolean {
  if (column.logicalType !== 'text') return true;
  if (!cells) return false;
  const shapes = new Set(
    cells.filter((cell) => /\d/.test(cell)).map((cell) => cell.trim().replace(/\d/g, '9')),
  );
  return shapes.size === 1 && [...shapes].every((shape) => /^[9.,:]+$/.test(shape));
}

/** Whether every row holds its own value of a column (as many distinct cells as rows, give or take a total row). */
function onePerRow(cells: string[] | undefined, table: CatalogTable): boolean {
  return cells !== undefined && table.rowCount !== undefined && cells.length >= table.rowCount - 1;
}

/** "appears more often", "listed more times": the count of each value's rows decides. */
const rowCountWords = new Set(['often', 'frequently', 'times']);

export function readChoiceQuestion(context: OneTableContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  const words = tokens.map((token) => token.norm);
  if (!words.includes('or') || words.some((word) => refused.has(word))) return undefined;

  const options = choiceOptions(tags, words, table, resolver, values);
  if (!options) return undefined;
  // Any other named value would be a condition this reading does not apply.
  const valueTags = tags.filter((tag) => tag.type === 'value');
  if (valueTags.length !== options.tags.filter((index) => tags[index]?.type === 'value').length)
    return undefined;
  const { column, first: firstValue, second: secondValue } = options;

  let direction: 'asc' | 'desc' | undefined;
  let comparedAt = -1;
  let byPosition = false;
  let attribute: { hints: string[]; direction: 'asc' | 'desc' } | undefined;
  for (const [at, word] of words.entries()) {
    const end = rowEndOf(word);
    const hinted = ownValue(attributeWords, word);
    const wanted =
      largerWords.has(word) || word === 'better'
        ? 'desc'
        : smallerWords.has(word) || word === 'worse'
          ? 'asc'
          : (end ?? hinted?.direction);
    if (wanted === undefined) continue;
    if (direction !== undefined && direction !== wanted) return undefined;
    // "younger at the beginning of his first term": an amount and a place in the list at once.
    if (direction !== undefined && byPosition !== (end !== undefined)) return undefined;
    direction = wanted;
    if (comparedAt < 0) comparedAt = at;
    byPosition = end !== undefined;
    if (hinted) attribute = hinted;
  }
  if (!direction) return undefined;

  const amounts: CatalogColumn[] = [];
  let textNamed = false;
  for (const tag of tags) {
    if (tag.type !== 'schema') continue;
    const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
    if (!choice || choice.score < 0.7 || choice.column.name === column.name) continue;
    if (isNumericType(choice.column.logicalType)) amounts.push(choice.column);
    // "a lower population density" where density is text: the amount compared cannot be added up.
    else if (tag.start > comparedAt) textNamed = true;
  }
  // "a lower population density" where density is text: the amount compared is not population.
  if (textNamed && amounts.length > 0) return undefined;
  // "was A or B ranked higher?", "who placed better?": the table's place column, when it has one.
  const placeColumn = table.columns.find(
    (candidate) => rankLike.test(candidate.name) && isNumericType(candidate.logicalType),
  );
  if (amounts.length === 0 && !attribute && words.some((word) => placeWords.has(word)) && placeColumn)
    amounts.push(placeColumn);
  // "better"/"worse" say which way only for a place: for other amounts they are a judgement.
  if (
    words.some((word) => judgedWords.has(word)) &&
    !(amounts.length === 1 && rankLike.test(amounts[0]?.name ?? ''))
  )
    return undefined;
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
    const measured =
      unnamedAmount(words, attribute, table, resolver) ?? countedNoun(tags, tokens, table, resolver, values);
    if (!measured) return undefined;
    // Names in several columns ("appears more often" as pole sitter or as winner): rows of which column?
    if (measured.kind === 'rows' && options.guessed) return undefined;
    // "who had more points, A or B?" over one row per player: counting rows would tie; the amount is
    // a column the question does not name.
    if (measured.kind === 'rows' && onePerRow(values.allValues(table.name, column.name), table))
      return undefined;
    if (
      measured.kind === 'column' &&
      !sortsAsWritten(values.allValues(table.name, measured.column.name), measured.column)
    )
      return undefined;
    if (measured.kind === 'sum') {
      builder.order.push({ by: builder.addMeasure('sum', measured.column), direction });
    } else if (measured.kind === 'rows') {
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
