/**
 * Turns headers into SQL-friendly identifiers (lower snake case, ASCII), deduplicated with `_2`, `_3`…;
 * an empty header becomes `column_<position>` and a leading digit gets a `c_` prefix. The original
 * header is kept by the caller as the column label.
 */
/** Latin letters that have no decomposed ASCII form. */
const transliterations: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  þ: 'th',
};

export function cleanName(raw: string): string {
  const ascii = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæøœłđþ]/gi, (letter) => transliterations[letter.toLowerCase()] ?? '')
    .replace(/%/g, ' pct ')
    .replace(/#/g, ' num ')
    .replace(/&/g, ' and ');
  const snake = ascii
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (snake === '') return '';
  return /^[0-9]/.test(snake) ? `c_${snake}` : snake;
}

export function cleanNames(rawNames: readonly string[]): string[] {
  const used = new Set<string>();
  return rawNames.map((raw, index) => {
    const base = cleanName(raw) || `column_${index + 1}`;
    let name = base;
    for (let suffix = 2; used.has(name); suffix++) name = `${base}_${suffix}`;
    used.add(name);
    return name;
  });
}

/** A dataset or table name from a file or sheet name: same rules, never empty. */
export function cleanTableName(raw: string): string {
  return cleanName(raw) || 'data';
}
