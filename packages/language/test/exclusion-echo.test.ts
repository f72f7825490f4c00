/**
 * "Besides X, which other …", "who else … other than X?": "other" and "else" repeat the exclusion of a
 * named value, so the question reads as its filter. End to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropExclusionEcho } from '../src/exclusion-echo';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let clubs: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  clubs = createSqliteFixture(
    'clubs',
    `
    CREATE TABLE clubs (club TEXT, city TEXT, points INTEGER, coach TEXT);
    INSERT INTO clubs VALUES
      ('Red Lions','Leeds',17,'Ann Moss'),('Blue Harbour','York',12,'Bo Lind'),
      ('Green Vale','Leeds',17,'Cy Hale'),('Stone Bridge','Hull',9,'Di Vos');
  `,
  );
});

afterAll(() => clubs.close());

const ask = (question: string) => answerCells(answerer, clubs, question);

describe('words that echo an exclusion', () => {
  it('drops "other", "else" and "another" only when a value is excluded', () => {
    expect(dropExclusionEcho('besides Ajax, which other team won?')).toBe('besides Ajax, which team won?');
    expect(dropExclusionEcho('name another club other than X.')).toBe('name a club other than X.');
    expect(dropExclusionEcho('who else won besides Y?')).toBe('who won besides Y?');
    expect(dropExclusionEcho('which other team won?')).toBeUndefined();
    expect(dropExclusionEcho('which team won other than Ajax?')).toBeUndefined();
  });

  it('answers with the excluded row left out', async () => {
    expect(await ask('besides red lions, which other club has 17 points?')).toEqual(['Green Vale']);
    expect(await ask('besides ann moss, who else coached a club in leeds?')).toEqual(['Green Vale']);
    expect(await ask('name another club in leeds other than red lions.')).toEqual(['Green Vale']);
  });

  it('still abstains on "other" with nothing excluded', async () => {
    expect(await ask('which other club is in leeds?')).toBe('abstain');
  });
});
