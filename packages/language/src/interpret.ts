/**
 * Tagged question → QuerySpec. A left-to-right pass binds keywords to the schema references that
 * follow them (aggregations, group-by, ordering, superlatives); values, comparisons and dates become
 * filters; leftover column references become selected columns (or dimensions when there are
 * measures). Every tag that is not used lowers the confidence, so nothing is silently dropped.
 */
import type { QuerySpec } from '@askdata/core';
import { readAggregation } from './aggregation-phrase';
import { applyAnalyticPhrases, headlineCount } from './analytic-phrases';
import { chooseBaseTable, tableOfTag } from './base-table';
import type { CatalogColumn } from './catalog';
import { applyFilters } from './filters';
import { finishReading } from './finish-reading';
import { readGrouping } from './grouping-phrase';
import type { KeywordKind } from './keywords';
import { bareMeasureIndices, grainAdjectives } from './measure-phrases';
import { metricOfTag } from './metric-phrase';
import { readMostOrLeast, readSuperlative } from './most-phrase';
import { aggregationOf, grainOf, type PhraseContext, type RankingState } from './phrase-context';
import { isMeasureColumn, namedTimeColumn, timeColumnFor } from './related-columns';
import type { SchemaResolver } from './schema-resolver';
import { SpecBuilder } from './spec-builder';
import type { Tag, TaggedQuestion } from './tagger';
import { isWordnetVerb } from './wordnet';

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

  const peekColumn = (i: number): CatalogColumn | undefined => {
    const tag = tags[i];
    if (tag?.type !== 'schema' || tableOf(tag) !== undefined) return undefined;
    const choice = resolver.chooseColumn(tag.entries, baseTable, mentioned, tableAfter(i));
    return choice && choice.score >= 0.5 ? choice.column : undefined;
  };
  const bareMeasures = bareMeasureIndices(tags, peekColumn, nextIndex, phraseOf);
  /** The table whose rows are measured: it decides which date column places them in time. */
  const measuredTable = (): string | undefined => {
    const measure = builder.measures.find((candidate) => candidate.column || candidate.metric);
    if (measure?.column) return measure.column.table ?? baseTable;
    return resolver.catalog.metrics.find((metric) => metric.name === measure?.metric)?.table;
  };
  const factTable = (): string => measuredTable() ?? baseTable;
  const hasAggregation =
    bareMeasures.size > 0 ||
    tags.some((tag) => metricOfTag(tag) !== undefined) ||
    tags.some(
      (tag) =>
        tag.type === 'keyword' &&
        (aggregationOf[tag.keyword] !== undefined || tag.keyword === 'most' || tag.keyword === 'least'),
    );
  const ranking: RankingState = { rankedByMeasure: false };
  const namedTime = namedTimeColumn(resolver, tags);
  const consumedColumns = new Set<number>();
  const groupedEntities = new Set<string>();
  /** Measures the question asks for by name (as opposed to ones only used for ranking). */
  const explicitMeasures = new Set<string>();

  const phrases: PhraseContext = {
    tags,
    used,
    consumedColumns,
    groupedEntities,
    explicitMeasures,
    builder,
    resolver,
    baseTable,
    hasAggregation,
    columnAt,
    peekColumn,
    tableOf,
    nextIndex,
    previousIndex,
    keywordAt,
    phraseOf,
    penalise,
    factTable,
    ranking,
    ...(namedTime ? { namedTime } : {}),
  };

  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as Tag;
    if (used.has(i)) continue;
    const metric = metricOfTag(tag);
    if (metric) {
      // "net sales by region": a metric of the model, measured as defined.
      used.add(i);
      explicitMeasures.add(builder.addMetric(metric.name));
      continue;
    }
    if (tag.type === 'schema' && bareMeasures.has(i)) {
      // "Revenue by region": a measure named without an aggregation word is added up.
      const column = columnAt(i);
      if (column) {
        used.add(i);
        consumedColumns.add(i);
        explicitMeasures.add(builder.addMeasure(column.defaultAggregation ?? 'sum', column));
      }
      continue;
    }
    if (tag.type === 'keyword') {
      const aggregation = aggregationOf[tag.keyword];
      if (aggregation) {
        readAggregation(phrases, i, tag, aggregation);
        continue;
      }
      if (tag.keyword === 'group' && phraseOf(tag).toLowerCase() === 'by' && agentBefore(i)) {
        // "owned by students", "written by X": "by" names who did it, not a grouping.
        used.add(i);
        continue;
      }
      if (tag.keyword === 'group') {
        readGrouping(phrases, i);
        continue;
      }
      if (tag.keyword === 'order') {
        const j = nextIndex(i, new Set(['asc', 'desc']));
        for (let k = i + 1; k < j; k++) {
          const between = keywordAt(k);
          if (between === 'asc' || between === 'desc') {
            ranking.direction = between;
            used.add(k);
          }
        }
        const column = columnAt(j);
        used.add(i);
        if (column) {
          used.add(j);
          ranking.orderColumn = column;
        }
        if (/descending/.test(phraseOf(tag))) ranking.direction = 'desc';
        if (/ascending/.test(phraseOf(tag))) ranking.direction = 'asc';
        continue;
      }
      if (tag.keyword === 'asc' || tag.keyword === 'desc') {
        ranking.direction ??= tag.keyword;
        used.add(i);
        continue;
      }
      if (tag.keyword === 'top' || tag.keyword === 'bottom') {
        const number = tags[nextIndex(i)];
        if (number?.type === 'number') {
          ranking.limit = number.value;
          used.add(i).add(nextIndex(i));
          ranking.direction ??= tag.keyword === 'top' ? 'desc' : 'asc';
          // "top 3 countries by …": the ranked things are the values of a column.
          const ranked = nextIndex(nextIndex(i));
          const column = tags[ranked]?.type === 'schema' ? peekColumn(ranked) : undefined;
          if (column && !isMeasureColumn(column) && keywordAt(nextIndex(ranked)) === 'group') {
            builder.addDimension(columnAt(ranked) ?? column);
            used.add(ranked);
            consumedColumns.add(ranked);
          }
        }
        continue;
      }
      if (tag.keyword === 'most' || tag.keyword === 'least') {
        readMostOrLeast(phrases, i, tag);
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
      const grain = grainOf[tag.keyword];
      const asked = tokens[tag.start - 1]?.norm;
      if (
        grain &&
        (grainAdjectives.has(phraseOf(tag).toLowerCase()) || asked === 'which' || asked === 'what')
      ) {
        // "monthly revenue", "which month had the most orders": the period is a grouping.
        const temporal = timeColumnFor(resolver, factTable(), namedTime?.column);
        if (temporal) {
          builder.addDimension(temporal, grain);
          used.add(i);
        }
        continue;
      }
      if (harmless.has(tag.keyword)) used.add(i);
      continue;
    }
    if (tag.type === 'superlative') {
      readSuperlative(phrases, i, tag);
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
        ranking.limit = tag.value;
        used.add(i);
      }
    }
  }
  if (ranking.orderMeasure === 'next-measure') {
    // "the greatest total number of X" ranks by that measure; it is not an answer column of its own.
    ranking.orderMeasure = builder.measures[builder.measures.length - 1]?.id;
    if (ranking.orderMeasure) explicitMeasures.delete(ranking.orderMeasure);
  }

  const timeTable =
    measuredTable() ??
    (ranking.orderColumn && isMeasureColumn(ranking.orderColumn) ? ranking.orderColumn.table : baseTable);
  const timeColumn = timeColumnFor(resolver, timeTable, namedTime?.column);
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
    ...(timeColumn ? { timeColumn } : {}),
  });
  headlineCount(tags, tokens, builder, resolver, tableOf);
  if (
    namedTime &&
    [...builder.dimensions, ...builder.filters].some(
      (item) =>
        item.column.column === namedTime.column.name &&
        (item.column.table ?? baseTable) === namedTime.column.table,
    )
  )
    used.add(namedTime.index);
  const addDerived = applyAnalyticPhrases(tags, used, builder);

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
    orderColumn: ranking.orderColumn,
    orderMeasure: ranking.orderMeasure,
    direction: ranking.direction,
    limit: ranking.limit,
    rankedByMeasure: ranking.rankedByMeasure,
    groupedEntities,
    explicitMeasures,
    asOf: options.asOf,
  });
  if (!finished) return undefined;
  addDerived(finished.spec);
  const reading: Reading = { spec: finished.spec, confidence, unmatched: finished.unmatched, doubts };
  if (finished.answerColumns) reading.answerColumns = finished.answerColumns;
  if (ambiguity) reading.ambiguity = ambiguity;
  return reading;
}

const chartOf: Partial<Record<KeywordKind, QuerySpec['chart']>> = {
  chart_line: 'line',
  chart_bar: 'bar',
  chart_pie: 'pie',
  chart_scatter: 'scatter',
};
