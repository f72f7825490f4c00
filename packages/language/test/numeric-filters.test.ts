/**
 * Conditions inside count questions on one sheet: a month named without a year, a plural that names a
 * cell value ("wins" → "Win"), and what "how many <column>" counts (entries of the list, periods once).
 * End to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let season: SqliteFixture;
let dated: SqliteFixture;
let tours: SqliteFixture;
let heats: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  season = createSqliteFixture(
    'season',
    `
    CREATE TABLE season (date TEXT, opponent TEXT, score TEXT, result TEXT);
    INSERT INTO season VALUES
      ('June 21','Sacramento','60-70','Loss'),('June 23','Los Angeles','102-89','Win'),
      ('July 2','Houston','77-70','Win'),('July 9','Phoenix','65-80','Loss'),
      ('July 15','Seattle','90-88','Win'),('August 1','Houston','70-71','Loss');
  `,
  );
  dated = createSqliteFixture(
    'dated',
    `
    CREATE TABLE dated (game_day DATE, opponent TEXT, attendance INTEGER);
    INSERT INTO dated VALUES ('1959-11-01','Rams',40000),('1959-11-08','Bears',35000),('1958-10-04','Colts',30000);
  `,
  );
  tours = createSqliteFixture(
    'tours',
    `
    CREATE TABLE tours (year INTEGER, tournament TEXT, surface TEXT, partner TEXT);
    INSERT INTO tours VALUES
      (2001,'Open Cup','Hard','Ann Lee'),(2001,'Harbour Classic','Clay','Ann Lee'),
      (2002,'Open Cup','Hard','Mia Roy'),(2003,'Open Cup','Grass','Ann Lee'),(2003,'Lake Trophy','Hard','Mia Roy');
  `,
  );
  heats = createSqliteFixture(
    'heats',
    `
    CREATE TABLE heats (pick INTEGER, name TEXT, nationality TEXT, time TEXT);
    INSERT INTO heats VALUES
      (1,'Ada Lind','Sweden','1:01.2'),(2,'Bo Hart','Australia','1:01.9'),(3,'Cy Moss','Kenya','1:02.3'),
      (4,'Di Park','Australia','1:02.8'),(5,'Ed Wren','Germany','1:03.0');
  `,
  );
});

afterAll(() => {
  heats.close();
  season.close();
  dated.close();
  tours.close();
});

const ask = (fixture: SqliteFixture, question: string) => answerCells(answerer, fixture, question);

describe('a month without a year on one sheet', () => {
  it('keeps the text dates of that month', async () => {
    expect(await ask(season, 'how many games were in july?')).toEqual([3]);
  });

  it('refuses rather than read the month of the current year in a real date column', async () => {
    expect(await ask(dated, 'how many games were in november?')).toBe('abstain');
  });
});

describe('a plural that names a cell value', () => {
  it('counts the rows holding the singular', async () => {
    expect(await ask(season, 'how many wins did they have in july?')).toEqual([2]);
    expect(await ask(season, 'how many losses were there?')).toEqual([3]);
  });
});

describe('what "how many <column>" counts on one sheet', () => {
  it('counts every entry of the list, repeats included', async () => {
    expect(await ask(tours, 'how many tournaments are listed?')).toEqual([5]);
    expect(await ask(tours, 'how many tournaments had ann lee as partner?')).toEqual([3]);
  });

  it('counts different values when asked, and periods once', async () => {
    expect(await ask(tours, 'how many different tournaments are there?')).toEqual([3]);
    expect(await ask(tours, 'how many years are listed?')).toEqual([3]);
  });
});

describe('a demonym names its country', () => {
  it('counts the rows of the country', async () => {
    expect(await ask(heats, 'how many australians are listed?')).toEqual([2]);
    expect(await ask(heats, 'how many swimmers are kenyan?')).toEqual([1]);
  });
});

describe('numbers that order the rows are counted, not added up', () => {
  it('counts picks instead of adding up the pick numbers', async () => {
    expect(await ask(heats, 'what is the total number of picks?')).toEqual([5]);
  });
});

describe('verbs that only say a row happened', () => {
  it('adds no condition to a count, while an outcome verb that names a result keeps it', async () => {
    expect(await ask(tours, 'how many tournaments were played on hard?')).toEqual([3]);
    expect(await ask(season, 'how many games did houston win?')).toEqual([1]);
  });
});
