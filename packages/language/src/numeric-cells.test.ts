import { describe, expect, it } from 'vitest';
import { cellAmount, columnAmounts, extremeCells } from './numeric-cells';

describe('cellAmount', () => {
  it('reads the first amount of a cell with its unit', () => {
    expect(cellAmount('1,450 tonnes')).toEqual({ value: 1450, unit: 'tonnes' });
    expect(cellAmount('113.6 m')).toEqual({ value: 113.6, unit: 'm' });
    expect(cellAmount('#19')).toEqual({ value: 19, unit: '' });
    expect(cellAmount('12[3]')).toEqual({ value: 12, unit: '' });
    expect(cellAmount('~1,200*')).toEqual({ value: 1200, unit: '' });
    expect(cellAmount('49.4 hectares (122 acres)')).toEqual({ value: 49.4, unit: 'hectares' });
    expect(cellAmount('-3.5')).toEqual({ value: -3.5, unit: '' });
  });

  it('reads ordinals as one unit and clock times as seconds', () => {
    expect(cellAmount('36th (q)')).toEqual({ value: 36, unit: 'ordinal' });
    expect(cellAmount('1st')).toEqual({ value: 1, unit: 'ordinal' });
    expect(cellAmount('4:26')).toEqual({ value: 266, unit: 'clock' });
    expect(cellAmount('1:09:36')).toEqual({ value: 4176, unit: 'clock' });
  });

  it('refuses scores, ranges and cells without a leading number', () => {
    expect(cellAmount('3–1')).toBeUndefined();
    expect(cellAmount('2-0')).toBeUndefined();
    expect(cellAmount('1998–2001')).toBeUndefined();
    expect(cellAmount('W 52–10')).toBeUndefined();
    expect(cellAmount('n/a')).toBeUndefined();
    expect(cellAmount('0.50\n1.98')).toBeUndefined();
  });

  it('keeps the currency in the unit and reads a note on a later line as a note', () => {
    expect(cellAmount('€241,000\n(reduced from €300,000)')).toEqual({ value: 241000, unit: '€' });
    expect(cellAmount('£250,000,000')).toEqual({ value: 250000000, unit: '£' });
    expect(columnAmounts(['€300,000', '£250,000,000', '€240,000', '€500,000'])).toBeUndefined();
  });
});

describe('columnAmounts and extremeCells', () => {
  it('treats a column of amounts in one unit as amounts, ignoring blanks', () => {
    const cells = ['1,450 tonnes', '980 tonnes', '-', '2,100 tonnes', 'N/A'];
    expect(columnAmounts(cells)?.get('2,100 tonnes')).toBe(2100);
    expect(extremeCells(cells, 'desc')).toEqual(['2,100 tonnes']);
    expect(extremeCells(cells, 'asc')).toEqual(['980 tonnes']);
  });

  it('keeps every cell tied at the extreme', () => {
    expect(extremeCells(['5 m', '5.0 m', '3 m', '4 m'], 'desc')).toEqual(['5 m', '5.0 m']);
  });

  it('refuses columns mixing units, scores or too few amounts', () => {
    expect(columnAmounts(['1k', '2k', '1M', '4k'])).toBeUndefined();
    expect(columnAmounts(['3–1', '2–2', '1–0', '4'])).toBeUndefined();
    expect(columnAmounts(['12 m', '-', 'none'])).toBeUndefined();
  });
});
