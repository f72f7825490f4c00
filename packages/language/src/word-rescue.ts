/**
 * Second chances for words nothing else explains: a typo correction or a WordNet synonym that makes an
 * unknown word a schema word, and an adjective whose WordNet noun is a stored value ("French" → France).
 */
import { closestWord } from './fuzzy';
import { singularize } from './inflect';
import type { Lexicon, LexiconEntry } from './lexicon';
import type { Token } from './tokenize';
import type { ValueIndex, ValueMatch } from './value-index';
import { wordnetPertainyms, wordnetSynonyms } from './wordnet';

/** A typo correction or WordNet synonym that makes an unknown word a schema word. */
export function rescueWord(
  token: Token,
  lexicon: Lexicon,
): { word: string; entries: LexiconEntry[]; via: 'typo' | 'synonym' } | undefined {
  const word = singularize(token.norm);
  const typo = closestWord(word, lexicon.vocabulary);
  if (typo) {
    const entries = lexicon.lookup([typo.candidate]);
    if (entries) return { word: typo.candidate, entries, via: 'typo' };
  }
  if (word.length < 3) return undefined;
  for (const synonym of wordnetSynonyms(word, 1)) {
    if (synonym.includes(' ')) continue;
    const entries = lexicon.lookup([synonym]);
    const strong = entries?.filter((entry) => entry.score >= 0.9) ?? [];
    if (strong.length > 0) return { word: synonym, entries: strong, via: 'synonym' };
  }
  return undefined;
}

/** An adjective whose WordNet noun (pertainym) is a value of the data. */
export function pertainymValue(
  token: Token,
  values: ValueIndex,
): { value: string; matches: ValueMatch[] } | undefined {
  if (values.size === 0 || token.norm.length < 4) return undefined;
  for (const noun of wordnetPertainyms(token.norm)) {
    const matches = values.lookup(noun.split(' '));
    if (matches) return { value: matches[0]?.value ?? noun, matches };
  }
  return undefined;
}
