/** Small English inflection rules: enough to match "singers" to a `singer` table and back. */
import { ownValue } from './own-value';

const irregularPlurals: Record<string, string> = {
  person: 'people',
  child: 'children',
  man: 'men',
  woman: 'women',
  mouse: 'mice',
  foot: 'feet',
  tooth: 'teeth',
  goose: 'geese',
  datum: 'data',
  criterion: 'criteria',
  medium: 'media',
  index: 'indices',
  analysis: 'analyses',
  series: 'series',
  species: 'species',
};
const irregularSingulars = Object.fromEntries(
  Object.entries(irregularPlurals).map(([one, many]) => [many, one]),
);
const invariant = new Set([
  'news',
  'status',
  'bus',
  'gas',
  'sales',
  'address',
  'class',
  'business',
  'access',
  'process',
  'series',
  'species',
  'is',
  'this',
  'its',
  'was',
  'has',
  'yes',
  'us',
  'plus',
  'bonus',
  'campus',
  'census',
  'virus',
  'focus',
  'chorus',
  'genus',
  'bias',
  'alias',
  'atlas',
  'canvas',
  'iris',
  'thesis',
  'basis',
  'crisis',
  'analysis',
  'axis',
  'less',
  'loss',
  'boss',
  'gross',
  'cross',
  'mass',
  'pass',
  'glass',
  'grass',
  'dress',
  'stress',
  'success',
  'progress',
  'express',
]);

export function singularize(word: string): string {
  const lower = word.toLowerCase();
  const irregular = ownValue(irregularSingulars, lower);
  if (irregular) return irregular;
  if (lower === 'ids') return 'id';
  if (invariant.has(lower) || lower.length <= 3) return lower;
  if (/[^aeiou]ies$/.test(lower)) return `${lower.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|zz)es$/.test(lower)) return lower.slice(0, -2);
  if (/(statuses|buses)$/.test(lower)) return lower.slice(0, -2);
  if (/ves$/.test(lower) && !/(olves|eaves)$/.test(lower)) return `${lower.slice(0, -3)}f`;
  if (/(oes)$/.test(lower) && /(heroes|potatoes|tomatoes|echoes)$/.test(lower)) return lower.slice(0, -2);
  if (/[^su]s$/.test(lower)) return lower.slice(0, -1);
  return lower;
}

export function pluralize(word: string): string {
  const lower = word.toLowerCase();
  const irregular = ownValue(irregularPlurals, lower);
  if (irregular) return irregular;
  if (invariant.has(lower)) return lower;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|sh|ch|x|z)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** Splits identifiers like `SongReleaseYear`, `song_release_year`, `Song-Name` into lower-case words. */
export function splitIdentifier(identifier: string): string[] {
  return identifier
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z\d]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.toLowerCase());
}
