/**
 * Ordinals that name places in a results sheet ("finish 9th", "how many times … first"): they filter the
 * column whose cells are places ("1st", "3rd (q)"). Each question runs end to end (understand → compile
 * → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let results: SqliteFixture;
let twoPlaces: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  results = createSqliteFixture(
    'results',
    `
    CREATE TABLE results (year INTEGER, competition TEXT, venue TEXT, position TEXT);
    INSERT INTO results VALUES
      (2005,'Nordic Games','Oslo','3rd'),
      (2006,'Coastal Open','Bergen','1st'),
      (2007,'Nordic Games','Turku','9th (q)'),
      (2008,'Coastal Open','Aarhus','1st'),
      (2009,'Harbour Cup','Malmo','DNF'),
      (2010,'Harbour Cup','Malmo','4th');
  `,
  );
  twoPlaces = createSqliteFixture(
    'two_places',
    `
    CREATE TABLE two_places (season INTEGER, league_place TEXT, cup_place TEXT);
    INSERT INTO two_places VALUES (2001,'1st','2nd'),(2002,'3rd','1st'),(2003,'2nd','5th'),(2004,'1st','1st'),(2005,'5th','4th');
  `,
  );
});

afterAll(() => {
  results.close();
  twoPlaces.close();
});

const ask = (fixture: SqliteFixture, question: string) => answerCells(answerer, fixture, question);

describe('ordinals naming places', () => {
  it('counts the rows whose place is the ordinal', async () => {
    expect(await ask(results, 'how many times did she finish fourth?')).toEqual([1]);
    expect(await ask(results, 'how many times did she finish first?')).toEqual([2]);
  });

  it('finds the row of a place, notes in the cell included', async () => {
    expect(await ask(results, 'in what year did she finish ninth?')).toEqual([2007]);
    expect(await ask(results, 'what year did she place fourth?')).toEqual([2010]);
  });

  it('uses the place column the question names, and abstains when two could be meant', async () => {
    expect(await ask(twoPlaces, 'how many times was the cup place fifth?')).toEqual([1]);
    expect(await ask(twoPlaces, 'how many times did they finish fifth?')).toBe('abstain');
  });
});
