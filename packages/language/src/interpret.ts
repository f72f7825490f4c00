/**
 * Tagged question → QuerySpec. A left-to-right pass binds keywords to the schema references that
 * follow them (aggregations, group-by, ordering, superlatives); values, comparisons and dates become
 * filters; leftover column references become selected columns (or dimensions when there are
 * measures). Every tag that is not used lowers the confidence, so nothing is silently dropped.
 */
import type { Aggregation, QuerySpec, TimeGrain } from '@askdata/core';
import { chooseBaseTable, tableOfTag } from './base-table';
import { type CatalogColumn, isNumericType, isTemporalType } from './catalog';
import { applyFilters } from './filters';
import { finishReading } from './finish-reading';
import type { KeywordKind } from './keywords';
import type { SchemaResolver } from './schema-resolver';
import { SpecBuilder } from './spec-builder';
import type { Tag, TaggedQuestion } from './tagger';
import { isWordnetVerb, isWordnetWord } from './wordnet';

export interface Reading {
  spec: QuerySpec;
  /** Output ids the question asked for; other outputs only support ordering or grouping. */
  answerColumns?: string[];
  confidence: number;
  /** Words that nothing explained. */
  unmatched: string[];
  /** Why confidence was lowered, in plain words. */
  doubts: string[];
  /** A phrase that could mean several columns equally well. */
  ambiguity?: { phrase: string; options: CatalogColumn[]; tagIndex: number };
}

const aggregationOf: Partial<Record<KeywordKind, Aggregation>> = {
  count: 'count',
  sum: 'sum',
  avg: 'avg',
  min: 'min',
  max: 'max',
};
const grainOf: Partial<Record<KeywordKind, TimeGrain>> = {
  grain_day: 'day',
  grain_week: 'week',
  grain_month: 'month',
  grain_quarter: 'quarter',
  grain_year: 'year',
};
/** Keywords that carry no meaning on their own when nothing binds to them. */
const harmless = new Set<KeywordKind>(['list', 'and', 'with', 'all', 'group', 'or']);

export interface InterpretOptions {
  asOf: string;
  /** Choices for ambiguous phrases, by tag index (used to build clarification candidates). */
  forced?: Map<number, CatalogColumn>;
}

export function interpret(
  tagged: TaggedQuestion,
  resolver: SchemaResolver,
  options: InterpretOptions,
): Reading | undefined {
  const { tags, tokens } = tagged;
  const used = new Set<number>();
  const doubts: string[] = [];
  let confidence = 1;
  const penalise = (factor: number, why: string) => {
    confidence *= factor;
    doubts.push(why);
  };
  const phraseOf = (tag: Tag) =>
    tokens
      .slice(tag.start, tag.end)
      .map((token) => token.text)
      .join(' ');
  const nextIndex = (from: number, skip: Set<KeywordKind> = new Set()): number => {
    let i = from + 1;
    while (i < tags.length) {
      const tag = tags[i] as Tag;
      if (tag.type === 'stop' || (tag.type === 'keyword' && skip.has(tag.keyword))) i++;
      else break;
    }
    return i;
  };
  const previousIndex = (from: number): number => {
    let i = from - 1;
    while (i >= 0 && tags[i]?.type === 'stop') i--;
    return i;
  };

  const tableOf = tableOfTag;
  const mentioned = new Set<string>();
  for (const tag of tags) {
    const table = tableOf(tag);
    if (table) mentioned.add(table);
  }
  const baseTable = chooseBaseTable(tags, mentioned, nextIndex, resolver);
  if (baseTable === undefined) return undefined;
  mentioned.add(baseTable);

  const builder = new SpecBuilder(baseTable);
  let ambiguity: Reading['ambiguity'];
  const columnAt = (i: number): CatalogColumn | undefined => {
    const tag = tags[i];
    if (tag?.type !== 'schema' || tableOf(tag) !== undefined) return undefined;
    const forced = options.forced?.get(i);
    if (forced) return forced;
    const choice = resolver.chooseColumn(tag.entries, baseTable, mentioned, tableAfter(i));
    if (!choice) return undefined;
    if (choice.score < 0.5) return undefined;
    if (choice.rivals.length > 0 && !ambiguity)
      ambiguity = { phrase: phraseOf(tag), options: [choice.column, ...choice.rivals], tagIndex: i };
    if (choice.score < 0.85)
      penalise(
        Math.max(0.6, choice.score + 0.1),
        `"${phraseOf(tag)}" only partly names ${choice.column.name}`,
      );
    return choice.column;
  };
  /** "name and theme of all concerts": a table named right after a list of columns owns them. */
  const tableAfter = (i: number): string | undefined => {
    for (let j = i + 1; j < Math.min(tags.length, i + 8); j++) {
      const tag = tags[j] as Tag;
      const table = tableOf(tag);
      if (table !== undefined) return table;
      if (
        tag.type === 'stop' ||
        tag.type === 'schema' ||
        (tag.type === 'keyword' &&
          (tag.keyword === 'and' || tag.keyword === 'all' || tag.keyword === 'group'))
      )
        continue;
      return undefined;
    }
    return undefined;
  };
  const agentBefore = (i: number): boolean => {
    const before = tags[previousIndex(i)];
    return before?.type === 'unknown' && /(ed|en)$/i.test(before.word) && isWordnetVerb(before.word);
  };
  const keywordAt = (i: number): KeywordKind | undefined => {
    const tag = tags[i];
    return tag?.type === 'keyword' ? tag.keyword : undefined;
  };

  const hasAggregation = tags.some(
    (tag) =>
      tag.type === 'keyword' &&
      (aggregationOf[tag.keyword] !== undefined || tag.keyword === 'most' || tag.keyword === 'least'),
  );
  let direction: 'asc' | 'desc' | undefined;
  let orderColumn: CatalogColumn | undefined;
  let orderMeasure: string | undefined;
  let limit: number | undefined;
  const consumedColumns = new Set<number>();
  const groupedEntities = new Set<string>();
  /** Measures the question asks for by name (as opposed to ones only used for ranking). */
  const explicitMeasures = new Set<string>();

  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as Tag;
    if (used.has(i)) continue;
    if (tag.type === 'keyword') {
      const aggregation = aggregationOf[tag.keyword];
      if (aggregation) {
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
        const column = table === undefined ? columnAt(j) : undefined;
        // "the maximum number of final tables made": "number of" names a numeric column, not a count.
        if (column && isNumericType(column.logicalType) && list.length > 1 && list.includes('count')) {
          list.splice(list.indexOf('count'), 1);
        }
        const before = builder.measures.length;
        if (table !== undefined) {
          used.add(j);
          builder.addMeasure('count', undefined);
          if (table !== baseTable) penalise(0.8, `counting ${table} from ${baseTable}`);
        } else if (column) {
          used.add(j);
          consumedColumns.add(j);
          for (const each of list) {
            if (each === 'count' && !distinct && !column.isKey && isNumericType(column.logicalType))
              // "the number of helipads": a numeric column already holds a count; add it up.
              builder.addMeasure('sum', column);
            else if (each === 'count')
              builder.addMeasure(distinct || !column.isKey ? 'count_distinct' : 'count', column);
            else if (isNumericType(column.logicalType) || each === 'min' || each === 'max')
              builder.addMeasure(each, column);
            else penalise(0.5, `cannot take the ${each} of text column ${column.name}`);
          }
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
        } else {
          penalise(0.6, `"${phraseOf(tag)}" of what?`);
        }
        if (builder.measures.length === before && aggregation === 'count') explicitMeasures.add('count');
        for (const measure of builder.measures.slice(before)) explicitMeasures.add(measure.id);
        continue;
      }
      if (tag.keyword === 'group' && phraseOf(tag).toLowerCase() === 'by' && agentBefore(i)) {
        // "owned by students", "written by X": "by" names who did it, not a grouping.
        used.add(i);
        continue;
      }
      if (tag.keyword === 'group') {
        // "across all the shops", "of all stadiums": the whole table, not a grouping.
        if (keywordAt(nextIndex(i)) === 'all') {
          used.add(i).add(nextIndex(i));
          continue;
        }
        const j = nextIndex(i, new Set(['all']));
        const grain = grainOf[keywordAt(j) ?? 'list'];
        const table = tableOf(tags[j]);
        used.add(i);
        if (grain) {
          const temporal = resolver.temporalColumns(baseTable)[0];
          if (temporal) {
            builder.addDimension(temporal, grain);
            used.add(j);
          }
        } else if (table !== undefined && !hasAggregation) {
          // "name and age of every singer": no aggregation, so "every" only means all rows.
          used.add(j);
        } else if (table !== undefined) {
          const label =
            resolver.labelColumn(table) ?? resolver.table(table)?.columns.find((column) => column.isKey);
          if (label) {
            builder.addDimension(label);
            groupedEntities.add(table);
            used.add(j);
          }
        } else if (hasAggregation) {
          const column = columnAt(j);
          if (column) {
            builder.addDimension(column);
            used.add(j);
            consumedColumns.add(j);
          }
        }
        continue;
      }
      if (tag.keyword === 'order') {
        const j = nextIndex(i, new Set(['asc', 'desc']));
        for (let k = i + 1; k < j; k++) {
          const between = keywordAt(k);
          if (between === 'asc' || between === 'desc') {
            direction = between;
            used.add(k);
          }
        }
        const column = columnAt(j);
        used.add(i);
        if (column) {
          used.add(j);
          orderColumn = column;
        }
        if (/descending/.test(phraseOf(tag))) direction = 'desc';
        if (/ascending/.test(phraseOf(tag))) direction = 'asc';
        continue;
      }
      if (tag.keyword === 'asc' || tag.keyword === 'desc') {
        direction ??= tag.keyword;
        used.add(i);
        continue;
      }
      if (tag.keyword === 'top' || tag.keyword === 'bottom') {
        const number = tags[nextIndex(i)];
        if (number?.type === 'number') {
          limit = number.value;
          used.add(i).add(nextIndex(i));
          direction ??= tag.keyword === 'top' ? 'desc' : 'asc';
        }
        continue;
      }
      if (tag.keyword === 'most' || tag.keyword === 'least') {
        used.add(i);
        const dir = tag.keyword === 'most' ? 'desc' : 'asc';
        if (orderColumn) {
          direction ??= dir;
          continue;
        }
        const j = nextIndex(i);
        const aggregationNext = aggregationOf[keywordAt(j) ?? 'list'];
        const table = tableOf(tags[j]);
        if (aggregationNext) {
          // "the highest average age": rank by the measure the next keyword builds.
          orderMeasure = 'next-measure';
          direction = dir;
        } else if (
          table !== undefined &&
          sizeWords.has(phraseOf(tag).toLowerCase()) &&
          resolver.hintColumn(table, sizeHints)
        ) {
          // "the 5 largest countries": largest by size, not by a count.
          used.add(j);
          orderColumn = resolver.hintColumn(table, sizeHints)?.column;
          direction = dir;
        } else if (table !== undefined) {
          used.add(j);
          orderMeasure = builder.addMeasure('count', undefined);
          direction = dir;
        } else {
          const column = columnAt(j);
          const mode =
            tags[j]?.type === 'unknown' && commonWords.has((tags[j] as { word: string }).word.toLowerCase());
          const modeColumn = mode ? columnAt(nextIndex(j)) : undefined;
          // "whose number of products is the largest": the column came before the superlative.
          let back = previousIndex(i);
          while (back >= 0 && (keywordAt(back) === 'with' || tags[back]?.type === 'stop'))
            back = previousIndex(back);
          const before = !column && !mode && !consumedColumns.has(back) ? columnAt(back) : undefined;
          if (column) {
            used.add(j);
            consumedColumns.add(j);
            orderColumn = column;
            direction = dir;
            if (!isNumericType(column.logicalType) && !isTemporalType(column.logicalType)) {
              penalise(0.5, `"${phraseOf(tag)}" ${column.name} compares text, not amounts`);
            }
          } else if (modeColumn) {
            // "the most common hometown": the value that occurs most often.
            used.add(j).add(nextIndex(j));
            consumedColumns.add(nextIndex(j));
            builder.addDimension(modeColumn);
            orderMeasure = builder.addMeasure('count', undefined);
            direction = dir;
          } else if (before && isNumericType(before.logicalType)) {
            used.add(back);
            consumedColumns.add(back);
            orderColumn = before;
            direction = dir;
          } else {
            penalise(0.6, `"${phraseOf(tag)}" of what?`);
          }
        }
        limit ??= 1;
        continue;
      }
      if (tag.keyword === 'distinct') {
        builder.distinct = true;
        used.add(i);
        continue;
      }
      const chart = chartOf[tag.keyword];
      if (chart) {
        builder.chart = chart;
        used.add(i);
        continue;
      }
      if (harmless.has(tag.keyword)) used.add(i);
      continue;
    }
    if (tag.type === 'superlative') {
      // "oldest", "most expensive": a direction and a hinted column; after an order phrase it only sets
      // the direction ("ordered by age from the oldest to the youngest").
      used.add(i);
      if (orderColumn !== undefined) {
        direction ??= tag.direction;
        continue;
      }
      const tableName = tableOf(tags[nextIndex(i)]) ?? baseTable;
      const hinted = resolver.hintColumn(tableName, tag.hints, true);
      if (hinted) {
        orderColumn = hinted.column;
        direction = hinted.flip ? (tag.direction === 'asc' ? 'desc' : 'asc') : tag.direction;
        limit ??= 1;
      } else {
        penalise(0.5, `no column tells how "${phraseOf(tag)}" is measured`);
      }
      continue;
    }
    if (tag.type === 'number') {
      // "the 3 most expensive": a number right before a superlative is a limit.
      const j = nextIndex(i);
      const after = tags[j];
      if (
        after &&
        (after.type === 'superlative' ||
          (after.type === 'keyword' && (after.keyword === 'most' || after.keyword === 'least')))
      ) {
        limit = tag.value;
        used.add(i);
      }
    }
  }
  if (orderMeasure === 'next-measure') {
    // "the greatest total number of X" ranks by that measure; it is not an answer column of its own.
    orderMeasure = builder.measures[builder.measures.length - 1]?.id;
    if (orderMeasure) explicitMeasures.delete(orderMeasure);
  }

  applyFilters({
    tags,
    used,
    consumedColumns,
    builder,
    resolver,
    columnAt,
    tableOf,
    nextIndex,
    previousIndex,
    penalise,
    phraseOf,
    asOf: options.asOf,
  });

  const finished = finishReading({
    tags,
    tokens,
    used,
    builder,
    resolver,
    tableOf,
    columnAt,
    previousIndex,
    keywordAt,
    penalise,
    phraseOf,
    orderColumn,
    orderMeasure,
    direction,
    limit,
    groupedEntities,
    explicitMeasures,
    asOf: options.asOf,
  });
  if (!finished) return undefined;
  const reading: Reading = { spec: finished.spec, confidence, unmatched: finished.unmatched, doubts };
  if (finished.answerColumns) reading.answerColumns = finished.answerColumns;
  if (ambiguity) reading.ambiguity = ambiguity;
  return reading;
}

const commonWords = new Set(['common', 'frequent', 'often', 'popular']);
const sizeWords = new Set(['largest', 'biggest', 'smallest']);
const sizeHints = ['area', 'size', 'capacity', 'population'];

const chartOf: Partial<Record<KeywordKind, QuerySpec['chart']>> = {
  chart_line: 'line',
  chart_bar: 'bar',
  chart_pie: 'pie',
  chart_scatter: 'scatter',
};
