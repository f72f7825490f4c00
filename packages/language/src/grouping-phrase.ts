/**
 * "by region", "per customer", "for each month", "top 5 products by revenue": a grouping word binds to a
 * column, an entity (its label) or a time grain; after "top N" it names the measure ranked on, and
 * "per <the measured table>" means per row.
 */
import { grainOf, type PhraseContext } from './phrase-context';
import { isMeasureColumn, timeColumnFor } from './related-columns';

export function readGrouping(context: PhraseContext, i: number): void {
  const {
    tags,
    used,
    consumedColumns,
    groupedEntities,
    builder,
    resolver,
    baseTable,
    hasAggregation,
    columnAt,
    tableOf,
    nextIndex,
    previousIndex,
    keywordAt,
    factTable,
    ranking,
    namedTime,
  } = context;
  // "across all the shops", "of all stadiums": the whole table, not a grouping.
  if (keywordAt(nextIndex(i)) === 'all') {
    used.add(i).add(nextIndex(i));
    return;
  }
  let j = nextIndex(i, new Set(['all']));
  // "by signup year": the word before the grain names the date column.
  if (j === namedTime?.index && grainOf[keywordAt(nextIndex(j)) ?? 'list']) j = nextIndex(j);
  const grain = grainOf[keywordAt(j) ?? 'list'];
  const table = tableOf(tags[j]);
  used.add(i);
  const rowsBefore = tableOf(tags[previousIndex(i)]) !== undefined;
  const rankColumn = ranking.limit !== undefined && tags[j]?.type === 'schema' ? columnAt(j) : undefined;
  /** One grouping target: a time grain or a column that is not a measure. */
  const groupBy = (k: number): boolean => {
    const kGrain = grainOf[keywordAt(k) ?? 'list'];
    if (kGrain) {
      const temporal = timeColumnFor(resolver, factTable(), namedTime?.column);
      if (!temporal) return false;
      builder.addDimension(temporal, kGrain);
      used.add(k);
      return true;
    }
    const column = tableOf(tags[k]) === undefined ? columnAt(k) : undefined;
    if (!column || isMeasureColumn(column)) return false;
    builder.addDimension(column);
    used.add(k);
    consumedColumns.add(k);
    return true;
  };
  /** "by segment and region", "by segment and year": a list of grouping targets. */
  const groupByList = (first: number): void => {
    let k = first;
    while (groupBy(k)) {
      const and = nextIndex(k);
      const following = tags[nextIndex(and)];
      const more =
        following?.type === 'schema' ||
        (following?.type === 'keyword' && grainOf[following.keyword] !== undefined);
      if (keywordAt(and) !== 'and' || !more) break;
      used.add(and);
      k = nextIndex(and);
    }
  };
  if (grain) {
    groupByList(j);
  } else if (rankColumn && isMeasureColumn(rankColumn)) {
    // "top 5 products by revenue": "by" names what is ranked on, not a grouping.
    used.add(j);
    consumedColumns.add(j);
    ranking.orderColumn = rankColumn;
    ranking.rankedByMeasure = true;
  } else if (
    table !== undefined &&
    hasAggregation &&
    !resolver.labelColumn(table) &&
    builder.measures.length > 0 &&
    builder.measures.every((measure) => (measure.column?.table ?? baseTable) === table)
  ) {
    // "average quantity per order line": per row of the measured table, not a grouping.
    used.add(j);
  } else if (table !== undefined && !hasAggregation) {
    // "name and age of every singer": no aggregation, so "every" only means all rows.
    used.add(j);
  } else if (table !== undefined) {
    const label =
      resolver.labelColumn(table) ?? resolver.table(table)?.columns.find((column) => column.isKey);
    if (label) {
      // "revenue by customer": grouped by the key too, so two customers of one name stay apart.
      const key = resolver.table(table)?.columns.find((column) => column.isKey);
      if (key && key !== label) builder.supportIds.add(builder.addDimension(key));
      builder.addDimension(label);
      groupedEntities.add(table);
      used.add(j);
    }
  } else if (hasAggregation || rowsBefore) {
    // "customers by segment and region": rows named before "by" are counted per group.
    groupByList(j);
  }
}
