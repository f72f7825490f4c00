/**
 * "Was A picked before or after B?", "is A listed above or below B?": where one named row stands
 * against another, answered with the question's own word; "did A serve before B?" is answered yes or
 * no. "Before/after" and "earlier/later" follow the
 * table's time column when it has one, else the order rows are listed in; "above/below" is always the
 * listed order. Anything besides the two names and words that only describe them leaves the question.
 */
import { type Filter, type Measure, ROW_POSITION } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import type { Reading } from './interpret';
import type { OneTableContext } from './one-table-context';
import { timeOrderColumn } from './row-order';
import type { SchemaResolver } from './schema-resolver';
import { SpecBuilder } from './spec-builder';
import { summaryRows, yearColumn } from './table-lookup-parts';
import type { Tag } from './tagger';
import type { ValueMatch } from './value-index';
import { isWordnetVerb, isWordnetWord } from './wordnet';

type ValueTag = Extract<Tag, { type: 'value' }>;

/** Pairs of words for "comes first" and "comes later"; the second of each pair means a later row. */
const orderPairs: Array<{ early: string; late: string; listed: boolean }> = [
  { early: 'before', late: 'after', listed: false },
  { early: 'earlier', late: 'later', listed: false },
  { early: 'above', late: 'below', listed: true },
];
const refused = new Set(['not', 'no', 'never', 'than', 'how', 'difference', 'more', 'less', 'many', 'much']);

export function readOrderChoice(context: OneTableContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  const words = tokens.map((token) => token.norm);
  if (words.some((word) => refused.has(word))) return undefined;
  const valueTags = tags.filter((tag): tag is ValueTag => tag.type === 'value');
  if (valueTags.length !== 2) return undefined;
  const found =
    orderWords(words) ?? yesNoOrder(words, (valueTags[0] as ValueTag).end, (valueTags[1] as ValueTag).start);
  if (!found) return undefined;
  const pair = sharedColumn(valueTags[0] as ValueTag, valueTags[1] as ValueTag, table, resolver);
  if (!pair) return undefined;
  let confidence = 0.85;
  const doubts: string[] = [];
  const position: CatalogColumn = { table: table.name, name: ROW_POSITION, logicalType: 'integer' };
  const order = found.listed ? position : (timeOrderColumn(table.columns) ?? yearColumn(table) ?? position);
  for (const tag of tags) {
    if (tag.type === 'stop' || tag.type === 'value') continue;
    if (tag.type === 'schema') {
      // "is A before B in points?" ranks by another column: not a question of order.
      const choice = resolver.chooseColumn(tag.entries, table.name, new Set([table.name]));
      const named = choice && choice.score >= 0.7 ? choice.column.name : undefined;
      if (named && named !== order.name && isNumericType(choice?.column.logicalType ?? 'text'))
        return undefined;
      continue;
    }
    if (found.skipped.includes(tag.start)) continue;
    const text = words.slice(tag.start, tag.end).join(' ');
    if (tag.type !== 'unknown') return undefined;
    // "was A picked before or after B": verbs and plain words only describe the two rows.
    if (!(isWordnetWord(text) || isWordnetVerb(text))) return undefined;
    confidence *= 0.97;
    doubts.push(`"${text}" was not used`);
  }

  const builder = new SpecBuilder(table.name);
  const firstOf = (id: string, match: ValueMatch): Measure => {
    const where: Filter[] = [{ op: 'eq', column: { column: match.column }, value: match.value }];
    return { id, aggregation: 'min', column: builder.ref(order), where };
  };
  builder.measures.push(firstOf('first_value', pair.first), firstOf('second_value', pair.second));
  builder.derived.push({
    id: 'order',
    kind: 'difference',
    measure: 'first_value',
    minus: 'second_value',
    verdict: found.verdict,
  });
  builder.answerIds = ['order'];
  for (const summary of summaryRows(values, table)) builder.addFilter(summary);
  return { spec: builder.build(context.asOf), confidence, unmatched: [], doubts, answerColumns: ['order'] };
}

interface OrderWords {
  listed: boolean;
  /** The answer by the sign of (first name's place − second name's place). */
  verdict: { above: string; below: string; same: string };
  /** Word indexes the reading has used. */
  skipped: number[];
}

/** "before or after" (either way round): answered with the two words as asked. */
function orderWords(words: string[]): OrderWords | undefined {
  for (let at = 1; at < words.length - 1; at++) {
    if (words[at] !== 'or') continue;
    const left = words[at - 1] ?? '';
    const right = words[at + 1] ?? '';
    const pair = orderPairs.find(
      (candidate) =>
        (candidate.early === left && candidate.late === right) ||
        (candidate.early === right && candidate.late === left),
    );
    if (pair)
      return {
        listed: pair.listed,
        verdict: { above: pair.late, below: pair.early, same: 'same' },
        skipped: [at - 1, at, at + 1],
      };
  }
  return undefined;
}

const auxiliaries = new Set(['did', 'does', 'do', 'was', 'were', 'is', 'are', 'has', 'have', 'had']);

/** "did A serve before B?": one order word between the two names of a question opening with "did"/"was". */
function yesNoOrder(words: string[], from: number, to: number): OrderWords | undefined {
  if (!auxiliaries.has(words[0] ?? '')) return undefined;
  const between = words.slice(from, to);
  const found = orderPairs.flatMap((pair) =>
    [pair.early, pair.late].filter((word) => between.includes(word)).map((word) => ({ pair, word })),
  );
  if (found.length !== 1 || !found[0]) return undefined;
  const { pair, word } = found[0];
  const late = word === pair.late;
  return {
    listed: pair.listed,
    verdict: { above: late ? 'yes' : 'no', below: late ? 'no' : 'yes', same: 'no' },
    skipped: [from + between.indexOf(word)],
  };
}

/** The one column both names are values of; the column that names each row when there are several. */
function sharedColumn(
  first: ValueTag,
  second: ValueTag,
  table: CatalogTable,
  resolver: SchemaResolver,
): { first: ValueMatch; second: ValueMatch } | undefined {
  const own = (tag: ValueTag) => tag.matches.filter((match) => match.table === table.name);
  const common = own(first).filter((match) => own(second).some((other) => other.column === match.column));
  const label = resolver.labelColumn(table.name)?.name;
  const left = common.length === 1 ? common[0] : common.find((match) => match.column === label);
  const right = left && own(second).find((other) => other.column === left.column);
  return left && right ? { first: left, second: right } : undefined;
}
