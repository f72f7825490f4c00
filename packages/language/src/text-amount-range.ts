/**
 * "how many bridges are longer than 200 feet?" where the Length cells read "210 ft": a comparison with a
 * number on a text column of amounts (numeric-cells.ts) keeps the cells whose amount satisfies it. The
 * column is the one beside the comparison, else the only amount-as-text column the question names. A
 * unit word after the number must agree with the cells' unit ("feet" with "ft", not "minutes" with
 * "4:26"); when no cell satisfies the comparison the reading abstains rather than guess.
 */

import type { AmountRange } from './amount-range';
import type { CatalogColumn, CatalogTable } from './catalog';
import { columnAmounts } from './numeric-cells';
import { nextNonStop } from './table-lookup-parts';
import type { Tag } from './tagger';
import type { Token } from './tokenize';
import type { ValueIndex } from './value-index';

const holds: Record<'>' | '>=' | '<' | '<=' | '=', (amount: number, bound: number) => boolean> = {
  '>': (amount, bound) => amount > bound,
  '>=': (amount, bound) => amount >= bound,
  '<': (amount, bound) => amount < bound,
  '<=': (amount, bound) => amount <= bound,
  '=': (amount, bound) => amount === bound,
};

export function textAmountRange(
  tags: Tag[],
  tokens: Token[],
  at: number,
  columnOf: (tag: Tag) => CatalogColumn | undefined,
  values: ValueIndex,
  table: CatalogTable,
): AmountRange | undefined {
  const tag = tags[at];
  if (tag?.type !== 'comparison') return undefined;
  const operator = tag.comparison.operator;
  if (operator === 'between' || operator === '!=') return undefined;
  const amountsOf = (column: CatalogColumn | undefined) => {
    if (column?.logicalType !== 'text') return undefined;
    const cells = values.allValues(table.name, column.name);
    return cells ? columnAmounts(cells) : undefined;
  };
  let previous = at - 1;
  while (previous >= 0 && tags[previous]?.type === 'stop') previous--;
  // "a height greater than 5 mm": a unit word after the number may name another column ("Diagonal (mm)").
  const unitNext = unitName(tokens[tag.end]?.norm ?? '') !== undefined;
  const next = tags[nextNonStop(tags, at)];
  const beside = (unitNext ? [tags[previous], next] : [next, tags[previous]])
    .map((candidate) => (candidate ? columnOf(candidate) : undefined))
    .find((column) => amountsOf(column) !== undefined);
  const named = new Map<string, CatalogColumn>();
  for (const other of tags) {
    const column = columnOf(other);
    if (column && amountsOf(column)) named.set(column.name, column);
  }
  const column = beside ?? (named.size === 1 ? [...named.values()][0] : undefined);
  const amounts = amountsOf(column);
  if (!column || !amounts) return undefined;
  if (!unitAgrees(tokens[tag.end]?.norm ?? '', unitOf(amounts))) return undefined;
  const kept = [...amounts].filter(([, amount]) => holds[operator](amount, tag.comparison.value));
  if (kept.length === 0) return undefined;
  return {
    range: { op: 'in', column: { column: column.name }, values: kept.map(([cell]) => cell) },
    column,
  };
}

function unitOf(amounts: Map<string, number>): string {
  const [cell] = amounts.keys();
  return /^\s*[#~≈]?\s*[$€£¥₹]?[-−]?[\d,.]+\s*([a-z%]+)/i.exec(cell ?? '')?.[1]?.toLowerCase() ?? '';
}

/** Unit words, written in full or short, by the unit they name. */
const units: Array<[RegExp, string]> = [
  [/^(mm|millimet(er|re)s?)$/, 'mm'],
  [/^(cm|centimet(er|re)s?)$/, 'cm'],
  [/^(km|kilomet(er|re)s?)$/, 'km'],
  [/^(m|meters?|metres?)$/, 'm'],
  [/^(in|inch(es)?)$/, 'in'],
  [/^(ft|feet|foot)$/, 'ft'],
  [/^(mi|miles?)$/, 'mi'],
  [/^(kg|kilograms?)$/, 'kg'],
  [/^(g|grams?)$/, 'g'],
  [/^(lbs?|pounds?)$/, 'lb'],
  [/^(t|tonnes?|tons?)$/, 't'],
  [/^(s|secs?|seconds?)$/, 's'],
  [/^(mins?|minutes?)$/, 'min'],
  [/^(h|hrs?|hours?)$/, 'h'],
  [/^(yrs?|years?)$/, 'year'],
  [/^(days?)$/, 'day'],
  [/^(%|percent)$/, '%'],
];

function unitName(word: string): string | undefined {
  return units.find(([pattern]) => pattern.test(word))?.[1];
}

/**
 * "200 feet" against cells in "ft": a unit word after the number must name the cells' unit; a unit the
 * cells do not show ("3 minutes" against "3:05") is a conversion the reading does not do.
 */
function unitAgrees(questionWord: string, cellUnit: string): boolean {
  const asked = questionWord === 'in' ? undefined : unitName(questionWord);
  if (asked === undefined) return true;
  return unitName(cellUnit) === asked;
}
