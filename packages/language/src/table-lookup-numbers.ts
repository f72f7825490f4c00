/**
 * Numbers and dates in a one-table question (table-lookup.ts): a place ("finished 9th"), "first" as the
 * first row, a count that is a column's value ("one silver medal"), a year, or a range of years.
 * Each reader returns false when the question must be left unanswered.
 */
import { isNumericType } from './catalog';
import { ordinalCellFilter } from './ordinal-cells';
import { pronounOne, yearColumn, yearRange } from './table-lookup-parts';
import { columnOf, type LookupScan, tagWords } from './table-lookup-scan-state';
import type { Tag } from './tagger';

export function readNumberTag(scan: LookupScan, i: number, tag: Extract<Tag, { type: 'number' }>): boolean {
  const { tagged, values } = scan.context;
  const { tags, tokens } = tagged;
  const { table, head, negated } = scan;
  if (tokens[tag.start]?.percent) return false;
  // "which one is last", "name one team": "one" stands for the row asked about, not an amount.
  if (pronounOne(tagged, i, head)) return true;
  // "finish 9th", "how many times did they finish first": cells of the column of places. The word
  // "first" in other questions is the first row.
  const spelledFirst = tokens[tag.start]?.norm === 'first' && tag.end - tag.start === 1;
  const afterColumn = tags[i + 1] ? columnOf(scan, tags[i + 1] as Tag) : undefined;
  const place =
    tag.ordinal && (head.kind === 'count' || !spelledFirst)
      ? ordinalCellFilter(values, table, tag.value, [
          ...scan.mentioned.map((entry) => entry.column),
          ...(afterColumn ? [afterColumn] : []),
        ])
      : undefined;
  if (place) {
    scan.ranges.push(place.filter);
    scan.consumedByComparison.add(place.column.name);
    return true;
  }
  if (tag.ordinal && spelledFirst) {
    if (scan.rowEnd === 'desc') return false;
    scan.rowEnd = 'asc';
    return true;
  }
  if (tag.ordinal) return false;
  const year = yearColumn(table);
  const before = columnOf(scan, tags[i - 1] as Tag);
  const afterTag = tags[i + 1];
  const after = afterTag ? columnOf(scan, afterTag) : undefined;
  if (after && isNumericType(after.logicalType)) {
    if (negated.has(i)) return false;
    // "only two laps", "one silver medal": the count is the column's value.
    scan.conditions.push({ column: after, op: 'eq', value: tag.value, index: i });
    scan.mentioned.push({ index: i + 1, column: after });
    scan.skipped.add(i + 1);
    return true;
  }
  const target =
    before && isNumericType(before.logicalType)
      ? before
      : tag.value >= 1000 && tag.value <= 2100 && Number.isInteger(tag.value)
        ? year
        : undefined;
  if (!target) return false;
  scan.conditions.push({ column: target, op: negated.has(i) ? 'neq' : 'eq', value: tag.value, index: i });
  return true;
}

export function readDateTag(scan: LookupScan, i: number, tag: Extract<Tag, { type: 'date' }>): boolean {
  const { table } = scan;
  const text = tagWords(scan, tag);
  const phrase = tag.phrase;
  if (
    phrase.kind === 'relative' &&
    phrase.mode === 'last' &&
    phrase.unit === 'year' &&
    /^last\b/.test(text)
  ) {
    // "the last year where …": "last" picks a row, "year" names the column.
    scan.rowEnd = 'desc';
    const year = yearColumn(table);
    if (!year) return false;
    scan.mentioned.push({ index: i, column: year });
    return true;
  }
  const year = yearColumn(table);
  if (phrase.kind === 'absolute' && phrase.year !== undefined && /^\d{4}$/.test(text) && year) {
    scan.conditions.push({ column: year, op: 'eq', value: phrase.year, index: i });
    return true;
  }
  const range = phrase.kind === 'absolute' ? yearRange(phrase.from, phrase.to) : undefined;
  if (range && year) {
    // "after 1950", "between 1972 and 2013" on a table whose years are numbers.
    if (range.from !== undefined)
      scan.ranges.push({ op: 'gte', column: { column: year.name }, value: range.from });
    if (range.to !== undefined)
      scan.ranges.push({ op: 'lte', column: { column: year.name }, value: range.to });
    return true;
  }
  return false;
}
