/**
 * "What is the first airbase listed on the chart?", "which song is last on the list?": the first or last
 * row as the table lists it, when the question speaks of the listing. End to end (SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let bases: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  bases = createSqliteFixture(
    'bases',
    `
    CREATE TABLE bases (name TEXT, place TEXT, runways INTEGER);
    INSERT INTO bases VALUES
      ('Kessab Field','Latakia',1),('Abu Dali Airbase','Hama',2),
      ('Tell Harbour Airbase','Homs',1),('Marj Strip','Aleppo',3);
  `,
  );
});

afterAll(() => bases.close());

const ask = (question: string) => answerCells(answerer, bases, question);

describe('the first or last row as listed', () => {
  it('answers a column named by a word the lexicon takes for filler', async () => {
    expect(await ask('what is the top place listed on the chart?')).toEqual(['Latakia']);
    expect(await ask('what is the bottom place listed on the chart?')).toEqual(['Aleppo']);
  });

  it('keeps the rows holding a word of their cells, and abstains on words it cannot place', async () => {
    expect(await ask('what is the first airbase listed on the chart?')).toEqual(['Abu Dali Airbase']);
    expect(await ask('what is the last airbase listed on the chart?')).toEqual(['Tell Harbour Airbase']);
    expect(await ask('which is the first airbase listed alphabetically?')).toBe('abstain');
  });
});
