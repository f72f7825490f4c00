/**
 * Words that name cell values without spelling them: a plural names the rows holding its singular
 * ("how many wins" → "Win" in a Result column), and a demonym names its country ("Australians",
 * "Kenyan" → "Australia", "Kenya"). Tried only after the word matched no value as written.
 */
import { countriesOf } from './demonyms';
import { singularize } from './inflect';
import { stopWords } from './keywords';
import type { Token } from './tokenize';
import type { ValueIndex, ValueMatch } from './value-index';

export function nounValue(
  word: Token,
  values: ValueIndex,
  /** WordNet's adjective reading ("French" → France) is done later, with the correction reported. */
  hasPertainym: () => boolean,
): ValueMatch[] | undefined {
  if (word.kind !== 'word' || stopWords.has(word.norm)) return undefined;
  if (/[a-z]s$/i.test(word.norm)) {
    const singular = singularize(word.norm);
    const matches = singular === word.norm.toLowerCase() ? undefined : values.lookup([singular]);
    if (matches) return matches;
  }
  const countries = countriesOf(word.norm);
  if (!countries || hasPertainym()) return undefined;
  for (const country of countries) {
    const matches = values.lookup(country.split(' '));
    if (matches) return matches;
  }
  return undefined;
}
