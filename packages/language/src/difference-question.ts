/**
 * "How many more goals did Ajax score than PSV?", "what is the difference in points between A and B?":
 * arithmetic between two named values of one table. Each value gets its own measure (the named amount
 * column added up over that value's rows) and the answer is their difference. Anything the reading cannot place (a third value, negation, an unknown name, two
 * amount columns) leaves the question to the other readings.
 */
import type { Filter, Measure } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import type { Reading } from './interpret';
import { numberedPair } from './numbered-pair';
import type { OneTableContext } from './one-table-context';
import { SpecBuilder } from './spec-builder';
import { summaryRows, yearColumn } from './table-lookup-parts';
import type { Tag } from './tagger';
import type { ValueMatch } from './value-index';
import { isWordnetVerb, isWordnetWord } from './wordnet';

type ValueTag = Extract<Tag, { type: 'value' }>;

const moreWords = new Set([
  'more',
  'higher',
  'larger',
  'greater',
  'bigger',
  'longer',
  'older',
  'taller',
  'farther',
  'further',
  'heavier',
  'wider',
  'deeper',
]);
const fewerWords = new Set([
  'fewer',
  'less',
  'lower',
  'smaller',
  'shorter',
  'younger',
  'lighter',
  'narrower',
]);
/** Comparatives that say which amount is compared ("how much taller" → height). */
const measuredBy: Record<string, string[]> = {
  taller: ['height'],
  shorter: ['height', 'length'],
  longer: ['length', 'distance'],
  heavier: ['weight'],
  lighter: ['weight'],
  wider: ['width'],
  narrower: ['width'],
  deeper: ['depth'],
  older: ['age'],
  younger: ['age'],
};
const linkWords = new Set(['difference', 'between', 'from']);
/** Words that change what is computed: negation, other kinds of arithmetic, a choice. */
const refused = new Set([
  'not',
  'no',
  'never',
  'other',
  'without',
  'except',
  'average',
  'percent',
  'percentage',
  'or',
  'times',
  'combined',
  'total',
  'most',
  'least',
]);

export function readDifferenceQuestion(context: OneTableContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  // "how many more medals does A have compared to B": "compared to/with" reads as "than".
  const words = comparedAsThan(tokens.map((token) => token.norm));
  const verdict = verdictOf(words);
  // The "or" of "more or less" asks for a word, not a choice between values.
  const checked = verdict?.pair === undefined ? words : words.filter((_, index) => index !== verdict.pair);
  if (checked.some((word) => refused.has(word))) return undefined;
  const shape = verdict?.shape ?? questionShape(words);
  if (!shape) return undefined;

  const valueTags = tags.filter((tag): tag is ValueTag => tag.type === 'value');
  // "between week 5 and 9", "in 1975 than in 1963": rows named by numbers.
  const numbered = valueTags.length === 0 ? numberedPair(tags, table, resolver) : undefined;
  if (valueTags.length !== 2 && !numbered) return undefined;
  const [first, second] = numbered ? [numbered.first, numbered.second] : (valueTags as [ValueTag, ValueTag]);
  // "more … than B": the value after "than" is the one subtracted.
  if (shape.kind === 'more' && !words.slice(first.end, second.start).includes('than')) return undefined;
  // Both names in several columns: a column the question names, else the one that names each row.
  const named = tags.flatMap((tag) => {
    if (tag.type !== 'schema') return [];
    const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
    return choice && choice.score >= 0.7 ? [choice.column.name] : [];
  });
  const label = resolver.labelColumn(table.name)?.name;
  const preferred = [...named, label ?? ''];
  const pair = numbered
    ? { first: numbered.first, second: numbered.second, guessed: false }
    : columnsOf(valueTags[0] as ValueTag, valueTags[1] as ValueTag, table, preferred);
  if (!pair) return undefined;

  let confidence = pair.guessed ? 0.8 : 0.85;
  const doubts: string[] = pair.guessed ? [`assuming the names are ${pair.first.column} values`] : [];
  const amounts: CatalogColumn[] = [];
  const shared: Filter[] = [];
  const year = yearColumn(table);
  let comparativeHints: string[] = [];
  for (const [index, tag] of tags.entries()) {
    if (tag.type === 'stop' || tag.type === 'value' || numbered?.used.has(index)) continue;
    const text = words.slice(tag.start, tag.end).join(' ');
    if (tag.type === 'schema') {
      const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
      if (!choice || choice.score < 0.7) {
        if (tag.entries.some((entry) => entry.target.kind === 'table')) continue;
        return undefined;
      }
      const column = choice.column;
      if (column.name === pair.first.column || column.name === pair.second.column) continue;
      // A named column that holds no numbers (scores stored as "15 yards") cannot be subtracted.
      if (!isNumericType(column.logicalType) || column.isKey) return undefined;
      if (!amounts.some((amount) => amount.name === column.name)) amounts.push(column);
      continue;
    }
    if (tag.type === 'number' || tag.type === 'date') {
      // "in 2013": a year both values are measured in.
      if (!year || !/^\d{4}$/.test(text)) return undefined;
      shared.push({ op: 'eq', column: { column: year.name }, value: Number(text) });
      continue;
    }
    if (tag.type === 'keyword') {
      if (tag.keyword === 'count' || tag.keyword === 'and' || tag.keyword === 'sum' || tag.keyword === 'with')
        continue;
      if (tag.keyword === 'or' && verdict?.pair === tag.start) continue;
      if (tag.keyword === 'versus' && words[tag.start] === 'than') continue;
      return undefined;
    }
    if (tag.type === 'superlative') {
      if (!moreWords.has(text) && !fewerWords.has(text)) return undefined;
      comparativeHints = tag.hints;
      continue;
    }
    if (tag.type === 'unknown') {
      const lower = tag.word.toLowerCase();
      if (Object.hasOwn(measuredBy, lower)) comparativeHints = measuredBy[lower] ?? [];
      if (linkWords.has(lower) || moreWords.has(lower) || fewerWords.has(lower)) continue;
      if (lower === 'same' && verdict?.labels.same === 'yes') continue;
      if (!(isWordnetWord(lower) || isWordnetVerb(lower))) return undefined;
      confidence *= 0.97;
      doubts.push(`"${lower}" was not used`);
      continue;
    }
    // Comparisons with numbers, partial names and quoted text need more than a difference gives.
    return undefined;
  }
  if (amounts.length > 1) return undefined;
  // "how much taller is A than B": the comparative names the amount when no column is named.
  const hinted = comparativeHints.length > 0 ? resolver.hintColumn(table.name, comparativeHints) : undefined;
  const amount =
    amounts[0] ??
    (hinted && !hinted.flip && isNumericType(hinted.column.logicalType) ? hinted.column : undefined);
  // No amount column named ("how many more medals" where medals sit in a text column, or each row is
  // one medal): row counts would answer a different question as often as this one, so leave it.
  if (!amount) return undefined;

  const builder = new SpecBuilder(table.name);
  const measureOf = (id: string, match: { column: string; value: string | number }): Measure => {
    const where: Filter[] = [{ op: 'eq', column: { column: match.column }, value: match.value }];
    return { id, aggregation: 'sum', column: builder.ref(amount), where };
  };
  const [minuend, subtrahend] =
    shape.kind === 'more' && shape.fewer ? [pair.second, pair.first] : [pair.first, pair.second];
  builder.measures.push(measureOf('first_value', minuend), measureOf('second_value', subtrahend));
  builder.derived.push({
    id: 'difference',
    kind: 'difference',
    measure: 'first_value',
    minus: 'second_value',
    ...(shape.kind === 'between' ? { absolute: true } : {}),
    ...(verdict ? { verdict: verdict.labels } : {}),
  });
  builder.answerIds = ['difference'];
  for (const filter of shared) builder.addFilter(filter);
  for (const summary of summaryRows(values, table)) builder.addFilter(summary);
  return {
    spec: builder.build(context.asOf),
    confidence,
    unmatched: [],
    doubts,
    answerColumns: ['difference'],
  };
}

const auxiliaries = new Set(['did', 'does', 'do', 'was', 'were', 'is', 'are', 'has', 'have', 'had']);

/**
 * "did A win more or less medals than B?" → "more"/"less"; "did A win more medals than B?" → "yes"/"no".
 * `pair` is the word index of the "or" inside "more or less", which is not a choice between values.
 */
function verdictOf(words: string[]):
  | {
      shape: { kind: 'more'; fewer: boolean };
      labels: { above: string; below: string; same: string };
      pair?: number;
    }
  | undefined {
  if (!auxiliaries.has(words[0] ?? '') || !words.includes('than')) return undefined;
  // "is A's population the same as B's?": equal amounts are the only "yes".
  if (words.includes('same')) {
    if (words.includes('or')) return undefined;
    return { shape: { kind: 'more', fewer: false }, labels: { above: 'no', below: 'no', same: 'yes' } };
  }
  const or = words.indexOf('or');
  if (or > 0) {
    const before = words[or - 1] ?? '';
    const after = words[or + 1] ?? '';
    const above = moreWords.has(before) || before === 'above' ? before : undefined;
    const below = fewerWords.has(after) || after === 'below' ? after : undefined;
    if (above === undefined || below === undefined) return undefined;
    return { shape: { kind: 'more', fewer: false }, labels: { above, below, same: 'same' }, pair: or };
  }
  const more = words.some((word) => moreWords.has(word));
  const fewer = words.some((word) => fewerWords.has(word));
  if (more === fewer) return undefined;
  return { shape: { kind: 'more', fewer }, labels: { above: 'yes', below: 'no', same: 'no' } };
}

/**
 * "compared to B" / "compared with B" → "than than B", and the "as" of "the same … as B" → "than",
 * keeping every word at its index.
 */
function comparedAsThan(words: string[]): string[] {
  const same = words.indexOf('same');
  const as = same < 0 ? -1 : words.indexOf('as', same);
  return words.map((word, index) =>
    index === as
      ? 'than'
      : word === 'compared' && (words[index + 1] === 'to' || words[index + 1] === 'with')
        ? 'than'
        : (word === 'to' || word === 'with') && words[index - 1] === 'compared'
          ? 'than'
          : word,
  );
}

/** "how many/much more|fewer … than …" or "(what is the) difference … between|from A and B". */
function questionShape(words: string[]): { kind: 'more'; fewer: boolean } | { kind: 'between' } | undefined {
  const start = words[0] === 'how' && (words[1] === 'many' || words[1] === 'much') ? 2 : -1;
  if (start === 2 && words.includes('than')) {
    const word = words[start] ?? '';
    if (moreWords.has(word)) return { kind: 'more', fewer: false };
    if (fewerWords.has(word)) return { kind: 'more', fewer: true };
    return undefined;
  }
  if (words.includes('difference') && !words.includes('than')) return { kind: 'between' };
  return undefined;
}

/** The column each named value sits in: a column both hold, else each value's only column. */
function columnsOf(
  first: ValueTag,
  second: ValueTag,
  table: CatalogTable,
  preferred: string[],
): { first: ValueMatch; second: ValueMatch; guessed: boolean } | undefined {
  const own = (tag: ValueTag) => tag.matches.filter((match) => match.table === table.name);
  const a = own(first);
  const b = own(second);
  const common = a.filter((match) => b.some((other) => other.column === match.column));
  const left =
    common.length === 1
      ? common[0]
      : preferred
          .map((name) => common.find((match) => match.column === name))
          .find((match) => match !== undefined);
  if (left) {
    const right = b.find((other) => other.column === left.column);
    return right ? { first: left, second: right, guessed: common.length > 1 } : undefined;
  }
  if (common.length === 0 && a.length === 1 && b.length === 1)
    return { first: a[0] as ValueMatch, second: b[0] as ValueMatch, guessed: false };
  return undefined;
}
