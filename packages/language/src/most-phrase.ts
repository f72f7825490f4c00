/**
 * "most", "highest", "fewest" …: ranks by the measure or column after the word ("the highest average
 * age", "the most concerts", "the most common hometown", "the 5 largest countries") and keeps one row
 * unless a number says how many.
 */
import { isNumericType, isTemporalType } from './catalog';
import { aggregationOf, type KeywordTag, type PhraseContext } from './phrase-context';
import type { Tag } from './tagger';

const commonWords = new Set(['common', 'frequent', 'often', 'popular']);
const sizeWords = new Set(['largest', 'biggest', 'smallest']);
const sizeHints = ['area', 'size', 'capacity', 'population'];

export function readMostOrLeast(context: PhraseContext, i: number, tag: KeywordTag): void {
  const {
    tags,
    used,
    consumedColumns,
    builder,
    resolver,
    columnAt,
    tableOf,
    nextIndex,
    previousIndex,
    keywordAt,
    phraseOf,
    penalise,
    ranking,
  } = context;
  used.add(i);
  const dir = tag.keyword === 'most' ? 'desc' : 'asc';
  if (ranking.orderColumn) {
    ranking.direction ??= dir;
    return;
  }
  const j = nextIndex(i);
  const aggregationNext = aggregationOf[keywordAt(j) ?? 'list'];
  const table = tableOf(tags[j]);
  if (aggregationNext) {
    // "the highest average age": rank by the measure the next keyword builds.
    ranking.orderMeasure = 'next-measure';
    ranking.direction = dir;
  } else if (
    table !== undefined &&
    sizeWords.has(phraseOf(tag).toLowerCase()) &&
    resolver.hintColumn(table, sizeHints)
  ) {
    // "the 5 largest countries": largest by size, not by a count.
    used.add(j);
    ranking.orderColumn = resolver.hintColumn(table, sizeHints)?.column;
    ranking.direction = dir;
  } else if (table !== undefined) {
    used.add(j);
    ranking.orderMeasure = builder.addMeasure('count', undefined);
    ranking.direction = dir;
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
      ranking.orderColumn = column;
      ranking.direction = dir;
      // "which product has the highest revenue": what an entity has of a measure is its total.
      if (keywordAt(previousIndex(i)) === 'with') ranking.rankedByMeasure = true;
      if (!isNumericType(column.logicalType) && !isTemporalType(column.logicalType)) {
        penalise(0.5, `"${phraseOf(tag)}" ${column.name} compares text, not amounts`);
      }
    } else if (modeColumn) {
      // "the most common hometown": the value that occurs most often.
      used.add(j).add(nextIndex(j));
      consumedColumns.add(nextIndex(j));
      builder.addDimension(modeColumn);
      ranking.orderMeasure = builder.addMeasure('count', undefined);
      ranking.direction = dir;
    } else if (before && isNumericType(before.logicalType)) {
      used.add(back);
      consumedColumns.add(back);
      ranking.orderColumn = before;
      ranking.direction = dir;
    } else {
      penalise(0.6, `"${phraseOf(tag)}" of what?`);
    }
  }
  ranking.limit ??= 1;
}

/**
 * "oldest", "most expensive": a direction and a hinted column; after an order phrase it only sets the
 * direction ("ordered by age from the oldest to the youngest").
 */
export function readSuperlative(
  context: PhraseContext,
  i: number,
  tag: Extract<Tag, { type: 'superlative' }>,
): void {
  const { tags, used, resolver, baseTable, tableOf, nextIndex, phraseOf, penalise, ranking } = context;
  used.add(i);
  if (ranking.orderColumn !== undefined) {
    ranking.direction ??= tag.direction;
    return;
  }
  const tableName = tableOf(tags[nextIndex(i)]) ?? baseTable;
  const hinted = resolver.hintColumn(tableName, tag.hints, true);
  if (hinted) {
    ranking.orderColumn = hinted.column;
    ranking.direction = hinted.flip ? (tag.direction === 'asc' ? 'desc' : 'asc') : tag.direction;
    ranking.limit ??= 1;
    // "the shortest length" over cells like "48 m": text sorts letter by letter, not by amount. On a
    // single sheet the lookup reading ranks such cells by their number instead (ranked-text-column.ts).
    const type = hinted.column.logicalType;
    if (!isNumericType(type) && !isTemporalType(type) && resolver.catalog.tables.length === 1)
      penalise(0.5, `"${phraseOf(tag)}" ${hinted.column.name} compares text, not amounts`);
  } else {
    penalise(0.5, `no column tells how "${phraseOf(tag)}" is measured`);
  }
}
