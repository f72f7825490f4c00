/**
 * Everyday names of columns that sheets label tersely: a match report's "Attendance" is what "how many
 * people attended" asks for, and a medal table's "Gold" and "Total" columns are "gold medals" and
 * "medals". Each phrase names the column only when a column of that name exists, so nothing is added to
 * sheets without one.
 */
import type { CatalogColumn, CatalogTable } from './catalog';
import { splitIdentifier } from './inflect';
import { measureAdjectiveNames } from './measure-questions';
import { outcomeNames } from './outcome-columns';

const attendance = /^(attendance|crowd|spectators)$/;
const medalColours = new Set(['gold', 'silver', 'bronze']);

/** Extra phrases (as words) that name the column, with the score they get in the lexicon. */
export function everydayNames(column: CatalogColumn, table: CatalogTable): Array<[string[], number]> {
  const named = withoutUnits(column);
  const common = [
    ...commonNames(column, table),
    ...measureAdjectiveNames(column),
    ...outcomeNames(column, table),
  ];
  return named ? [[named, 0.9], ...common] : common;
}

/** Unit words and marks that close a sheet header: "Land area km² (sq mi)", "Height (m)", "Fee / £". */
const unitWord =
  /^(km|km2|km²|sq|mi|mi2|m|m2|m²|ft|cm|mm|kg|lb|lbs|t|s|sec|min|h|hrs|%|pct|percent|usd|eur|gbp|€|£|\$|per|in|of)$/;

/**
 * A header that carries its unit ("Land area\nkm² (sq mi)") is named by the words before it ("land area").
 * Only from the header as written (the label), and only when something was cut.
 */
function withoutUnits(column: CatalogColumn): string[] | undefined {
  const label = column.label ?? '';
  const head = label.split(/[([/]/u)[0] ?? '';
  const words = head
    .toLowerCase()
    .split(/[^\p{L}\p{N}%$€£²]+/u)
    .filter((word) => word.length > 0);
  while (words.length > 0 && unitWord.test(words[words.length - 1] ?? '')) words.pop();
  if (words.length === 0 || words.join(' ') === splitIdentifier(column.name).join(' ')) return undefined;
  return words.every((word) => /^\p{L}+$/u.test(word)) ? words : undefined;
}

function commonNames(column: CatalogColumn, table: CatalogTable): Array<[string[], number]> {
  const name = splitIdentifier(column.name).join(' ');
  if (attendance.test(name))
    return [
      'attendee',
      'attendees',
      'spectators',
      'people attended',
      'people attending',
      'people in attendance',
      'people were in attendance',
      'attended',
      'fans attended',
    ].map((phrase) => [phrase.split(' '), 0.9]);
  const colours = table.columns.filter((other) => medalColours.has(splitIdentifier(other.name).join(' ')));
  if (colours.length < 2) return [];
  if (medalColours.has(name))
    return [
      [[name, 'medals'], 0.98],
      [[name, 'medal'], 0.98],
      [[name, 'medalists'], 0.9],
    ];
  // A medal table's total column counts its medals.
  if (name === 'total')
    return [
      [['medals'], 0.9],
      [['total', 'medals'], 0.98],
      [['medal', 'count'], 0.95],
      [['medal', 'total'], 0.95],
    ];
  return [];
}
