/**
 * A second reading for questions about one loaded table (a CSV or sheet), tried when the general
 * reader abstains. People ask such tables for a cell next to a value they name ("what year did X
 * win?"), for how many rows match ("how many times did X win?"), for the row at one end of the file
 * ("the last year …") or for the row with the largest value of a column ("which team has the most
 * wins?"), the row next to a named one ("who finished after X?"), a total or average over matching rows,
 * or "the top N". Requests ("name the team …") read like "what"; a value after "not"/"other than" is
 * excluded. Words that only describe what a row is ("team", "won") are tolerated; names nothing in the
 * table explains, other negations and arithmetic between rows make it abstain.
 *
 * The tags are read into a LookupScan (table-lookup-scan.ts), which table-lookup-answer.ts turns into a
 * query.
 */
import type { CatalogTable } from './catalog';
import { readChoiceQuestion } from './choice-question';
import { readDifferenceQuestion } from './difference-question';
import type { Reading } from './interpret';
import { readListedEnd } from './listed-end';
import { placeLooseWords } from './loose-words';
import { dropNeighbourFillers } from './neighbour-row';
import type { OneTableContext } from './one-table-context';
import { readSameAsQuestion } from './same-as';
import { buildLookupSpec } from './table-lookup-answer';
import { type Condition, hasRefusedWord, headOf, nextNonStop, timeUnits } from './table-lookup-parts';
import { scanTags } from './table-lookup-scan';
import { createScan, penalise, tagWords } from './table-lookup-scan-state';

export function readTableQuestion(context: OneTableContext): Reading | undefined {
  // "what is the first airbase listed?": the first or last row as listed, when the lookup cannot say.
  const lookup = readLookup(context);
  if (lookup && lookup.confidence >= 0.7) return lookup;
  return readListedEnd(context) ?? lookup;
}

function readLookup(context: OneTableContext): Reading | undefined {
  const { tagged, resolver, values } = context;
  if (resolver.catalog.tables.length !== 1) return undefined;
  const table = resolver.catalog.tables[0] as CatalogTable;
  const { tags } = tagged;
  const choice = readChoiceQuestion(context);
  if (choice) return choice;
  const difference = readDifferenceQuestion(context);
  if (difference) return difference;
  const sameAs = readSameAsQuestion(context);
  if (sameAs) return sameAs;
  const head = headOf(tagged);
  if (!head) return undefined;
  // Negations, comparisons between rows and arithmetic anywhere outside a named value: abstain.
  if (hasRefusedWord(tagged, head)) return undefined;

  const scan = createScan(context, table, head);
  if (!scanTags(scan)) return undefined;
  dropNeighbourFillers(scan);

  const countedNoun = head.kind === 'count' ? nextNonStop(tags, head.after - 1) : -1;
  if (head.kind === 'count' && timeUnits.has(tagWords(scan, tags[countedNoun]))) return undefined;
  // Words inside values ("germany" in "West Germany"): a filter on the column the question names, or
  // on the only column that holds the word; an unknown name nothing explains makes the reading abstain.
  const { looseWords, mentioned, conditions } = scan;
  const penaliseScan = (factor: number, why: string) => penalise(scan, factor, why);
  if (
    !placeLooseWords({
      looseWords,
      mentioned,
      conditions,
      table,
      values,
      countedNoun,
      penalise: penaliseScan,
    })
  )
    return undefined;

  // "which team won previous to crettyard": the named value finds a row; the answer is in its neighbour.
  let anchor: Condition | undefined;
  if (scan.neighbour) {
    const at = scan.neighbour.index;
    anchor = conditions.find((condition) => condition.index > at);
    if (!anchor || conditions.length !== 1 || scan.ranges.length > 0 || scan.rowEnd || scan.ranked)
      return undefined;
    conditions.splice(0, 1);
  }
  const builder = buildLookupSpec(scan, anchor, countedNoun);
  if (!builder) return undefined;
  const spec = builder.build(context.asOf);
  const reading: Reading = { spec, confidence: scan.confidence, unmatched: [], doubts: scan.doubts };
  if (builder.answerIds) reading.answerColumns = builder.answerIds;
  return reading;
}
