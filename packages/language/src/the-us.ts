/**
 * "How many swimmers were from the US?", "held in the U.S.": after "the", "us" is the country, not the
 * pronoun the stop-word list drops. It stands for whichever way the table writes the country ("United
 * States", "USA", "U.S."); when no column holds such a value the word stays a stop word.
 */
import type { Catalog } from './catalog';
import type { Token } from './tokenize';
import type { ValueIndex, ValueMatch } from './value-index';

const spellings = ['united states', 'usa', 'u s', 'u s a', 'united states of america'];

export function theUsValue(tokens: Token[], at: number, values: ValueIndex): ValueMatch[] | undefined {
  const word = tokens[at]?.norm.toLowerCase().replace(/\.$/, '');
  if (word !== 'us' && word !== 'u.s' && word !== 'u.s.a') return undefined;
  if (tokens[at - 1]?.norm.toLowerCase() !== 'the') return undefined;
  // "from outside the U.S." excludes the country; reading it as the value would turn the question over.
  if (/^(outside|beyond)$/.test(tokens[at - 2]?.norm.toLowerCase() ?? '')) return undefined;
  for (const spelling of spellings) {
    const matches = values.lookup(spelling.split(' ')) ?? values.lookup([spelling.replace(/ /g, '.')]);
    if (matches) return matches;
  }
  return undefined;
}

/** "the us" that names no value and no column (not even part of "peak_us"): a word to explain, not a pronoun to drop. */
export function unexplainedUs(tokens: Token[], at: number, catalog: Catalog): boolean {
  const word = tokens[at]?.norm.toLowerCase();
  if (word !== 'us' || tokens[at - 1]?.norm.toLowerCase() !== 'the') return false;
  return !catalog.tables.some((table) =>
    table.columns.some((column) => column.name.toLowerCase().split('_').includes('us')),
  );
}
