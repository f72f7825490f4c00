/**
 * "Which district has a higher population, Angul or Cuttack?", "which year had more laps, 1988 or
 * 1985?", "who has more votes in Butler, Obama or McCain?": choices between two named things, decided
 * by an amount. End to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });
let districts: SqliteFixture;
let races: SqliteFixture;
let votes: SqliteFixture;
let films: SqliteFixture;

beforeAll(() => {
  districts = createSqliteFixture(
    'districts',
    `
    CREATE TABLE districts (district TEXT, headquarters TEXT, population INTEGER, density TEXT, rank INTEGER);
    INSERT INTO districts VALUES
      ('Angul','Angul',1200,'999 /km2',3),('Cuttack','Cuttack',2600,'666 /km2',1),
      ('Puri','Puri',1700,'488 /km2',2),('Khurda','Bhubaneswar',2200,'799 /km2',4);
  `,
  );
  races = createSqliteFixture(
    'races',
    `
    CREATE TABLE races (year INTEGER, driver TEXT, laps INTEGER);
    INSERT INTO races VALUES (1985,'Ann',200),(1985,'Bea',100),(1988,'Cal',150),(1988,'Dee',120),(1990,'Eve',90);
  `,
  );
  votes = createSqliteFixture(
    'votes',
    `
    CREATE TABLE votes (county TEXT, obama INTEGER, mccain INTEGER);
    INSERT INTO votes VALUES ('Butler',100,150),('Adams',300,200),('Clark',50,40);
  `,
  );
  films = createSqliteFixture(
    'films',
    `
    CREATE TABLE films (title TEXT, release_date DATE, gross INTEGER);
    INSERT INTO films VALUES ('Mob Rule','2003-05-01',10),('Lucky Day','1999-10-12',20),('Night Run','2010-01-09',30);

  `,
  );
});

afterAll(() => {
  for (const fixture of [districts, races, votes, films]) fixture.close();
});

describe('a choice between two values of one column', () => {
  it('takes the column the question names when both names stand in two columns', async () => {
    expect(
      await answerCells(answerer, districts, 'which district has a higher population, angul or cuttack?'),
    ).toEqual(['Cuttack']);
  });

  it('takes the leftmost column when the question names none', async () => {
    expect(await answerCells(answerer, districts, 'which has a larger population, puri or angul?')).toEqual([
      'Puri',
    ]);
  });

  it('reads "ranked higher" as the smaller place', async () => {
    expect(await answerCells(answerer, districts, 'was angul or puri ranked higher?')).toEqual(['Puri']);
  });

  it('does not compare population when the question asks for a density written as text', async () => {
    expect(
      await answerCells(answerer, districts, 'which district has a lower population density, angul or puri?'),
    ).not.toEqual(['Angul']);
  });

  it('chooses between two years of the year column', async () => {
    expect(await answerCells(answerer, races, 'which year had more laps, 1988 or 1985?')).toEqual([1985]);
    expect(await answerCells(answerer, races, 'were there more drivers in 1990 or 1988?')).toEqual([1988]);
  });

  it('reads "older" as the earlier date, but not over dates written as text', async () => {
    expect(await answerCells(answerer, films, 'which film is older, mob rule or lucky day?')).toEqual([
      'Lucky Day',
    ]);
    const shows = createSqliteFixture(
      'shows',
      "CREATE TABLE shows (title TEXT, premiere_date TEXT, gross INTEGER); INSERT INTO shows VALUES ('Mob Rule','2 January 1985',10),('Lucky Day','12 March 1990',20),('Night Run','5 May 1970',30);",
    );
    expect(await answerCells(answerer, shows, 'which show is older, lucky day or night run?')).not.toEqual([
      'Lucky Day',
    ]);
    shows.close();
  });
});

describe('a choice between two amount columns', () => {
  it('compares the two columns over the row the question names', async () => {
    expect(
      await answerCells(answerer, votes, 'who has more votes in butler county, obama or mccain?'),
    ).toEqual(['Mccain']);
  });

  it('compares their totals when no row is named, and the smaller one for "fewer"', async () => {
    expect(await answerCells(answerer, votes, 'are there more obama or mccain votes?')).toEqual(['Obama']);
    expect(await answerCells(answerer, votes, 'were there fewer obama or mccain votes?')).toEqual(['Mccain']);
    expect(await answerCells(answerer, votes, 'which county had more obama or mccain votes?')).not.toEqual([
      'Obama',
    ]);
  });
});

describe('what "more <noun>" counts', () => {
  it('adds up the one amount column the noun stands in, and does not count one row per name', async () => {
    const seats = createSqliteFixture(
      'seats',
      `CREATE TABLE seats (name TEXT, district TEXT, number_of_electorates INTEGER);
       INSERT INTO seats VALUES ('Khargapur','Tikamgarh',900),('Niwari','Tikamgarh',1200),('Jatara','Tikamgarh',800);`,
    );
    expect(await answerCells(answerer, seats, 'who has more electorates, khargapur or niwari?')).toEqual([
      'Niwari',
    ]);
    expect(await answerCells(answerer, seats, 'who has more trophies, khargapur or niwari?')).toBe('abstain');
    seats.close();
  });
});
