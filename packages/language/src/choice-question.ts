/**
 * "Who had more votes, Feinstein or Seymour?", "which came first, X or Y?": a choice between two named
 * values of one column, decided by an amount column (added up over each value's rows) or by which is
 * listed first in the file. The answer is one of the two values, so the reading stays small and exact;
 * anything it cannot place (no amount named, three values, negation) leaves the question to others.
 */
import { ROW_POSITION } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import type { Reading } from './interpret';
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
  for (const word of words) {
    const end = rowEndOf(word);
    const wanted = largerWords.has(word) ? 'desc' : smallerWords.has(word) ? 'asc' : end;
    if (wanted === undefined) continue;
    if (direction !== undefined && direction !== wanted) return undefined;
    direction = wanted;
    byPosition = end !== undefined;
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
  } else {
    if (amounts.length !== 1) return undefined;
    builder.order.push({ by: builder.addMeasure('sum', amounts[0]), direction });
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
