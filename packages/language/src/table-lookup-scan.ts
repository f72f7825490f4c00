/**
 * Walks the tags of a one-table question after its head ("which team", "how many") and records what
 * each one asks for in a LookupScan: columns, values, negated values, numbers, dates, superlatives,
 * keywords, row ends, neighbour words and comparisons. Returns false when a tag has no faithful
 * reading, so the question is left unanswered.
 */
import { comparisonRange, soleAmountRange } from './amount-range';
import { isNeighbourWord, neighbourOffsetOf, rowEndOf } from './row-order';
import { readKeywordTag, readSuperlativeTag } from './table-lookup-keywords';
import { readDateTag, readNumberTag } from './table-lookup-numbers';
import { type Condition, columnByName, negatedValue, refusedWords } from './table-lookup-parts';
import { columnOf, type LookupScan, penalise, tagWords } from './table-lookup-scan-state';
import type { Tag } from './tagger';
import { textAmountRange } from './text-amount-range';

export function scanTags(scan: LookupScan): boolean {
  const { tagged } = scan.context;
  for (let i = scan.head.after; i < tagged.tags.length; i++) {
    if (scan.skipped.has(i)) continue;
    if (!readTag(scan, i)) return false;
  }
  return true;
}

function readTag(scan: LookupScan, i: number): boolean {
  const { tagged } = scan.context;
  const tag = tagged.tags[i] as Tag;
  const negation = negatedValue(tagged, i);
  if (negation) {
    // "not from the United Kingdom": the value that follows excludes rows.
    scan.negated.add(negation.value);
    for (let j = i + 1; j <= negation.last; j++) scan.skipped.add(j);
    return true;
  }
  switch (tag.type) {
    case 'stop':
      return true;
    case 'schema': {
      const column = columnOf(scan, tag);
      if (column) scan.mentioned.push({ index: i, column });
      else if (!tag.entries.some((entry) => entry.target.kind === 'table'))
        scan.looseWords.push({ index: i, word: tagWords(scan, tag) });
      return true;
    }
    case 'value':
      return readValueTag(scan, tag, i);
    case 'partial':
      if (tag.table !== scan.table.name) return false;
      scan.conditions.push({
        column: columnByName(scan.table, tag.column),
        op: 'contains',
        value: tag.text,
        index: i,
      });
      penalise(scan, 0.9, `"${tag.text}" matched part of a ${tag.column} value`);
      return true;
    case 'number':
      return readNumberTag(scan, i, tag);
    case 'date':
      return readDateTag(scan, i, tag);
    case 'superlative':
      return readSuperlativeTag(scan, tag, i);
    case 'keyword':
      return readKeywordTag(scan, tag, i);
    case 'unknown':
      return readUnknownWord(scan, tag, i);
    case 'comparison':
      return readComparison(scan, tag, i);
    default:
      // Quoted literals and other phrases need more care than a lookup gives them.
      return false;
  }
}

function readValueTag(scan: LookupScan, tag: Extract<Tag, { type: 'value' }>, i: number): boolean {
  const matches = tag.matches.filter((match) => match.table === scan.table.name);
  if (matches.length === 0) return false;
  const condition: Condition = {
    column: columnByName(scan.table, matches[0]?.column),
    op: scan.negated.has(i) ? 'neq' : 'eq',
    value: matches[0]?.value ?? '',
    index: i,
  };
  // Several columns hold this value: the one the question names wins, decided once all names are read.
  if (matches.length > 1) condition.options = matches;
  scan.conditions.push(condition);
  return true;
}

/** Row ends ("last"), neighbour words ("after", "previous") and words nothing explains yet. */
function readUnknownWord(scan: LookupScan, tag: Extract<Tag, { type: 'unknown' }>, i: number): boolean {
  const { tokens } = scan.context.tagged;
  const lower = tag.word.toLowerCase();
  const end = rowEndOf(lower);
  if (end) {
    if (scan.rowEnd && scan.rowEnd !== end) return false;
    scan.rowEnd = end;
    return true;
  }
  // "what date is listed next to X?": the cell beside X, in X's own row.
  if (
    lower === 'next' &&
    tokens[tag.end]?.norm === 'to' &&
    (besideWords.has(tokens[tag.start - 1]?.norm ?? '') || scan.mentioned.at(-1)?.index === i - 1)
  )
    return true;
  // "next to X" names the same row or a column beside it, not the following row; "previous to X" is a step.
  const offset = lower === 'next' && tokens[tag.end]?.norm === 'to' ? undefined : neighbourOffsetOf(lower);
  if (offset !== undefined && scan.neighbour === undefined && scan.head.kind === 'select') {
    scan.neighbour = { offset, index: i };
    return true;
  }
  // "next after X", "the next rider after X": two words for one step.
  if (offset !== undefined && scan.neighbour?.offset === offset) return true;
  if (isNeighbourWord(lower) || refusedWords.has(lower)) return false;
  scan.looseWords.push({ index: i, word: lower });
  return true;
}

/** "is listed next to X", "was next to X": words after which "next to" means the same row. */
const besideWords = new Set(['is', 'are', 'was', 'were', 'listed', 'written', 'shown', 'appears']);

function readComparison(scan: LookupScan, tag: Extract<Tag, { type: 'comparison' }>, i: number): boolean {
  if (tag.comparison.operator === 'between' || tag.comparison.operator === '!=') return false;
  const { tags, tokens } = scan.context.tagged;
  const { table } = scan;
  const columnAt = (candidate: Tag) => columnOf(scan, candidate);
  const beside = comparisonRange(tags, i, columnAt);
  const found =
    beside ??
    soleAmountRange(tags, tokens, i, columnAt, (hints) =>
      scan.context.resolver.hintColumn(table.name, hints),
    ) ??
    textAmountRange(tags, tokens, i, columnAt, scan.context.values, table);
  if (found && !beside) penalise(scan, 0.9, `"${tagWords(scan, tag)}" compared with ${found.column.name}`);
  if (!found) return false;
  const { range, column } = found;
  scan.ranges.push(range);
  scan.mentioned.push({ index: i, column });
  scan.consumedByComparison.add(column.name);
  return true;
}
