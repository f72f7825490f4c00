import { describe, expect, it } from 'vitest';
import { cleanName, cleanNames } from './clean-names';

describe('cleanNames', () => {
  it('makes lower snake case ASCII identifiers', () => {
    expect(cleanName('Unit Price ($)')).toBe('unit_price');
    expect(cleanName('OrderDate')).toBe('order_date');
    expect(cleanName('Café  Größe')).toBe('cafe_grosse');
    expect(cleanName('# of accidents')).toBe('num_of_accidents');
    expect(cleanName('Growth %')).toBe('growth_pct');
    expect(cleanName('Chart-Positions\nUK')).toBe('chart_positions_uk');
  });

  it('prefixes a leading digit, names empty headers by position and dedupes', () => {
    expect(cleanNames(['2019', '', 'Name', 'name', 'NAME', '  '])).toEqual([
      'c_2019',
      'column_2',
      'name',
      'name_2',
      'name_3',
      'column_6',
    ]);
  });
});
