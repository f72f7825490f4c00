/**
 * The last steps of reading a question: leftover column words become selected columns (or
 * dimensions next to measures), unbound related tables become existence filters, ordering and
 * limits are attached, and every word nothing used lowers the confidence.
 */
import type { QuerySpec } from '@askdata/core';
import { type CatalogColumn, isNumericType, isTemporalType } from './catalog';
import { recordsEvent } from './count-words';
import { type KeywordKind, stopWords } from './keywords';
import { rankEntitiesByMeasure } from './measure-phrases';
import { isMeasureColumn } from './related-columns';
import type { SchemaResolver } from './schema-resolver';
import type { SpecBuilder } from './spec-builder';
import type { Tag } from './tagger';
import type { Token } from './tokenize';
import { isWordnetVerb } from './wordnet';

export interface FinishState {
  tags: Tag[];
  tokens: Token[];
  used: Set<number>;
  builder: SpecBuilder;
  resolver: SchemaResolver;
  tableOf: (tag: Tag | undefined) => string | undefined;
  columnAt: (i: number) => CatalogColumn | undefined;
  previousIndex: (from: number) => number;
  keywordAt: (i: number) => KeywordKind | undefined;
  penalise: (factor: number, why: string) => void;
  phraseOf: (tag: Tag) => string;
  orderColumn: CatalogColumn | undefined;
  orderMeasure: string | undefined;
  direction: 'asc' | 'desc' | undefined;
  limit: number | undefined;
  /** The order came from "top N … by <measure>". */
  rankedByMeasure?: boolean;
  groupedEntities: Set<string>;
  explicitMeasures: Set<string>;
  asOf: string;
}

/** Past participles without a regular ending: "medals won", "goals got", "laps run". */
const irregularPast = new Set([
  'won',
  'got',
  'made',
  'lost',
  'run',
  'hit',
  'shot',
  'set',
  'spent',
  'paid',
  'led',
]);

export function finishReading(
  state: FinishState,
): { spec: QuerySpec; answerColumns?: string[]; unmatched: string[] } | undefined {
  const {
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
  } = state;
  const { orderColumn, orderMeasure, direction, limit, groupedEntities, explicitMeasures } = state;
  // Leftover column words: selected columns for lookups, dimensions next to measures.
  const asked: string[] = [];
  const otherTables: Array<{ table: string; index: number }> = [];
  const supportIds = builder.supportIds;
  tags.forEach((tag, i) => {
    if (used.has(i) || tag.type !== 'schema') return;
    const table = tableOf(tag);
    if (table !== undefined) {
      used.add(i);
      if (table !== builder.base && !(orderMeasure && builder.dimensions.length === 0))
        otherTables.push({ table, index: i });
      // "which stadium has the most concerts": the other entity is what the rows are grouped by.
      const label = resolver.labelColumn(table);
      if (table !== builder.base && orderMeasure && builder.dimensions.length === 0 && label) {
        // Grouped by the key too, so two customers of the same name stay apart; the key only supports.
        const key = resolver.table(table)?.columns.find((column) => column.isKey);
        if (key) supportIds.add(builder.addDimension(key));
        asked.push(builder.addDimension(label));
      }
      return;
    }
    const column = columnAt(i);
    if (!column) return;
    used.add(i);
    if (builder.measures.length > 0) {
      // Repeating a grouped column, or naming another attribute of a grouped entity ("stadium name
      // and capacity ... in each stadium"), groups without doubt; any other column is a guess.
      const alreadyGrouped = builder.dimensions.some(
        (dimension) =>
          dimension.column.column === column.name &&
          (dimension.column.table ?? builder.base) === column.table,
      );
      const entityAttribute = groupedEntities.has(column.table);
      const id = builder.addDimension(column);
      asked.push(id);
      if (!orderMeasure && !alreadyGrouped && !entityAttribute)
        penalise(0.55, `grouping by ${column.name} without "by" or "per"`);
    } else {
      asked.push(builder.addSelect(column));
    }
  });

  for (const { table, index } of otherTables) {
    const bound =
      builder.select.some((item) => item.column.table === table) ||
      builder.filters.some((filter) => filter.column.table === table) ||
      builder.dimensions.some((item) => item.column.table === table) ||
      builder.measures.some((item) => item.column?.table === table);
    if (bound) continue;
    // "students who have a pet" / "stadiums without any concert": (no) related row exists.
    const previous = previousIndex(index);
    const negation = [previous, previousIndex(previous)].find((k) => keywordAt(k) === 'not');
    // "how many customers placed orders": in a count, a verb right before the related table says a row exists.
    const before = tags[previous];
    const verb =
      builder.measures.length > 0 &&
      before?.type === 'unknown' &&
      tableOf(tags[previousIndex(previous)]) === builder.base &&
      isWordnetVerb(before.word);
    const having = keywordAt(previous) === 'with' || negation !== undefined || verb;
    const key =
      resolver.table(table)?.columns.find((column) => column.isKey) ?? resolver.table(table)?.columns[0];
    if (having && key && resolver.distance(builder.base, table) !== undefined) {
      used.add(previous);
      if (negation !== undefined) used.add(negation);
      builder.addFilter({ op: negation !== undefined ? 'is_null' : 'not_null', column: builder.ref(key) });
      if (negation === undefined && builder.measures.length === 0) builder.distinct = true;
      continue;
    }
    penalise(0.6, `how ${table} relates to ${builder.base} is not clear`);
  }
  // Groups ranked by a measure ("top 5 subcategories by revenue") get that measure, not a count.
  if (
    builder.measures.length === 0 &&
    builder.dimensions.length > 0 &&
    !(orderColumn && isMeasureColumn(orderColumn))
  ) {
    builder.addMeasure('count', undefined);
  }
  // A row lookup that names no column returns what names the rows.
  if (builder.measures.length === 0 && builder.select.length === 0) {
    const label = resolver.labelColumn(builder.base);
    const columns = resolver.table(builder.base)?.columns ?? [];
    if (label) {
      asked.push(builder.addSelect(label));
      penalise(0.85, `showing ${label.name} for each ${builder.base}`);
    } else if (columns.length > 0 && builder.filters.length > 0) {
      // "order lines with a negative quantity": rows with nothing that names them are shown whole.
      for (const column of columns) asked.push(builder.addSelect(column));
      penalise(0.9, `showing every column of ${builder.base}`);
    } else {
      return undefined;
    }
  }
  // Ordering.
  if (orderColumn) {
    const isAggregated = builder.measures.length > 0 || builder.dimensions.length > 0;
    if (isAggregated && builder.dimensions.length === 0) {
      // "what is the highest age": a superlative over a whole table is the maximum.
      if (orderColumn.table !== builder.base && builder.measures.some((measure) => !measure.column)) {
        penalise(0.4, `"the ${orderColumn.name} one" inside a count is not supported`);
      } else if (isNumericType(orderColumn.logicalType) || isTemporalType(orderColumn.logicalType)) {
        builder.addMeasure(direction === 'asc' ? 'min' : 'max', orderColumn);
      }
    } else if (isAggregated) {
      const measureId = builder.addMeasure(orderColumn.defaultAggregation ?? 'sum', orderColumn);
      builder.order.push({ by: measureId, direction: direction ?? 'asc' });
    } else if (
      !rankEntitiesByMeasure(builder, resolver, {
        column: orderColumn,
        ...(direction ? { direction } : {}),
        topN: state.rankedByMeasure === true,
        named: new Set(tags.flatMap((tag) => tableOf(tag) ?? [])),
      })
    ) {
      const id = builder.addSelect(orderColumn);
      builder.order.push({ by: id, direction: direction ?? 'asc' });
    }
  } else if (orderMeasure) {
    builder.order.push({ by: orderMeasure, direction: direction ?? 'desc' });
  } else if (direction && builder.measures.length === 0 && builder.select[0]) {
    // "list the names in alphabetical order": sort by what is listed.
    builder.order.push({ by: builder.select[0].id, direction });
  } else if (direction && builder.measures.length > 0 && builder.dimensions.length > 0) {
    builder.order.push({ by: builder.measures[0]?.id as string, direction });
  }
  if (limit !== undefined && builder.order.length > 0) builder.limit = limit;
  else if (limit !== undefined) penalise(0.5, `"top ${limit}" has nothing to rank by`);
  if (orderMeasure && builder.dimensions.length > 0) {
    for (const dimension of builder.dimensions)
      if (!asked.includes(dimension.id)) asked.unshift(dimension.id);
  }

  // "both cat and dog" and two different values required of one column need set logic a spec cannot express.
  const equalities = builder.filters
    .filter((filter) => filter.op === 'eq')
    .map((filter) => `${filter.column.table ?? ''}.${filter.column.column}`);
  if (new Set(equalities).size < equalities.length)
    penalise(0.4, 'two different values are required of one column');
  if (tokens.some((token) => token.norm === 'both') && builder.filters.some((filter) => filter.op === 'in')) {
    penalise(0.4, '"both" asks for rows matching every value, which needs set logic');
  }
  const specTables = new Set<string>([builder.base]);
  for (const ref of [
    ...builder.select.map((item) => item.column),
    ...builder.dimensions.map((item) => item.column),
    ...builder.filters.map((filter) => filter.column),
    ...builder.measures.flatMap((item) => (item.column ? [item.column] : [])),
  ]) {
    if (ref.table) specTables.add(ref.table);
  }
  const relationshipVerb = (word: string) =>
    specTables.size >= 2 && word.length > 2 && isWordnetVerb(word) && !stopWords.has(word.toLowerCase());
  // Words and tags nothing used.
  const unmatched: string[] = [];
  tags.forEach((tag, i) => {
    if (used.has(i) || tag.type === 'stop') return;
    const before = tags[previousIndex(i)];
    if (
      tag.type === 'unknown' &&
      before?.type === 'schema' &&
      (/(ed|en|ld|ht)$/i.test(tag.word) || irregularPast.has(tag.word.toLowerCase())) &&
      isWordnetVerb(tag.word)
    ) {
      // "quantity sold", "orders were placed": the verb that records the measured fact.
      penalise(0.95, `"${tag.word}" read as what ${phraseOf(before)} records`);
    } else if (tag.type === 'unknown' && recordsEvent(tag.word, builder)) {
      // "how many games did Egli play?", "matches played at Craven Park": the verb is what each row records.
      penalise(0.93, `"${tag.word}" read as what each row records`);
    } else if (tag.type === 'unknown' && relationshipVerb(tag.word)) {
      // "students who own pets", "channels using English": the verb names the link the join already follows.
      penalise(0.92, `"${tag.word}" read as the link between ${[...specTables].join(' and ')}`);
    } else if (tag.type === 'unknown') {
      unmatched.push(tag.word);
      penalise(0.55, `"${tag.word}" was not understood`);
    } else if (tag.type === 'schema') {
      penalise(0.8, `"${phraseOf(tag)}" was not used`);
    } else {
      unmatched.push(phraseOf(tag));
      penalise(0.6, `"${phraseOf(tag)}" was not used`);
    }
  });
  // A row lookup filtered or widened through a related table repeats rows once per related row.
  if (
    builder.measures.length === 0 &&
    builder.select.length > 0 &&
    specTables.size >= 2 &&
    builder.select.every((item) => item.column.table === undefined)
  ) {
    builder.distinct = true;
  }
  const spec = builder.build(state.asOf);
  const outputs = [
    ...(spec.select ?? []).map((item) => item.id),
    ...spec.dimensions.map((item) => item.id),
    ...spec.measures.map((item) => item.id),
  ];
  const answerIds = builder.answerIds
    ? [...builder.answerIds, ...builder.measures.filter((m) => explicitMeasures.has(m.id)).map((m) => m.id)]
    : asked.length > 0 && builder.measures.length === 0
      ? asked
      : orderMeasure && builder.dimensions.length > 0
        ? [
            ...builder.dimensions.filter((d) => !supportIds.has(d.id)).map((d) => d.id),
            ...builder.measures.filter((m) => explicitMeasures.has(m.id)).map((m) => m.id),
          ]
        : undefined;
  const answerColumns =
    supportIds.size > 0 ? (answerIds ?? outputs).filter((id) => !supportIds.has(id)) : answerIds;
  return answerColumns && answerColumns.length < outputs.length
    ? { spec, answerColumns, unmatched }
    : { spec, unmatched };
}
