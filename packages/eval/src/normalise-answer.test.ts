import { describe, expect, it } from 'vitest';
import { denotationMatches, normaliseAnswer, parseDate, parseNumber } from './normalise-answer';

describe('normaliseAnswer', () => {
  it('parses numbers with separators and decimal zeros', () => {
    expect(normaliseAnswer('12,467')).toEqual({ kind: 'number', value: 12467 });
    expect(normaliseAnswer('12467.0')).toEqual({ kind: 'number', value: 12467 });
    expect(normaliseAnswer(12467)).toEqual({ kind: 'number', value: 12467 });
    expect(normaliseAnswer('-3.5')).toEqual({ kind: 'number', value: -3.5 });
    expect(parseNumber('$1,234.50')).toBe(1234.5);
    expect(parseNumber('12%')).toBe(12);
    expect(parseNumber('12 %')).toBe(12);
    expect(parseNumber('%12')).toBeUndefined();
    expect(parseNumber('1,2')).toBeUndefined();
    expect(parseNumber('12,46')).toBeUndefined();
  });

  it('turns dates written in common ways into ISO', () => {
    expect(parseDate('May 3, 2004')).toBe('2004-05-03');
    expect(parseDate('3 May 2004')).toBe('2004-05-03');
    expect(parseDate('Sept. 21st, 1999')).toBe('1999-09-21');
    expect(parseDate('2004-05-03T00:00:00')).toBe('2004-05-03');
    expect(parseDate('March 2010')).toBe('2010-03');
    expect(parseDate('5/3/2004')).toBe('2004-05-03');
    expect(parseDate('February 30, 2004')).toBeUndefined();
    expect(parseDate('Mayday 2004')).toBeUndefined();
  });

  it('lower-cases text and strips punctuation, articles, diacritics and footnote marks', () => {
    expect(normaliseAnswer('The Beatles')).toEqual({ kind: 'text', text: 'beatles' });
    expect(normaliseAnswer('Bangkok, Thailand')).toEqual({ kind: 'text', text: 'bangkok thailand' });
    expect(normaliseAnswer('Zürich')).toEqual(normaliseAnswer('zurich'));
    expect(normaliseAnswer('Ohio State[1]')).toEqual(normaliseAnswer('ohio state'));
    expect(normaliseAnswer('Wolfe Tones*')).toEqual(normaliseAnswer('Wolfe Tones'));
    expect(normaliseAnswer('“A Day in the Life”')).toEqual({ kind: 'text', text: 'day in life' });
    // Articles go only as whole words.
    expect(normaliseAnswer('Theater')).toEqual({ kind: 'text', text: 'theater' });
  });
});

describe('denotationMatches', () => {
  it('matches numbers written differently', () => {
    expect(denotationMatches(['12,467'], [12467])).toBe(true);
    expect(denotationMatches(['12467'], ['12467.0'])).toBe(true);
    expect(denotationMatches(['2004'], [2004])).toBe(true);
    expect(denotationMatches(['2004'], [2005])).toBe(false);
  });

  it('matches dates against ISO values from the database', () => {
    expect(denotationMatches(['May 3, 2004'], ['2004-05-03'])).toBe(true);
    expect(denotationMatches(['May 3, 2004'], ['2004-05-04'])).toBe(false);
  });

  it('compares sets in any order and needs every gold answer', () => {
    expect(denotationMatches(['Italy', 'France'], ['france', 'italy'])).toBe(true);
    expect(denotationMatches(['Italy', 'France'], ['italy'])).toBe(false);
    expect(denotationMatches(['Italy'], ['italy', 'spain'])).toBe(false);
    expect(denotationMatches(['Italy'], ['Italy', 'Italy'])).toBe(true);
  });

  it('does not equate a number with a number-plus-unit or a near string', () => {
    expect(denotationMatches(['3 years'], [3])).toBe(false);
    expect(denotationMatches(['1-0'], ['1 0'])).toBe(true);
    expect(denotationMatches(['Manchester United'], ['Manchester City'])).toBe(false);
    expect(denotationMatches([], [])).toBe(true);
    expect(denotationMatches(['x'], [])).toBe(false);
    expect(denotationMatches(['x'], [null])).toBe(false);
  });
});
