/**
 * Text answers of one-table lookups (H3 rules): the column that names rows when no column is called
 * Name or Title, "the name of the first <column>", "top" as a superlative (an amount column, a rank
 * column, or the first row listed), "the most number of <column>", "by" introducing who did something,
 * a keyword that is a column's whole name ("show"), and "the same <column> as <value>". Each question runs end to end
 * (understand → compile → SQLite) on tables written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let leaderboard: SqliteFixture;
let league: SqliteFixture;
let shows: SqliteFixture;
let codes: SqliteFixture;
let squad: SqliteFixture;
let titles: SqliteFixture;
let race: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  leaderboard = createSqliteFixture(
    'leaderboard',
    `
    CREATE TABLE leaderboard (place TEXT, player TEXT, country TEXT, score INTEGER, notes TEXT);
    INSERT INTO leaderboard VALUES
      ('1','Ida Moss','Norway',201,'Won after a long playoff against two others'),
      ('T2','Lena Park','Sweden',204,'Led after the opening round of the event'),
      ('T2','Mia Quist','Norway',204,'Her best finish at any major championship'),
      ('4','Nora Ruud','Sweden',207,'Playing on an invitation from the organisers');
  `,
  );
  // Listed by name, not by position, so "top" must use the Position column.
  league = createSqliteFixture(
    'league',
    `
    CREATE TABLE league (position INTEGER, club TEXT, played INTEGER, wins INTEGER, founded INTEGER);
    INSERT INTO league VALUES
      (2,'Brenna United',30,18,1901),
      (3,'Cato Town',30,15,1923),
      (1,'Orla Rovers',30,21,1899);
  `,
  );
  shows = createSqliteFixture(
    'shows',
    `
    CREATE TABLE shows (year INTEGER, show TEXT, role TEXT, channel TEXT);
    INSERT INTO shows VALUES
      (2010,'Morning Drive','Host','Channel Nine'),
      (2012,'Quiz Night','Contestant','Star One'),
      (2014,'Dance Floor','Judge','Channel Nine');
  `,
  );
  // No text column of names: codes and remarks only.
  codes = createSqliteFixture(
    'codes',
    `
    CREATE TABLE codes (code TEXT, amount INTEGER, remarks TEXT);
    INSERT INTO codes VALUES ('A1',3,'Checked twice by hand'),('B2',5,'Sent back for review'),('C3',2,'Approved without changes');
  `,
  );
  titles = createSqliteFixture(
    'titles',
    `
    CREATE TABLE wins (year INTEGER, event TEXT, country TEXT);
    INSERT INTO wins VALUES
      (2001,'Marathon','Kenya'),(2002,'Marathon','Ethiopia'),(2003,'Relay','Kenya'),(2004,'Sprint','Jamaica'),
      (2005,'Sprint','Uganda');
  `,
  );
  race = createSqliteFixture(
    'race',
    `
    CREATE TABLE race (runner TEXT, time TEXT);
    INSERT INTO race VALUES ('Ane Berg','2:01.40'),('Bo Dahl','1:59.85'),('Cai Lund','2:03.10');
  `,
  );
  squad = createSqliteFixture(
    'squad',
    `
    CREATE TABLE squad (player TEXT, position TEXT, club TEXT, caps INTEGER);
    INSERT INTO squad VALUES
      ('Aron Teder','Defender','Flora',12),
      ('Berk Ilves','Forward','Levadia',30),
      ('Carl Mets','Defender','Levadia',12),
      ('Dan Oja','Defender','Levadia',7);
  `,
  );
});

afterAll(() => {
  leaderboard.close();
  league.close();
  shows.close();
  codes.close();
  squad.close();
  titles.close();
  race.close();
});

const ask = (fixture: SqliteFixture, question: string) => answerCells(answerer, fixture, question);

describe('the column that names each row', () => {
  it('is the text column of names with the most distinct cells when none is called Name or Title', async () => {
    expect(await ask(leaderboard, 'who had the lowest score?')).toEqual(['Ida Moss']);
    expect(await ask(leaderboard, 'which one is listed last?')).toEqual(['Nora Ruud']);
  });

  it('still counts rows for "the most" when the question names the column to count by', async () => {
    expect(await ask(squad, 'which club has the most players?')).toEqual(['Levadia']);
    // Country is also the column of names here (most distinct cells): named, so it still groups.
    expect(await ask(titles, 'which country won the most events?')).toEqual(['Kenya']);
  });

  it('is never a column of remarks, nor a column of codes', async () => {
    expect(await ask(codes, 'which one is listed last?')).toBe('abstain');
  });
});

describe('"the name of the first <column>"', () => {
  it('answers with the text column the question names when no column is called Name', async () => {
    expect(await ask(league, 'what is the name of the first club on this chart?')).toEqual(['Brenna United']);
    expect(await ask(league, 'what was the name of the last club in the table?')).toEqual(['Orla Rovers']);
  });
});

describe('"top" as a superlative', () => {
  it('ranks by the amount column it names', async () => {
    expect(await ask(league, 'which club has the top wins?')).toEqual(['Orla Rovers']);
  });

  it('reads "the top club" as the best place of a rank column', async () => {
    expect(await ask(league, 'which club was the top team?')).toEqual(['Orla Rovers']);
  });

  it('answers with the amount itself when the question asks for it', async () => {
    expect(await ask(leaderboard, 'what was the top score?')).toEqual([207]);
  });

  it('leaves "the top time" alone when times are written as text', async () => {
    expect(await ask(race, 'who finished with the top time?')).toBe('abstain');
  });

  it('reads "the top player" as the first row listed when there is no rank column', async () => {
    expect(await ask(leaderboard, 'who was the top player?')).toEqual(['Ida Moss']);
  });
});

describe('phrases around a superlative', () => {
  it('reads "the most number of <column>" like "the most <column>"', async () => {
    expect(await ask(league, 'which club has the most number of wins?')).toEqual(['Orla Rovers']);
    expect(await ask(league, 'which club has the least number of wins?')).toEqual(['Cato Town']);
  });

  it('reads "by" before "the most" as who did it, not a grouping', async () => {
    expect(await ask(shows, 'which channel was used by the most shows?')).toEqual(['Channel Nine']);
  });
});

describe('a keyword that is a column name', () => {
  it('reads "show" as the Show column', async () => {
    expect(await ask(shows, 'what is the last show listed?')).toEqual(['Dance Floor']);
  });
});

describe('"the same <column> as <value>"', () => {
  it("gives the other rows holding the named row's value", async () => {
    expect(await ask(squad, 'which players played the same position as aron teder?')).toEqual([
      'Carl Mets',
      'Dan Oja',
    ]);
    expect(await ask(squad, 'who has the same number of caps as carl mets?')).toEqual(['Aron Teder']);
  });

  it('gives one of them, the first listed, when asked to name one', async () => {
    expect(await ask(squad, 'name a player from the same club as dan oja.')).toEqual(['Berk Ilves']);
  });

  it('leaves questions with a negation or a comparison to other readings', async () => {
    expect(await ask(squad, 'which players did not play the same position as aron teder?')).toBe('abstain');
  });
});
