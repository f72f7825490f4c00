import { describe, expect, it } from 'vitest';
import { catalogFromSchema } from './catalog';
import { datePhraseAt, openRangeAt, resolveRelative } from './dates';
import { closestWord, editDistance } from './fuzzy';
import { pluralize, singularize, splitIdentifier } from './inflect';
import { Lexicon } from './lexicon';
import { comparisonAt, numberValue } from './numbers';
import { tokenize } from './tokenize';
import { ValueIndex } from './value-index';
import { wordnetSynonyms } from './wordnet';

describe('tokenize and inflect', () => {
  it('keeps numbers, quoted strings and possessives', () => {
    const tokens = tokenize('Show the singer\'s "Hey Jude" sales over 12,467 in Q3?');
    expect(tokens.map((token) => token.kind)).toEqual([
      'word',
      'word',
      'word',
      'quoted',
      'word',
      'word',
      'number',
      'word',
      'word',
    ]);
    expect(tokens[2]?.norm).toBe('singer');
    expect(tokens[6]?.value).toBe(12467);
  });
  it('splits identifiers and inflects', () => {
    expect(splitIdentifier('SongReleaseYear')).toEqual(['song', 'release', 'year']);
    expect(splitIdentifier('num_of_staff')).toEqual(['num', 'of', 'staff']);
    expect(singularize('countries')).toBe('country');
    expect(singularize('addresses')).toBe('address');
    expect(pluralize('city')).toBe('cities');
  });
});

describe('numbers and comparisons', () => {
  const at = (text: string) => comparisonAt(tokenize(text), 0);
  it('reads comparison phrases', () => {
    expect(at('over 10')).toMatchObject({ operator: '>', value: 10 });
    expect(at('at least three')).toMatchObject({ operator: '>=', value: 3 });
    expect(at('between 5 and 10')).toMatchObject({ operator: 'between', value: 5, high: 10 });
    expect(at('more than 2')).toMatchObject({ operator: '>', value: 2 });
    expect(at('older than 30')).toMatchObject({ operator: '>', value: 30, hint: 'age' });
    expect(at('10 or more')).toMatchObject({ operator: '>=', value: 10 });
    expect(at('over the top')).toBeUndefined();
  });
});

describe('dates at a fixed as-of date', () => {
  const phrase = (text: string) => {
    const tokens = tokenize(text);
    return openRangeAt(tokens, 0, 2024) ?? datePhraseAt(tokens, 0, 2024);
  };
  it('resolves absolute phrases', () => {
    expect(phrase('2010')).toMatchObject({ from: '2010-01-01', to: '2010-12-31' });
    expect(phrase('Q3 2024')).toMatchObject({ from: '2024-07-01', to: '2024-09-30' });
    expect(phrase('first half of 2010')).toMatchObject({ from: '2010-01-01', to: '2010-06-30' });
    expect(phrase('February 2024')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(phrase('since March 2024')).toMatchObject({ from: '2024-03-01' });
    expect(phrase('before 2010')).toMatchObject({ to: '2009-12-31' });
  });
  it('keeps relative phrases relative and resolves them against the as-of date', () => {
    const last30 = phrase('last 30 days');
    expect(last30).toMatchObject({ kind: 'relative', unit: 'day', mode: 'last_n', n: 30 });
    if (last30?.kind !== 'relative') throw new Error('expected relative');
    expect(resolveRelative(last30, '2024-05-15')).toEqual({ from: '2024-04-16', to: '2024-05-15' });
    const thisMonth = phrase('this month');
    if (thisMonth?.kind !== 'relative') throw new Error('expected relative');
    expect(resolveRelative(thisMonth, '2024-05-15')).toEqual({ from: '2024-05-01', to: '2024-05-31' });
    const ytd = phrase('year to date');
    if (ytd?.kind !== 'relative') throw new Error('expected relative');
    expect(resolveRelative(ytd, '2024-05-15')).toEqual({ from: '2024-01-01', to: '2024-05-15' });
  });
});

describe('fuzzy matching, values and WordNet', () => {
  it('counts a transposition as one edit and refuses ties', () => {
    expect(editDistance('custmoers', 'customers')).toBe(1);
    expect(closestWord('revenu', ['revenue', 'region'])).toEqual({ candidate: 'revenue', distance: 1 });
    expect(closestWord('cat', ['car'])).toBeUndefined();
  });
  it('maps multi-word values to their column', () => {
    const index = new ValueIndex([
      { table: 'city', column: 'name', values: ['New York', 'Berlin', '42', null] },
    ]);
    expect(index.lookup(['new', 'york'])).toEqual([{ table: 'city', column: 'name', value: 'New York' }]);
    expect(index.lookup(['42'])).toBeUndefined();
  });
  it('reads synonyms from the WordNet files', () => {
    expect(wordnetSynonyms('customer', 1)).toContain('client');
  });
});

describe('words that are also JavaScript object keys', () => {
  it('treats "constructor" as an ordinary word everywhere', () => {
    expect(singularize('constructor')).toBe('constructor');
    expect(numberValue(tokenize('constructor')[0])).toBeUndefined();
    const catalog = catalogFromSchema({
      tables: [
        {
          name: 'race',
          columns: [{ name: 'constructor', sourceType: 'TEXT', logicalType: 'text', nullable: true }],
        },
      ],
    });
    expect(new Lexicon(catalog).lookup(['constructor'])?.[0]?.target).toMatchObject({ kind: 'column' });
  });
});
