/**
 * "what comes after X?", "which team won previous to X?": the row next to a named one (table-lookup.ts
 * finds the anchor value and the step, +1 after, -1 before). Two rules refine the plain step:
 * - When the answer is asked for in the very column that holds X, a cell equal to X or an empty cell is
 *   never the answer: a run of rows sharing X ("División de Honor" for nine seasons) or blank cells
 *   between places are stepped over, and the nearest row with another, non-empty value is given.
 * - "after"/"before" said of time ("who won after X?", "the previous winner") follow the table's one year
 *   or date column: a table listing its years newest first has the later row above, so the step is
 *   swapped there (decided in SQL from the first and last rows). A question about the listing itself
 *   ("listed after", "above", "below", "on the chart") keeps the order as listed.
 * Words that only carry the step are dropped before the lookup places its loose words: "directly",
 * "immediately", "just", "right" and "came"/"comes" before the step word, and the noun right after the
 * head that only says what each row is ("which song came before X?", "what's the next single after X?").
 */
import type { Filter } from '@askdata/core';
import { type CatalogColumn, type CatalogTable, isTemporalType } from './catalog';
import { splitIdentifier } from './inflect';
import type { SpecBuilder } from './spec-builder';
import { type Condition, firstContentIndex, groupConditions } from './table-lookup-parts';
import { type LookupScan, penalise } from './table-lookup-scan-state';
import type { TaggedQuestion } from './tagger';
import { isWordnetProperName, isWordnetWord } from './wordnet';

/** Words that make "after"/"before" a place in the listing rather than a time. */
const listingWords = new Set([
  'listed',
  'list',
  'lists',
  'above',
  'below',
  'chart',
  'table',
  'row',
  'rows',
  'page',
  'column',
  'order',
  'ranked',
  'rank',
  'ranking',
  'placed',
  'place',
  'finished',
  'comes',
  'come',
]);

const timeWords = new Set(['year', 'years', 'season', 'seasons', 'date', 'dates', 'yr']);
/** Dates of something else than the row's own event: a birth, an end of term. */
const otherTimes = new Set(['birth', 'born', 'death', 'died', 'until', 'till', 'end', 'ended', 'left', 'to']);

/** The table's one column of years or dates (named so), if exactly one. */
export function yearsColumn(table: CatalogTable): CatalogColumn | undefined {
  const times = table.columns.filter((column) => {
    if (!isTemporalType(column.logicalType) && column.logicalType !== 'integer') return false;
    const words = splitIdentifier(column.name).map((word) => word.toLowerCase());
    return words.some((word) => timeWords.has(word)) && !words.some((word) => otherTimes.has(word));
  });
  return times.length === 1 ? times[0] : undefined;
}

/** True when the question speaks of the listing ("listed after", "above X", "on the chart"). */
export function speaksOfListing(tagged: TaggedQuestion): boolean {
  return tagged.tokens.some((token) => listingWords.has(token.norm));
}

/** Sets the builder's row anchor; false when the anchor cannot be written as filters. */
export function anchorNeighbour(
  builder: SpecBuilder,
  anchor: Condition,
  offset: number,
  answer: CatalogColumn,
  context: { table: CatalogTable; tagged: TaggedQuestion; who?: boolean },
): boolean {
  const [filter] = groupConditions([anchor]);
  if (!filter) return false;
  const rowAnchor: NonNullable<SpecBuilder['rowAnchor']> = { filters: [filter], offset };
  const time = speaksOfListing(context.tagged) ? undefined : yearsColumn(context.table);
  if (time) rowAnchor.time = { column: time.name };
  const sameColumn =
    anchor.column.name === answer.name &&
    anchor.op === 'eq' &&
    typeof anchor.value === 'string' &&
    answer.logicalType === 'text';
  // "who finished after the driver who finished in 1:28.745?": a person is asked, not the next time.
  if (sameColumn && context.who && /\d/.test(String(anchor.value))) return false;
  if (sameColumn) {
    const column = { column: answer.name };
    const others: Filter[] = [
      { op: 'neq', column, value: anchor.value },
      { op: 'neq', column, value: '' },
    ];
    rowAnchor.nearest = others;
  }
  builder.rowAnchor = rowAnchor;
  return true;
}

const stepWords = new Set([
  'after',
  'before',
  'previous',
  'prior',
  'next',
  'following',
  'preceding',
  'above',
  'below',
]);
/** Words that only say the step is one row, or that rows come in order. */
const stepFillers = new Set([
  'directly',
  'immediately',
  'just',
  'right',
  'came',
  'come',
  'comes',
  'went',
  'goes',
]);

/** Removes the loose words a neighbour question uses only for its step or its row noun. */
export function dropNeighbourFillers(scan: LookupScan): void {
  if (!scan.neighbour) return;
  const { tags, tokens } = scan.context.tagged;
  // "name a train built after X" asks for any row meeting a condition: its noun is left to the lookup.
  const asksRow = scan.head.kind === 'select' && scan.head.wh !== 'name';
  let rowNoun = asksRow ? firstContentIndex(scan.context.tagged, scan.head.after) : -1;
  const step = scan.neighbour.index;
  // "what's the next single after X?": the noun follows the step word.
  const nextFirst = rowNoun === step && tokens[tags[step]?.start ?? 0]?.norm === 'next';
  if (nextFirst) rowNoun = firstContentIndex(scan.context.tagged, step + 1);
  scan.looseWords = scan.looseWords.filter(({ index, word }) => {
    const tag = tags[index];
    if (!tag) return true;
    // "listed directly before", "came next after": the filler sits right before the step (or "next").
    const following = tokens[tag.end]?.norm ?? '';
    if (stepFillers.has(word) && (stepWords.has(following) || stepFillers.has(following))) return false;
    if (
      index === rowNoun &&
      (index < step || nextFirst) &&
      isWordnetWord(word) &&
      !isWordnetProperName(word) &&
      !/(ly|ed)$/.test(word)
    ) {
      penalise(scan, 0.97, `"${word}" read as what each row is`);
      return false;
    }
    return true;
  });
}
