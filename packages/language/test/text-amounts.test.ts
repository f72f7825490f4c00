/**
 * Superlatives over one sheet where the ranked amounts are stored as text ("1,450 tonnes", "12.5 m"),
 * "the most <names>" counted as rows, ties kept, and the ranked column read as the answer when it is
 * what the question asks for. Each question runs end to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let ships: SqliteFixture;
let races: SqliteFixture;
let summed: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  ships = createSqliteFixture(
    'ships',
    `
    CREATE TABLE ships (class TEXT, builder TEXT, displacement TEXT, length TEXT, crew INTEGER);
    INSERT INTO ships VALUES
      ('Aster class','Hallberg','1,450 tonnes','61.2 m',40),
      ('Birch class','Hallberg','980 tonnes','48 m',25),
      ('Cedar class','Norrvik','2,300 tonnes','75.5 m',60),
      ('Dune class','Norrvik','-','48 m',25),
      ('Elm class','Ostby','2,300 tonnes','70 m',52);
  `,
  );
  races = createSqliteFixture(
    'races',
    `
    CREATE TABLE races (year INTEGER, race TEXT, venue TEXT, attendance INTEGER);
    INSERT INTO races VALUES
      (2001,'Spring Cup','Harbour Park',1200),
      (2001,'Autumn Cup','Harbour Park',900),
      (2002,'Winter Sprint','Lake Field',3100),
      (2003,'Spring Cup','Lake Field',800),
      (2003,'Night Run','Harbour Park',1500),
      (2003,'Coastal Relay','Old Mill',700);
  `,
  );
  summed = createSqliteFixture(
    'summed',
    `
    CREATE TABLE summed (club TEXT, budget TEXT);
    INSERT INTO summed VALUES ('Lyon','12 m'),('Nice','9 m'),('Metz','4 m'),('Total','25 m');
  `,
  );
});

afterAll(() => {
  ships.close();
  races.close();
  summed.close();
});

const ask = (fixture: SqliteFixture, question: string) => answerCells(answerer, fixture, question);

describe('superlatives over amounts stored as text', () => {
  it('ranks text amounts by their number, not alphabetically', async () => {
    expect(await ask(ships, 'which class has the least displacement?')).toEqual(['Birch class']);
  });

  it('returns every row tied at the extreme', async () => {
    expect(new Set(await ask(ships, 'which class has the most displacement?'))).toEqual(
      new Set(['Cedar class', 'Elm class']),
    );
    expect(new Set(await ask(ships, 'which class has the shortest length?'))).toEqual(
      new Set(['Birch class', 'Dune class']),
    );
  });

  it('abstains on a sheet with a summary row, whose total would be the largest amount', async () => {
    expect(await ask(summed, 'which club has the highest budget?')).toBe('abstain');
  });
});

describe('comparisons with amounts stored as text', () => {
  it('keeps the rows whose amount satisfies the comparison', async () => {
    expect(await ask(ships, 'how many classes have a displacement of more than 1,000 tonnes?')).toEqual([3]);
    expect(new Set(await ask(ships, 'which classes have a length of more than 65 m?'))).toEqual(
      new Set(['Cedar class', 'Elm class']),
    );
  });

  it('abstains when the unit of the number is not the unit of the cells', async () => {
    expect(await ask(ships, 'how many classes have a length of more than 50 m?')).toEqual([3]);
    expect(await ask(ships, 'how many classes have a length of more than 50 feet?')).toBe('abstain');
  });
});

describe('the most <names>: a count of rows', () => {
  it('answers the value on the most rows when the counted noun names a text column', async () => {
    expect(await ask(races, 'which year held the most races?')).toEqual([2003]);
    expect(await ask(races, 'which venue had the fewest races?')).toEqual(['Old Mill']);
  });
});

describe('the ranked column as the answer', () => {
  it('answers the extreme value itself when the question asks for it', async () => {
    expect(await ask(races, 'what is the largest attendance?')).toEqual([3100]);
    expect(await ask(ships, 'what is the least displacement?')).toEqual(['980 tonnes']);
  });
});
