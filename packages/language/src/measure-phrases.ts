/**
 * How analysts name measures without an aggregation word. "Revenue by region", "Revenue this year",
 * "Monthly revenue" and "Top 5 products by revenue" all mean the measure added up (its model default),
 * never the line-level values: a measure column named as the headline of a question, or next to a
 * grouping, is an aggregate.
 */
import type { CatalogColumn } from './catalog';
import type { KeywordKind } from './keywords';
import { entityColumns, isManyToOne, isMeasureColumn } from './related-columns';
import type { SchemaResolver } from './schema-resolver';
import type { SpecBuilder } from './spec-builder';
import type { Tag } from './tagger';

/** Keywords that make a question analytic: a measure named near them is aggregated. */
const groupingKeywords = new Set<KeywordKind>([
  'group',
  'versus',
  'share',
  'growth',
  'running',
  'grain_day',
  'grain_week',
  'grain_month',
  'grain_quarter',
  'grain_year',
  'grain_weekday',
]);

/** Grouping words that may name a whole entity to group by ("revenue per customer"), unlike "every". */
const byWords = new Set(['by', 'per']);

/** Grain words that stand for a grouping on their own ("monthly revenue", "weekly orders"). */
export const grainAdjectives = new Set(['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'annual']);

/**
 * Indices of schema tags that name a measure column to aggregate: the first words of a headline question
 * ("Revenue from Corporate customers"), or any bare measure in a question that groups ("… by region").
 * A measure followed by a comparison or number is a filter subject ("discount over 0.1"), not an aggregate.
 */
export function bareMeasureIndices(
  tags: Tag[],
  peekColumn: (i: number) => CatalogColumn | undefined,
  nextIndex: (from: number) => number,
  phrase: (tag: Tag) => string,
): Set<number> {
  const result = new Set<number>();
  const groups = tags.some((tag, i) => {
    if (tag.type !== 'keyword' || !groupingKeywords.has(tag.keyword)) return false;
    if (tag.keyword !== 'group') return true;
    // "owned by", "sorted by", "of every singer": not a grouping.
    const before = tags[i - 1];
    if (before?.type === 'unknown' || (before?.type === 'keyword' && before.keyword !== 'and')) return false;
    const target = tags[nextIndex(i)];
    return (
      (target?.type === 'keyword' && target.keyword.startsWith('grain_')) ||
      (target?.type === 'schema' && (peekColumn(nextIndex(i)) !== undefined || byWords.has(phrase(tag))))
    );
  });
  tags.forEach((tag, i) => {
    if (tag.type !== 'schema') return;
    const column = peekColumn(i);
    if (!column || !isMeasureColumn(column)) return;
    const after = tags[nextIndex(i)];
    if (after?.type === 'comparison' || after?.type === 'number') return;
    // Headline questions start with the measure itself ("Revenue this year").
    if (tag.start === 0 || groups) result.add(i);
  });
  return result;
}

/**
 * "Which category has the highest revenue", "Top 5 products by revenue": ranking the rows of one table by
 * an additive measure of a table that has many rows per row (order lines per product) adds the measure up
 * per entity. Returns false when the ranking is a plain row order.
 */
export function rankEntitiesByMeasure(
  builder: SpecBuilder,
  resolver: SchemaResolver,
  ranking: { column: CatalogColumn; direction?: 'asc' | 'desc'; topN: boolean; named: Set<string> },
): boolean {
  const { column: orderColumn, direction } = ranking;
  if (builder.measures.length > 0 || builder.dimensions.length > 0 || builder.select.length === 0)
    return false;
  if (orderColumn.defaultAggregation !== 'sum' || !isMeasureColumn(orderColumn)) return false;
  // "the poker player with the highest earnings" names the measured rows themselves: a row order.
  if (ranking.named.has(orderColumn.table)) return false;
  const tables = new Set(builder.select.map((item) => item.column.table ?? builder.base));
  if (tables.size !== 1) return false;
  const [table] = [...tables] as [string];
  if (!isManyToOne(resolver, orderColumn.table, table)) return false;
  const label = resolver.labelColumn(table);
  const namesRows = builder.select.some((item) => item.column.column === label?.name);
  // "which employee received the biggest bonus" may mean one bonus; "top 5 products by revenue" means totals,
  // and "which category has the highest revenue" can only mean totals (a category is many rows).
  if (namesRows && !ranking.topN) return false;
  const selected = builder.select.splice(0, builder.select.length);
  const dimensions = namesRows
    ? entityColumns(resolver, table)
    : selected.flatMap(
        (item) => resolver.table(table)?.columns.filter((column) => column.name === item.column.column) ?? [],
      );
  for (const column of dimensions) builder.addDimension(column);
  for (const item of selected)
    if (!dimensions.some((column) => column.name === item.column.column)) {
      const column = resolver
        .table(table)
        ?.columns.find((candidate) => candidate.name === item.column.column);
      if (column) builder.addDimension(column);
    }
  const measure = builder.addMeasure('sum', orderColumn);
  builder.order.push({ by: measure, direction: direction ?? 'desc' });
  return true;
}

/**
 * "Customers with more than 20 orders": a count of related rows per entity, kept when it passes the
 * comparison. Returns the count measure id, or undefined when the tables are not one-to-many.
 */
export function countPerEntity(
  builder: SpecBuilder,
  resolver: SchemaResolver,
  counted: string,
): string | undefined {
  if (!isManyToOne(resolver, counted, builder.base)) return undefined;
  const key = resolver.table(counted)?.columns.find((column) => column.isKey);
  const columns = entityColumns(resolver, builder.base);
  if (!key || columns.length === 0) return undefined;
  const ids = columns.map((column) => builder.addDimension(column));
  // The entities answer the question; their key and count only support it.
  const label = resolver.labelColumn(builder.base);
  builder.answerIds = label ? [ids[columns.indexOf(label)] as string] : ids;
  return builder.addMeasure('count', key);
}
