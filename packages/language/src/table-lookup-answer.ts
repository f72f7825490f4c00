/**
 * Turns what the one-table reading gathered (a LookupScan) into a query: a count or total over the
 * matching rows ("how many …"), one total or average ("what is the total attendance in 2007"), or the
 * cell asked for — of the matching rows, of the row at an end, of the row ranked first, of the value on
 * most rows, or of the row next to a named one. Returns undefined when the pieces do not fit together.
 */
import { ROW_POSITION } from '@askdata/core';
import { type CatalogColumn, isNumericType } from './catalog';
import { numbersRows } from './count-words';
import { anchorNeighbour } from './neighbour-row';
import { outcomePrefixFilter } from './outcome-cells';
import { rankedAnswer } from './ranked-text-column';
import { valuesRepeat } from './repeating-values';
import { rowLabelColumn } from './row-label';
import { timeOrderColumn } from './row-order';
import { SpecBuilder } from './spec-builder';
import {
  answerColumn,
  asksForOne,
  type Condition,
  firstContentIndex,
  groupConditions,
  listingWords,
  nextNonStop,
  summaryRows,
  yearColumn,
} from './table-lookup-parts';
import { columnOf, type LookupScan, type Mention, penalise, tagWords } from './table-lookup-scan-state';

export function buildLookupSpec(
  scan: LookupScan,
  anchor: Condition | undefined,
  countedNoun: number,
): SpecBuilder | undefined {
  const { table, conditions } = scan;
  const builder = new SpecBuilder(table.name);
  // A column named right before its own value ("the team crettyard") only qualifies that value.
  const free = scan.mentioned.filter(
    (entry) =>
      !conditions.some(
        (condition) =>
          condition.column.name === entry.column.name && Math.abs(condition.index - entry.index) <= 2,
      ) &&
      entry.column.name !== scan.ranked?.column.name &&
      entry.column.name !== scan.aggregated?.column.name &&
      !scan.consumedByComparison.has(entry.column.name),
  );
  const built =
    scan.head.kind === 'count'
      ? buildCount(scan, builder, free, countedNoun)
      : scan.aggregated
        ? buildAggregate(scan, builder, free)
        : buildSelect(scan, builder, free, anchor);
  if (!built) return undefined;
  if (scan.head.kind === 'select' && (scan.ranked || scan.rowEnd)) {
    // A "Total" row at the end of a sheet is a summary, not a row to rank or to call the last one.
    for (const summary of summaryRows(scan.context.values, table)) builder.addFilter(summary);
  }
  for (const filter of [...groupConditions(conditions), ...scan.ranges]) builder.addFilter(filter);
  return builder;
}

function buildCount(scan: LookupScan, builder: SpecBuilder, free: Mention[], countedNoun: number): boolean {
  const { tags } = scan.context.tagged;
  const { head } = scan;
  if (scan.rowEnd) return false;
  const noun = tags[nextNonStop(tags, head.after - 1)];
  const timesPhrase = /times$/.test(tagWords(scan, tags[head.after - 1]));
  // "how many wins" over results written "W 28–21": the rows whose result starts with W.
  const outcome =
    noun?.type === 'unknown' ? outcomePrefixFilter(scan.context.values, scan.table, noun.word) : undefined;
  if (outcome) builder.addFilter(outcome);
  // "how many times …" and "how many <column>" count rows; another noun may be a cell's content.
  if (!timesPhrase && noun?.type !== 'schema' && !outcome)
    penalise(scan, 0.85, `assuming each row is one "${tagWords(scan, noun)}"`);
  const counted = free[0];
  if (scan.aggregated) builder.addMeasure(scan.aggregated.aggregation, scan.aggregated.column);
  else if (
    counted &&
    noun &&
    columnOf(scan, noun)?.name === counted.column.name &&
    isNumericType(counted.column.logicalType) &&
    !counted.column.isKey &&
    !numbersRows(counted.column)
  ) {
    // "how many points did russia score": the column holds the amount; add it up over the matching rows.
    builder.addMeasure('sum', counted.column);
  } else builder.addMeasure('count', undefined);
  if (scan.ranked || scan.mostRows) return false;
  if (scan.conditions.length === 0 && scan.ranges.length === 0) {
    // "how many teams are listed?" counts every row; any other word might have been a condition.
    if (scan.looseWords.some((loose) => loose.index !== countedNoun && !listingWords.has(loose.word)))
      return false;
    // "how many drivers had no points": another column named besides the counted one was a condition.
    if (free.some((entry) => entry.index !== countedNoun && !listingWords.has(entry.column.name)))
      return false;
    if (!outcome) penalise(scan, 0.9, 'counting every row of the table');
  }
  for (const summary of summaryRows(scan.context.values, scan.table)) builder.addFilter(summary);
  return true;
}

/** "what is the total attendance in 2007": one number over the matching rows. */
function buildAggregate(scan: LookupScan, builder: SpecBuilder, free: Mention[]): boolean {
  const { aggregated } = scan;
  if (!aggregated || scan.ranked || scan.rowEnd || scan.mostRows || scan.neighbour) return false;
  builder.answerIds = [builder.addMeasure(aggregated.aggregation, aggregated.column)];
  if (free.length > 1) penalise(scan, 0.9, 'more columns are named than the answer uses');
  return true;
}

function buildSelect(
  scan: LookupScan,
  builder: SpecBuilder,
  free: Mention[],
  anchor: Condition | undefined,
): boolean {
  const { tagged, resolver, values } = scan.context;
  const { table, head, ranked, rowEnd, mostRows, neighbour, conditions } = scan;
  if (head.kind !== 'select') return false;
  const firstContent = firstContentIndex(tagged, head.after);
  const lead = tagged.tags[firstContent];
  const nameFirst = lead?.type === 'unknown' && lead.word.toLowerCase() === 'name';
  const rowLabel = rowLabelColumn(resolver, values, table);
  // "which racer finished after X": the answer is in the column that holds X.
  const read =
    rankedAnswer(scan.mentioned, ranked?.column.name ?? scan.rankedText, firstContent, head.wh) ??
    answerColumn(head.wh, free, firstContent, nameFirst, table, rowLabel);
  // "who finished after X in rank?": a person is asked for, so the answer is in X's column, not the rank.
  const anchorAnswers =
    anchor && (!read || read.guessed || (head.wh === 'who' && anchor.column.logicalType === 'text'));
  const answer = anchorAnswers && anchor ? { column: anchor.column, guessed: true } : read;
  if (!answer) return false;
  if (answer.guessed) penalise(scan, 0.85, `assuming the answer is the ${answer.column.name}`);
  if (conditions.some((c) => c.column.name === answer.column.name && c.op === 'eq')) return false;
  if (
    anchor &&
    neighbour &&
    !anchorNeighbour(builder, anchor, neighbour.offset, answer.column, {
      table,
      tagged,
      who: head.wh === 'who',
    })
  )
    return false;
  if (mostRows) {
    // Years group rows ("which year had the most races?"); other numbers are amounts, not groups.
    const grouping = !isNumericType(answer.column.logicalType) || answer.column === yearColumn(table);
    if (ranked || rowEnd || anchor || !grouping) return false;
    // The column that names each row holds each value once; "the most goals" there is an amount
    // column the question did not name, not a count of rows.
    // A guessed column of names is no better: "who won the most?" there counts nothing.
    if (rowLabel?.column.name === answer.column.name && (rowLabel.named || answer.guessed)) return false;
    // One row per value (one row per club): "the most losses" is an amount, not a count of rows.
    if (valuesRepeat(values, table, answer.column) === false) return false;
    const group = builder.addDimension(answer.column);
    builder.order.push({ by: builder.addMeasure('count', undefined), direction: mostRows });
    builder.limit = 1;
    builder.answerIds = [group];
    for (const summary of summaryRows(values, table)) builder.addFilter(summary);
    // Already ordered by the row count. (Named columns beyond two count against it twice here.)
    if (free.length > 2) penalise(scan, 0.9, 'more columns are named than the answer uses');
  } else if (!orderSelect(scan, builder, answer.column, anchor)) return false;
  if (free.length > 2) penalise(scan, 0.9, 'more columns are named than the answer uses');
  return true;
}

/** The rows a plain "which/what" answer reads: ranked first, at one end, matching, or any one of them. */
function orderSelect(
  scan: LookupScan,
  builder: SpecBuilder,
  column: CatalogColumn,
  anchor: Condition | undefined,
): boolean {
  const { table, head, ranked, rowEnd, conditions } = scan;
  builder.answerIds = [builder.addSelect(column)];
  const position: CatalogColumn = { table: table.name, name: ROW_POSITION, logicalType: 'integer' };
  if (ranked) {
    if (rowEnd) return false;
    const rankId = builder.addSelect(ranked.column);
    builder.order.push({ by: rankId, direction: ranked.direction });
    builder.limit = 1;
  } else if (rowEnd) {
    const clock = scan.listedEnd ? position : (timeOrderColumn(table.columns) ?? position);
    const orderId = builder.addSelect(clock);
    builder.order.push({ by: orderId, direction: rowEnd });
    builder.limit = 1;
  } else if (conditions.length === 0 && scan.ranges.length === 0 && !anchor) return false;
  else if (asksForOne(scan.context.tagged, head)) {
    // "name a team that …": any one of the matching rows answers; the first listed is given.
    builder.order.push({ by: builder.addSelect(position), direction: 'asc' });
    builder.limit = 1;
  }
  return true;
}
