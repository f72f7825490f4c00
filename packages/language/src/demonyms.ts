/**
 * "How many Australians finished in the top 10?", "Kenyan runners": people name a country by its
 * demonym. Each demonym (singular or plural) maps to the ways sheets write the country, tried in order
 * against the value index.
 */
import { ownValue } from './own-value';

const countries: Record<string, string[]> = {
  american: ['united states', 'usa', 'us', 'u s'],
  argentine: ['argentina'],
  argentinian: ['argentina'],
  australian: ['australia', 'aus'],
  austrian: ['austria'],
  belgian: ['belgium'],
  brazilian: ['brazil', 'bra'],
  british: ['great britain', 'united kingdom', 'uk', 'gbr'],
  bulgarian: ['bulgaria'],
  canadian: ['canada', 'can'],
  chilean: ['chile'],
  chinese: ['china', 'chn'],
  colombian: ['colombia'],
  croatian: ['croatia'],
  cuban: ['cuba'],
  czech: ['czech republic', 'czechoslovakia'],
  danish: ['denmark'],
  dutch: ['netherlands', 'ned'],
  egyptian: ['egypt'],
  english: ['england'],
  ethiopian: ['ethiopia'],
  finnish: ['finland'],
  french: ['france', 'fra'],
  german: ['germany', 'ger'],
  greek: ['greece'],
  hungarian: ['hungary'],
  indian: ['india'],
  irish: ['ireland'],
  israeli: ['israel'],
  italian: ['italy', 'ita'],
  jamaican: ['jamaica'],
  japanese: ['japan', 'jpn'],
  kenyan: ['kenya', 'ken'],
  korean: ['south korea', 'korea'],
  mexican: ['mexico'],
  moroccan: ['morocco'],
  nigerian: ['nigeria'],
  norwegian: ['norway', 'nor'],
  polish: ['poland'],
  portuguese: ['portugal'],
  romanian: ['romania'],
  russian: ['russia', 'rus'],
  scottish: ['scotland'],
  serbian: ['serbia'],
  slovak: ['slovakia'],
  slovenian: ['slovenia'],
  spanish: ['spain', 'esp'],
  swedish: ['sweden', 'swe'],
  swiss: ['switzerland', 'sui'],
  turkish: ['turkey'],
  ukrainian: ['ukraine'],
  welsh: ['wales'],
};

/** The country names a demonym may stand for, or undefined for any other word. */
export function countriesOf(word: string): string[] | undefined {
  const lower = word.toLowerCase();
  return (
    ownValue(countries, lower) ??
    (lower.endsWith('s') ? ownValue(countries, lower.slice(0, -1)) : undefined) ??
    derivedCountries(lower)
  );
}

/**
 * Demonyms the list above lacks, by their regular endings: "rwandans" → Rwanda, "ethiopian" → Ethiopia,
 * "pakistani" → Pakistan. Only candidates; the caller keeps one only when the table holds it.
 */
function derivedCountries(word: string): string[] | undefined {
  const singular = word.replace(/(an|i)s$/, '$1');
  if (singular.length < 5) return undefined;
  if (singular.endsWith('an')) return [singular.slice(0, -1)];
  if (singular.endsWith('i')) return [singular.slice(0, -1)];
  return undefined;
}
