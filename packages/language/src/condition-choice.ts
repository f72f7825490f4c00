/**
 * "Did A or B produce X?", "which city was champion in 1957, Monterrey or El Campo?", "is 2008 or 2009
 * shown on network Y?": a choice between two values of one column, decided by the other values the
 * question names. The answer is whichever of the two stands in the rows those values pick. Comparisons
 * ("more", "older") belong to choice-question.ts; anything this reading cannot place (negation, a
 * number that is not a year, an unknown name, nothing to decide by) leaves the question to the others.
 */
import { ROW_POSITION } from '@askdata/core';
import type { CatalogColumn, CatalogTable } from './catalog';
import type { Reading } from './interpret';
import type { OneTableContext } from './one-table-context';
import { isDescribingWord, rowConditionOf } from './row-conditions';
import { type RowEnd, rowEndOf, timeOrderColumn } from './row-order';
import { SpecBuilder } from './spec-builder';
import { type Condition, columnByName, groupConditions, summaryRows, yearColumn } from './table-lookup-parts';
import type { Tag } from './tagger';

/** Words that turn the choice into a comparison, a negation or a question about order. */
const refused = new Set([
  'not',
  'no',
  'never',
  'neither',
  'both',
  'than',
  'same',
  'how',
  'more',
  'less',
  'most',
  'least',
  'fewer',
  'better',
  'worse',
  'before',
  'after',
  'next',
  'previous',
  'above',
  'below',
  'again',
  'total',
  'average',
]);

interface Options {
  column: CatalogColumn;
  values: Array<string | number>;
  /** Tag indexes of the two options and the "or" between them. */
  tags: number[];
}

export function readConditionChoice(context: OneTableContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags, tokens } = tagged;
  const words = tokens.map((token) => token.norm);
  if (words.some((word) => refused.has(word) || /^\w+est$/.test(word))) return undefined;
  const options = optionsOf(tags, words, table);
  if (!options) return undefined;

  let confidence = 0.85;
  const doubts: string[] = [];
  const conditions: Condition[] = [];
  let rowEnd: RowEnd | undefined;
  for (const [index, tag] of tags.entries()) {
    if (options.tags.includes(index) || tag.type === 'stop' || tag.type === 'schema') continue;
    const text = words.slice(tag.start, tag.end).join(' ');
    const end = rowEndOf(text);
    if (end) {
      // "was the last game a win or a loss?": the row at one end decides.
      if (rowEnd && rowEnd !== end) return undefined;
      rowEnd = end;
      continue;
    }
    // "in 1957", "at home": the rows the choice is made on.
    const condition = rowConditionOf(tag, index, text, table, options.column.name);
    if (condition === 'refuse') return undefined;
    if (condition) {
      conditions.push(condition);
      continue;
    }
    if (tag.type === 'keyword' && (tag.keyword === 'and' || tag.keyword === 'with')) continue;
    if (tag.type !== 'unknown') return undefined;
    if (!isDescribingWord(text)) return undefined;
    confidence *= 0.97;
    doubts.push(`"${text}" was not used`);
  }
  if (conditions.length === 0 && !rowEnd) return undefined;

  const builder = new SpecBuilder(table.name);
  const answer = builder.addDimension(options.column);
  builder.answerIds = [answer];
  builder.addFilter({ op: 'in', column: { column: options.column.name }, values: options.values });
  for (const filter of groupConditions(conditions)) builder.addFilter(filter);
  for (const summary of summaryRows(values, table)) builder.addFilter(summary);
  if (rowEnd) {
    const position: CatalogColumn = { table: table.name, name: ROW_POSITION, logicalType: 'integer' };
    const clock = timeOrderColumn(table.columns) ?? position;
    builder.order.push({
      by: builder.addMeasure(rowEnd === 'asc' ? 'min' : 'max', clock),
      direction: rowEnd,
    });
    builder.limit = 1;
  }
  return { spec: builder.build(context.asOf), confidence, unmatched: [], doubts, answerColumns: [answer] };
}

/** "A or B" (or "A or the B"): two values of one column, or two years of the year column. */
function optionsOf(tags: Tag[], words: string[], table: CatalogTable): Options | undefined {
  const ors = tags.flatMap((tag, index) => (tag.type === 'keyword' && tag.keyword === 'or' ? [index] : []));
  if (ors.length !== 1) return undefined;
  const at = ors[0] as number;
  const left = tags[at - 1];
  let rightAt = at + 1;
  if (tags[rightAt]?.type === 'stop') rightAt++;
  const right = tags[rightAt];
  const used = [at - 1, at, rightAt];
  if (left?.type === 'value' && right?.type === 'value') {
    const shared = left.matches.filter(
      (match) =>
        match.table === table.name &&
        right.matches.some((other) => other.table === table.name && other.column === match.column),
    );
    const match = shared.length === 1 ? shared[0] : undefined;
    const other = match && right.matches.find((candidate) => candidate.column === match.column);
    if (!match || !other) return undefined;
    return { column: columnByName(table, match.column), values: [match.value, other.value], tags: used };
  }
  // "in 2012 or 2007": two years (tagged as numbers or as dates) of the year column.
  const year = yearColumn(table);
  const yearOf = (tag: Tag | undefined) => {
    const text = tag ? words.slice(tag.start, tag.end).join(' ') : '';
    return (tag?.type === 'number' || tag?.type === 'date') && /^\d{4}$/.test(text)
      ? Number(text)
      : undefined;
  };
  const first = yearOf(left);
  const second = yearOf(right);
  if (year && first !== undefined && second !== undefined)
    return { column: year, values: [first, second], tags: used };
  return undefined;
}
