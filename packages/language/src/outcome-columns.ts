/**
 * A league or record table counts results in columns headed by the past participle or a letter:
 * "Won", "Lost", "Drawn", or "W", "L", "D". People ask for the nouns: "which club had the most
 * losses?", "how many wins did A have?". The nouns name such a column only when it holds numbers, and
 * a one-letter header only when the sheet has at least two of W / L / D (a lone "D" or "L" could be
 * anything).
 */
import { type CatalogColumn, type CatalogTable, isNumericType } from './catalog';
import { splitIdentifier } from './inflect';

type Outcome = 'win' | 'loss' | 'draw';

const headers: Record<string, Outcome> = {
  won: 'win',
  wins: 'win',
  win: 'win',
  lost: 'loss',
  losses: 'loss',
  loss: 'loss',
  drawn: 'draw',
  draws: 'draw',
  draw: 'draw',
  tied: 'draw',
  ties: 'draw',
};
const letters: Record<string, Outcome> = { w: 'win', l: 'loss', d: 'draw' };

const nouns: Record<Outcome, string[]> = {
  win: ['wins', 'win', 'victories', 'games won', 'matches won'],
  loss: ['losses', 'loss', 'defeats', 'games lost', 'matches lost'],
  draw: ['draws', 'ties', 'drawn games', 'games drawn', 'matches drawn'],
};

function outcomeOf(column: CatalogColumn, table: CatalogTable): Outcome | undefined {
  const words = splitIdentifier(column.name);
  if (words.length !== 1 || !isNumericType(column.logicalType)) return undefined;
  const [word = ''] = words;
  const named = headers[word];
  if (named) return named;
  const letter = letters[word];
  if (!letter) return undefined;
  const letterColumns = table.columns.filter((other) => {
    const [only, ...rest] = splitIdentifier(other.name);
    return rest.length === 0 && only !== undefined && letters[only] && isNumericType(other.logicalType);
  });
  return letterColumns.length >= 2 ? letter : undefined;
}

/** The everyday nouns that name a result-count column, with their lexicon score. */
export function outcomeNames(column: CatalogColumn, table: CatalogTable): Array<[string[], number]> {
  const outcome = outcomeOf(column, table);
  if (!outcome) return [];
  const own = splitIdentifier(column.name).join(' ');
  return nouns[outcome]
    .filter((phrase) => phrase !== own)
    .map((phrase) => [phrase.split(' '), 0.9] as [string[], number]);
}
