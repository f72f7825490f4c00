/**
 * Words that point at a row by its place in the file ("the first", "the last", "the most recent"),
 * for tables whose rows are listed in a meaningful order (seasons, rounds, rankings). They compile to
 * the core's row-position pseudo column. Words that name a neighbouring row ("the next", "previous
 * to X") are recognised too, so a reader can abstain instead of ignoring them.
 */
import { type CatalogColumn, isTemporalType } from './catalog';

export type RowEnd = 'asc' | 'desc';

const endWords = {
  first: 'asc',
  earliest: 'asc',
  initial: 'asc',
  opening: 'asc',
  last: 'desc',
  final: 'desc',
  latest: 'desc',
} satisfies Record<string, RowEnd>;

const neighbourWords = new Set([
  'next',
  'previous',
  'prior',
  'preceding',
  'following',
  'before',
  'after',
  'above',
  'below',
  'consecutive',
  'until',
  'since',
  'between',
]);

/** "first" → 'asc' (row 1 first), "last" → 'desc'; undefined for any other word. */
export function rowEndOf(word: string): RowEnd | undefined {
  const lower = word.toLowerCase();
  return Object.hasOwn(endWords, lower) ? endWords[lower as keyof typeof endWords] : undefined;
}

const neighbourOffsets: Record<string, number> = {
  next: 1,
  following: 1,
  after: 1,
  below: 1,
  previous: -1,
  prior: -1,
  preceding: -1,
  before: -1,
  above: -1,
};

/** "the team after X" → 1, "previous to X" → -1: the row next to a named one in file order. */
export function neighbourOffsetOf(word: string): number | undefined {
  return neighbourOffsets[word.toLowerCase()];
}

/** Words that relate a row to another row; a reader without neighbour support must not drop them. */
export function isNeighbourWord(word: string): boolean {
  return neighbourWords.has(word.toLowerCase());
}

/** The column that orders rows in time when the question says "first"/"last" and one exists. */
export function timeOrderColumn(columns: CatalogColumn[]): CatalogColumn | undefined {
  const temporal = columns.filter((column) => isTemporalType(column.logicalType));
  if (temporal.length === 1) return temporal[0];
  return undefined;
}

/**
 * "top"/"bottom" used as a place in the list: "the top of the chart", "at the very top?", "the top row".
 * Returns how many following words the phrase uses, or undefined when the word means something else
 * ("the top scorer", "top 10").
 */
export function listPlace(text: string, before: string | undefined): number | undefined {
  const following = text.replace(/[^\w\s]/g, ' ').trim();
  const place = /^(of|on|in) (the |this )?(list|chart|table|page)\b/.exec(following);
  if (place) return place[0].split(' ').length;
  if (/^(row|entry|line|spot)\b/.test(following)) return 1;
  // "what is at the top?": nothing follows, and "the"/"very" shows it is a place.
  if (following === '' && (before === 'the' || before === 'very')) return 0;
  return undefined;
}
