/**
 * "how many …", "average, minimum and maximum age", "number of distinct store locations": an
 * aggregation word binds to the column or table after it (a list of them to the column after the last).
 */
import type { Aggregation } from '@askdata/core';
import { isNumericType } from './catalog';
import { countOfColumn, numbersRows, stressesAnswer, totalOfEntries } from './count-words';
import type { KeywordKind } from './keywords';
import { metricOfTag } from './metric-phrase';
import { aggregationOf, type KeywordTag, type PhraseContext } from './phrase-context';
import { isWordnetWord } from './wordnet';

export function readAggregation(
  context: PhraseContext,
  i: number,
  tag: KeywordTag,
  aggregation: Aggregation,
): void {
  const {
    tags,
    used,
    consumedColumns,
    explicitMeasures,
    builder,
    resolver,
    baseTable,
    columnAt,
    tableOf,
    nextIndex,
    keywordAt,
    phraseOf,
    penalise,
  } = context;
  // A list of aggregations applies to the column after the last one: "average, minimum and maximum age".
  const list: Aggregation[] = [aggregation];
  const skip = new Set<KeywordKind>(['and', 'distinct', 'all']);
  let j = nextIndex(i, skip);
  used.add(i);
  while (aggregationOf[keywordAt(j) ?? 'list']) {
    list.push(aggregationOf[keywordAt(j) as KeywordKind] as Aggregation);
    used.add(j);
    j = nextIndex(j, skip);
  }
  const distinct = tags.slice(i, j).some((t) => t.type === 'keyword' && t.keyword === 'distinct');
  for (let k = i; k < j; k++)
    if (keywordAt(k) === 'distinct' || keywordAt(k) === 'and' || keywordAt(k) === 'all') used.add(k);
  let table = tableOf(tags[j]);
  if (table !== undefined) {
    // "number of distinct store locations": the table word only qualifies the column after it.
    const following = tags[j + 1]?.type === 'schema' ? columnAt(j + 1) : undefined;
    if (following && following.table === table && !following.isKey) {
      used.add(j);
      j += 1;
      table = undefined;
    }
  }
  const metric = table === undefined ? metricOfTag(tags[j]) : undefined;
  if (metric) {
    // "total net sales": the metric already says how it is added up.
    used.add(j);
    explicitMeasures.add(builder.addMetric(metric.name));
    return;
  }
  const column = table === undefined ? columnAt(j) : undefined;
  // "the maximum number of final tables made": "number of" names a numeric column, not a count.
  if (column && isNumericType(column.logicalType) && list.length > 1 && list.includes('count')) {
    list.splice(list.indexOf('count'), 1);
  }
  // "how many total opponents": "total" only stresses a count of what cannot be added up.
  if (column && !isNumericType(column.logicalType) && list.includes('count') && list.includes('sum')) {
    list.splice(list.indexOf('sum'), 1);
  }
  const before = builder.measures.length;
  if (table !== undefined && !list.includes('count')) {
    // "average order value": an average of rows needs a column; counting them would answer something else.
    used.add(j);
    penalise(0.5, `"${phraseOf(tag)}" of ${table} needs a column to aggregate`);
  } else if (table !== undefined) {
    used.add(j);
    builder.addMeasure('count', undefined);
    if (table !== baseTable) penalise(0.8, `counting ${table} from ${baseTable}`);
  } else if (column) {
    used.add(j);
    consumedColumns.add(j);
    for (const each of list) {
      if (
        each === 'count' &&
        !distinct &&
        !column.isKey &&
        isNumericType(column.logicalType) &&
        // "how many years had …" counts years, "the total number of picks" counts picks: adding up
        // numbers that order or name the rows means nothing.
        !numbersRows(column)
      )
        // "the number of helipads": a numeric column already holds a count; add it up.
        builder.addMeasure('sum', column);
      else if (each === 'count')
        builder.addMeasure(countOfColumn(distinct, column, resolver.catalog.tables.length), column);
      else if (isNumericType(column.logicalType) || each === 'min' || each === 'max')
        builder.addMeasure(each, column);
      else if (each === 'sum' && !list.includes('count') && totalOfEntries(context))
        // "what is the total of location?" on one sheet: text cannot be added up; the total is how many.
        builder.addMeasure(countOfColumn(distinct, column, 1), column);
      else penalise(0.5, `cannot take the ${each} of text column ${column.name}`);
    }
  } else if (aggregation === 'count' && j >= tags.length && builder.measures.length > 0) {
    // "the total number of medals won by Australia was how many?": the closing words repeat the question.
  } else if (aggregation === 'count') {
    builder.addMeasure('count', undefined);
    // One unnamed table (a loaded file): "how many towns …" counts its rows, and says so.
    const noun = tags[j];
    if (
      noun?.type === 'unknown' &&
      /^how many$/i.test(phraseOf(tag)) &&
      tags[nextIndex(j)]?.type !== 'stop' &&
      resolver.catalog.tables.length === 1 &&
      /s$/i.test(noun.word) &&
      isWordnetWord(noun.word)
    ) {
      used.add(j);
      penalise(0.9, `assuming each row is one of the "${noun.word}"`);
    }
  } else if (stressesAnswer(context, i, aggregation)) {
    // "how many games total", "how many medals combined": the word repeats that the answer is a total.
  } else {
    penalise(0.6, `"${phraseOf(tag)}" of what?`);
  }
  if (builder.measures.length === before && aggregation === 'count') explicitMeasures.add('count');
  for (const measure of builder.measures.slice(before)) explicitMeasures.add(measure.id);
}
