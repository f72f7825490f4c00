/**
 * "How long", "how old" and "how far" ask for an amount without naming its column: a race result's
 * "Time", a song's "Length", a strike's "Duration", a player's "Age", a throw's "Distance". The adjective
 * names such a column, and only when the sheet has one, so "how long" stays unanswered on a sheet
 * without a time or length (a span between two years is a different question).
 */
import type { CatalogColumn } from './catalog';
import { splitIdentifier } from './inflect';

/** Header words that measure how long something lasted or stretched. */
const lengthWords = new Set(['time', 'length', 'duration', 'lifespan', 'lifetime', 'runtime', 'distance']);
/** Header words that only look like a length: "Timeslot", "Time zone" and the like. */
const notLength = new Set(['slot', 'timeslot', 'zone', 'year', 'years', 'date', 'rank', 'by']);

/** The question adjective ("long", "old", "far") that names this column, if any. */
export function measureAdjectiveNames(column: CatalogColumn): Array<[string[], number]> {
  const words = splitIdentifier(column.name);
  if (words.some((word) => notLength.has(word))) return [];
  // A length written "3:39" and read as a time of day would be answered as "03:39:00".
  if (column.logicalType === 'time') return [];
  const names: Array<[string[], number]> = [];
  if (words.some((word) => lengthWords.has(word))) names.push([['long'], 0.85]);
  if (words.includes('age')) names.push([['old'], 0.85]);
  if (words.includes('distance')) names.push([['far'], 0.85]);
  return names;
}

/**
 * Nouns of time after "first" / "last": "the last year", "the first season". Not "time": "the first
 * time" is often a row's place in the list, and a race's "Time" column holds durations.
 */
const timeNouns = new Set(['year', 'date', 'season', 'day', 'month']);
/** Words after the noun that point at the list itself rather than at time. */
const placeWords = new Set(['listed', 'shown', 'mentioned', 'given']);

const periodPrepositions = new Set(['in', 'over', 'during', 'for', 'within', 'since', 'from', 'of']);

/**
 * "The last year X won", "the first season Y played": before a noun of time, "last" and "first" rank by
 * the sheet's date or year (as "latest" and "earliest" do), not by row position or a relative date
 * ("last year" as the year before this one). Only the ordinal word is read; the noun is read after it.
 */
export function timeOrdinalAt(
  words: Array<string | undefined>,
  before: Array<string | undefined> = [],
): { direction: 'asc' | 'desc'; hints: string[]; length: number } | undefined {
  const [word, noun, after] = words;
  if (noun === undefined || !timeNouns.has(noun)) return undefined;
  // Only "the last year …": without the article ("revenue last month") or after a preposition ("in the
  // last year", "over the last month") it is a period relative to today, read by the date rules.
  const [twoBack, oneBack] = before;
  if (oneBack !== 'the' || (twoBack !== undefined && periodPrepositions.has(twoBack))) return undefined;
  // "the last date listed", "the first season shown": a place in the list, left to row order.
  if (after !== undefined && placeWords.has(after)) return undefined;
  const hints = [noun, 'date', 'year'];
  if (word === 'last' || word === 'final') return { direction: 'desc', hints, length: 1 };
  if (word === 'first') return { direction: 'asc', hints, length: 1 };
  return undefined;
}
