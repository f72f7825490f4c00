/**
 * Superlatives and keywords in a one-table question (table-lookup.ts): "the highest rating", "the most
 * wins", "which team won the most?", "the total points", "at the top of the list", "in the top 10".
 * Each reader returns false when the question must be left unanswered.
 */
import { ROW_POSITION } from '@askdata/core';
import { isNumericType } from './catalog';
import { listPlace } from './row-order';
import { betweenValues, firstContentIndex, nextNonStop } from './table-lookup-parts';
import {
  amountAfter,
  columnOf,
  type LookupScan,
  rankText,
  tagWords,
  tokensAfter,
} from './table-lookup-scan-state';
import type { Tag } from './tagger';
import { readTopWord } from './top-row';

export function readSuperlativeTag(
  scan: LookupScan,
  tag: Extract<Tag, { type: 'superlative' }>,
  i: number,
): boolean {
  const following = amountAfter(scan, i);
  if (following && isNumericType(following.column.logicalType)) {
    // "the highest rating": the column named right after the superlative is the one ranked.
    scan.ranked = { column: following.column, direction: tag.direction };
    return true;
  }
  const textRanking = following && rankText(scan, following, tag.direction, false);
  if (following && textRanking?.kind === 'amount') return true;
  const hinted = scan.context.resolver.hintColumn(scan.table.name, tag.hints, true);
  if (!hinted) return false;
  scan.ranked = {
    column: hinted.column,
    direction: hinted.flip ? (tag.direction === 'asc' ? 'desc' : 'asc') : tag.direction,
  };
  return true;
}

export function readKeywordTag(scan: LookupScan, tag: Extract<Tag, { type: 'keyword' }>, i: number): boolean {
  const { tagged } = scan.context;
  const { tags, tokens } = tagged;
  const { table, head } = scan;
  if (tag.keyword === 'most' || tag.keyword === 'least') return readMost(scan, tag.keyword, i);
  if (tag.keyword === 'list' && i >= scan.head.after) {
    const named = columnOf(scan, tag);
    if (named) scan.mentioned.push({ index: i, column: named });
  }
  if (tag.keyword === 'and' || tag.keyword === 'with' || tag.keyword === 'list' || tag.keyword === 'all')
    return true;
  if (tag.keyword === 'or' && head.kind === 'count' && betweenValues(tags, i)) return true;
  // "earned by Egypt", "directed by X", "attended by the most people": "by" introduces who did it, not a grouping.
  if (tag.keyword === 'group' && tagWords(scan, tag) === 'by' && introducesAgent(tags, i)) return true;
  const afterTotal = nextNonStop(tags, i);
  if (
    tag.keyword === 'sum' &&
    head.kind === 'count' &&
    (afterTotal >= tags.length || /^in /.test(tagWords(scan, tag)))
  ) {
    // "how many teams are there in total": the count is the total; with a Total column it may be that.
    return !table.columns.some((column) => column.name === 'total');
  }
  const keywordColumn = columnOf(scan, tag);
  const nextTag = tags[afterTotal];
  const filler = /^(number|amount)$/.test(tokens[tag.end]?.norm ?? '');
  if (keywordColumn && !filler && !(nextTag && columnOf(scan, nextTag))) {
    scan.mentioned.push({ index: i, column: keywordColumn });
    return true;
  }
  if (
    (tag.keyword === 'sum' || tag.keyword === 'avg') &&
    (head.kind === 'select' ? i === firstContentIndex(tagged, head.after) : i === head.after)
  ) {
    // "how many total points …", "what is the average attendance …": the amount column that follows
    // is added up (or averaged) over the matching rows.
    const next = amountAfter(scan, i);
    if (!next || !isNumericType(next.column.logicalType)) return false;
    if (tag.keyword === 'avg' && head.kind === 'count') return false;
    scan.aggregated = { aggregation: tag.keyword, column: next.column };
    return true;
  }
  if (tag.keyword === 'top' || tag.keyword === 'bottom') {
    const place = listPlace(tokensAfter(scan, tag.end, 3), tokens[tag.start - 1]?.norm);
    const end = tag.keyword === 'top' ? 'asc' : 'desc';
    if (place !== undefined) {
      // "at the top of the list", "what is at the top?", "the bottom row": the first or last row as listed.
      if (scan.rowEnd !== undefined && scan.rowEnd !== end) return false;
      scan.rowEnd = end;
      scan.listedEnd = true;
      const last = tag.end + place;
      for (let j = i + 1; j < tags.length && (tags[j] as Tag).start < last; j++) scan.skipped.add(j);
      return true;
    }
  }
  if (tag.keyword === 'top') {
    const next = tags[i + 1];
    if (next?.type === 'number' && !next.ordinal && Number.isInteger(next.value) && next.value > 0) {
      // "in the top 10": the first N rows of a ranked list. Not the rank column: ranked lists often
      // leave it blank for medal places and ties.
      scan.ranges.push({ op: 'lte', column: { column: ROW_POSITION }, value: next.value });
      scan.skipped.add(i + 1);
      return true;
    }
    // "the top scorer", "the top enrollment".
    return readTopWord(scan, i);
  }
  return false;
}

/** "the most wins", "which language has the most films?", "who won the most?". */
function readMost(scan: LookupScan, keyword: 'most' | 'least', i: number): boolean {
  const { tags } = scan.context.tagged;
  const direction = keyword === 'most' ? 'desc' : 'asc';
  const after = amountAfter(scan, i);
  if (after && isNumericType(after.column.logicalType)) {
    scan.ranked = { column: after.column, direction };
    return true;
  }
  const textRanking = after && rankText(scan, after, direction, true);
  if (textRanking?.kind === 'rows') scan.mostRows = direction;
  if (textRanking) return true;
  if (after) return false;
  // "which language has the most films?", "who won the most?": the answer value on most rows.
  const nounAt = nextNonStop(tags, i);
  const noun = tags[nounAt];
  if (noun === undefined || (noun.type === 'unknown' && /s$/i.test(noun.word))) {
    if (noun) scan.skipped.add(nounAt);
    scan.mostRows = direction;
    return true;
  }
  // "which opponent has the most wins?" over a column of results: the rows holding that result.
  if (noun?.type === 'value' && /s$/i.test(tagWords(scan, noun))) {
    scan.mostRows = direction;
    return true;
  }
  return false;
}

/** "by" followed by a value, a name nothing explains or "the most …" rather than by a column to group by. */
function introducesAgent(tags: Tag[], at: number): boolean {
  const next = tags[nextNonStop(tags, at)];
  if (next === undefined) return false;
  if (next.type === 'value' || next.type === 'partial' || next.type === 'unknown') return true;
  return next.type === 'keyword' && (next.keyword === 'most' || next.keyword === 'least');
}
