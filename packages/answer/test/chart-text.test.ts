import { describe, expect, it } from 'vitest';
import { measureText, readFontMetrics } from '../src/chart/font-metrics';
import { chartFontFiles } from '../src/chart/render-chart';
import { formatTimeValue, timeAxis } from '../src/chart/time-format';

describe('font metrics from the shipped TTF', () => {
  const [regularFile, boldFile] = chartFontFiles as [string, string];
  const regular = readFontMetrics(regularFile);
  const bold = readFontMetrics(boldFile);

  it('reads DejaVu Sans advance widths', () => {
    expect(regular.unitsPerEm).toBe(2048);
    // DejaVu Sans: every digit is 1303 units wide, a space 651.
    expect(regular.advance('0'.codePointAt(0)!)).toBe(1303);
    expect(regular.advance('7'.codePointAt(0)!)).toBe(1303);
    expect(regular.advance(' '.codePointAt(0)!)).toBe(651);
  });

  it('measures text: wide letters wider than narrow ones, bold wider than regular', () => {
    expect(measureText(regular, 'WWW', 11)).toBeGreaterThan(measureText(regular, 'iii', 11) * 2);
    expect(measureText(bold, 'Revenue', 11)).toBeGreaterThan(measureText(regular, 'Revenue', 11));
    expect(measureText(regular, '€£¥', 11)).toBeGreaterThan(0);
  });
});

describe('time formats', () => {
  it('writes dates at their grain', () => {
    expect(formatTimeValue('2024-03-01', 'month')).toBe('Mar 2024');
    expect(formatTimeValue('2024-04-01', 'quarter')).toBe('Q2 2024');
    expect(formatTimeValue('2024-01-01', 'year')).toBe('2024');
    expect(formatTimeValue('2024-03-05T00:00:00Z', 'day')).toBe('Mar 5, 2024');
    expect(formatTimeValue(2021, 'year')).toBe('2021');
  });

  it('gives monthly axes one tick per month and quarterly axes Q labels', () => {
    expect(timeAxis('month')).toMatchObject({ format: '%b %Y', tickCount: { interval: 'month', step: 1 } });
    expect(timeAxis('quarter').labelExpr).toContain('utcquarter');
  });
});
