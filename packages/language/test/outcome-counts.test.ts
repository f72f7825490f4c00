/**
 * Wins, losses and draws: the nouns name a league table's "Won" / "Lost" / "Drawn" columns
 * (outcome-columns.ts) and the cells of a results column (outcome-cells.ts); "the most" over a column
 * whose values never repeat is not a count of rows (repeating-values.ts). End to end on SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let league: SqliteFixture;
let games: SqliteFixture;
let cups: SqliteFixture;
let schedule: SqliteFixture;
let credits: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  league = createSqliteFixture(
    'league',
    `
    CREATE TABLE league (club TEXT, played INTEGER, won INTEGER, drawn INTEGER, lost INTEGER);
    INSERT INTO league VALUES
      ('Avon Rovers',10,2,1,7),('Bexley Town',10,7,2,1),('Carden City',10,5,4,1),('Dunmore FC',10,3,3,4);
  `,
  );
  games = createSqliteFixture(
    'games',
    `
    CREATE TABLE games (week INTEGER, opponent TEXT, venue TEXT, result TEXT, toss TEXT);
    INSERT INTO games VALUES
      (1,'Ashford','Home','Won','won'),(2,'Brampton','Away','Lost','lost'),(3,'Ashford','Away','Lost','won'),
      (4,'Colton','Home','Won','lost'),(5,'Colton','Away','Won','won'),(6,'Colton','Home','Drawn','won'),
      (7,'Brampton','Home','Won','lost');
  `,
  );
  schedule = createSqliteFixture(
    'schedule',
    `
    CREATE TABLE schedule (week INTEGER, month TEXT, opponent TEXT, result TEXT);
    INSERT INTO schedule VALUES
      (1,'September','Ashford','W 28–21'),(2,'September','Brampton','L 10–17'),(3,'October','Colton','W 35–3'),
      (4,'October','Dalby','T 13–13'),(5,'October','Easton','W 21–20'),(6,'November','Fenwick','L 0–24');
  `,
  );
  credits = createSqliteFixture(
    'credits',
    `
    CREATE TABLE credits (year INTEGER, genre TEXT, title TEXT, role TEXT);
    INSERT INTO credits VALUES
      (2001,'Film','Night Ferry','Ray'),(2003,'Television','Harbour Lights','Sam'),
      (2003,'Television','Quiet Street','Tom'),(2003,'Film','Glass Orchard','Ben'),
      (2005,'Film','Red Meadow','Lou'),(2005,'Film','Silver Dunes','Max'),(2001,'Television','Low Tide','Al');
  `,
  );
  cups = createSqliteFixture(
    'cups',
    `
    CREATE TABLE cups (team TEXT, region TEXT, finals INTEGER);
    INSERT INTO cups VALUES ('Arden','North',4),('Belmont','South',9),('Corran','North',2);
  `,
  );
});

afterAll(() => {
  league.close();
  games.close();
  cups.close();
  schedule.close();
  credits.close();
});

describe('wins, losses and draws in a league table', () => {
  it('ranks by the Won / Lost / Drawn column the noun names', async () => {
    expect(await answerCells(answerer, league, 'which club had the most losses?')).toEqual(['Avon Rovers']);
    expect(await answerCells(answerer, league, 'which club had the most wins?')).toEqual(['Bexley Town']);
    expect(await answerCells(answerer, league, 'which club had the most draws?')).toEqual(['Carden City']);
  });

  it('reads a named club’s wins from its cell', async () => {
    expect(await answerCells(answerer, league, 'how many wins did dunmore fc have?')).toEqual([3]);
  });
});

describe('wins and losses in a column of results', () => {
  it('counts the rows holding the result', async () => {
    expect(await answerCells(answerer, games, 'how many wins are there?')).toEqual([4]);
    expect(await answerCells(answerer, games, 'what was the total number of losses?')).toEqual([2]);
    expect(await answerCells(answerer, games, 'how many wins were at home?')).toEqual([3]);
  });

  it('groups the rows holding the result', async () => {
    expect(await answerCells(answerer, games, 'which opponent has the most wins?')).toEqual(['Colton']);
  });
});

describe('wins and losses written as a letter and a score', () => {
  it('counts the rows whose result starts with the letter', async () => {
    expect(await answerCells(answerer, schedule, 'how many wins are there?')).toEqual([3]);
    expect(await answerCells(answerer, schedule, 'what was the total number of losses?')).toEqual([2]);
  });
});

describe('which year had the most …', () => {
  it('gives the year on the most rows a named value describes', async () => {
    expect(await answerCells(answerer, credits, 'which year saw the most appearances?')).toEqual([2003]);
    expect(await answerCells(answerer, credits, 'which year has the most film appearances?')).toEqual([2005]);
  });
});

describe('the most of a value that never repeats', () => {
  it('does not count rows when each team is on one row', async () => {
    expect(await answerCells(answerer, cups, 'which team had the most titles?')).toBe('abstain');
  });

  it('still counts rows when values repeat', async () => {
    expect(await answerCells(answerer, cups, 'which region had the most teams?')).toEqual(['North']);
  });
});
