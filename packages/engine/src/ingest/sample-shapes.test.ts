import { describe, expect, it } from 'vitest';
import { countShapes, emptyShapeCounts, type ShapeCounts, valueShape } from './sample-shapes';
import {
  anyNumber,
  booleanWords,
  commaAmbiguous,
  commaNumber,
  dateFormats,
  footnotePattern,
  fullMatch,
  plainNumber,
} from './value-patterns';

/** The sample pass as first written: every test on every value, no shortcuts. */
function referenceCounts(values: unknown[]): ShapeCounts {
  const counts: ShapeCounts = emptyShapeCounts();
  for (const t of values) {
    if (typeof t !== 'string') continue;
    counts.present++;
    const f = t.replace(new RegExp(footnotePattern), '');
    if ([fullMatch(anyNumber), fullMatch(plainNumber)].some((pattern) => pattern.test(f))) counts.numbers++;
    if (fullMatch(commaNumber).test(f)) {
      counts.commaNumbers++;
      if (fullMatch(commaAmbiguous).test(f)) counts.ambiguous++;
    }
    if (t.toLowerCase() in booleanWords) counts.booleans++;
    const season = /^(\d{4})-(\d{2})$/.exec(t);
    if (season && (Number(season[1]!.slice(2)) + 1) % 100 === Number(season[2])) counts.seasons++;
    dateFormats.forEach((date, j) => {
      if (fullMatch(date.shape).test(f)) counts.dates[j]!++;
    });
  }
  return counts;
}

const values = [
  '7,169',
  '1,115',
  '828',
  '$1,234.50',
  '($1,000.25)',
  '-$3.10',
  '12%',
  '2,5',
  '1.234,56',
  '12,50 €',
  '1,234[a]',
  '56*',
  '45†',
  '1e5',
  '.5',
  '2021-03-04',
  '2021-03-04 12:30:00',
  '2021-03-04T12:30:00',
  '03/04/2021',
  '4.3.2021',
  'March 4, 2021',
  '4 Mar 2021',
  'May 2021',
  '2005-06',
  '2021-07',
  'yes',
  'No',
  'TRUE',
  'constructor',
  'Kitchen',
  'Country 13',
  'SKU-00719',
  'u351112@mail.test',
  '١٢٣',
  '',
  null,
  undefined,
  42,
];

describe('sample shapes', () => {
  it('counts the same shapes as testing every value with every pattern', () => {
    expect(countShapes(values)).toEqual(referenceCounts(values));
    const repeated = [...values, ...values.slice(0, 20), ...values.slice(15), 'yes', 'yes', '2021-03-04'];
    expect(countShapes(repeated)).toEqual(referenceCounts(repeated));
  });

  it('keeps its counts right when columns share what earlier values found', () => {
    const seen = new Map();
    const first = ['12', '12', 'yes', '2021-01-02'];
    const second = ['yes', '12', 'no', 'Kitchen'];
    expect(countShapes(first, seen)).toEqual(referenceCounts(first));
    expect(countShapes(second, seen)).toEqual(referenceCounts(second));
    expect(seen.size).toBe(5);
  });

  it('reads no number or date into text without digits', () => {
    expect(valueShape('Kitchen')).toMatchObject({ number: false, commaNumber: false, boolean: false });
    expect(valueShape('Kitchen').dates.every((match) => !match)).toBe(true);
    expect(valueShape('y')).toMatchObject({ boolean: true, number: false });
  });
});
