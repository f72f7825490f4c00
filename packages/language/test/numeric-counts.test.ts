/**
 * Counts and totals over one sheet: a value written with a tally ("Lakers (2)") or inside a list of
 * names ("A. Berg, T. Lund") is counted on every row that names it, and "total" or "combined" after a
 * count repeats the question instead of asking for a sum. End to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellNamesItem, itemCells } from '../src/item-cells';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let finals: SqliteFixture;
let songs: SqliteFixture;
let medals: SqliteFixture;
let games: SqliteFixture;
let draft: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  finals = createSqliteFixture(
    'finals',
    `
    CREATE TABLE finals (season INTEGER, champion TEXT, runner_up TEXT, venue TEXT);
    INSERT INTO finals VALUES
      (1990,'Lakers','Celtics','Forum'),
      (1991,'Celtics','Lakers','Garden'),
      (1992,'Lakers (2)','Bulls','Forum'),
      (1993,'Bulls','Lakers','Stadium'),
      (1994,'Lakers (3)','Celtics','Forum'),
      (1995,'Pistons','Celtics','Palace');
  `,
  );
  songs = createSqliteFixture(
    'songs',
    `
    CREATE TABLE songs (track INTEGER, title TEXT, writers TEXT, length_seconds INTEGER);
    INSERT INTO songs VALUES
      (1,'Blue Harbour','A. Berg, T. Lund',201),
      (2,'Night Rail','A. Berg',185),
      (3,'Glass Field','T. Lund and M. Orr',240),
      (4,'Paper Moon','M. Orr',199),
      (5,'Stone Bells','A. Bergman',230);
  `,
  );
  medals = createSqliteFixture(
    'medals',
    `
    CREATE TABLE medals (rank INTEGER, nation TEXT, gold INTEGER, silver INTEGER, bronze INTEGER);
    INSERT INTO medals VALUES
      (1,'Norway',5,2,1),(2,'Sweden',3,3,2),(3,'Finland',1,4,4),(4,'Denmark',0,1,3);
  `,
  );
  draft = createSqliteFixture(
    'draft',
    `
    CREATE TABLE draft (pick INTEGER, player TEXT, team TEXT);
    INSERT INTO draft VALUES
      (3,'Ann Moss','Hawks'),(14,'Bo Lind','Jets'),(27,'Cy Hale','Hawks'),(40,'Di Vos','Hawks');
  `,
  );
  games = createSqliteFixture(
    'games',
    `
    CREATE TABLE games (date TEXT, opponent TEXT, score TEXT, attendance INTEGER);
    INSERT INTO games VALUES
      ('September 2','Leeds','2-1',21500),('September 9','Hull','0-0',18200),
      ('October 4','York','1-3',30100),('October 11','Bath','2-2',12000);
  `,
  );
});

afterAll(() => {
  draft.close();
  finals.close();
  songs.close();
  medals.close();
  games.close();
});

const ask = (fixture: SqliteFixture, question: string) => answerCells(answerer, fixture, question);

describe('cells that name a value as an item', () => {
  it('matches a value with a tally or note after it, or as one item of a list', () => {
    expect(cellNamesItem('Lakers (2)', 'Lakers')).toBe(true);
    expect(cellNamesItem('Lakers[a]', 'Lakers')).toBe(true);
    expect(cellNamesItem('A. Berg, T. Lund', 'A. Berg')).toBe(true);
    expect(cellNamesItem('T. Lund and M. Orr', 'M. Orr')).toBe(true);
  });

  it('does not match a longer name or a value that is itself a list', () => {
    expect(cellNamesItem('A. Bergman', 'A. Berg')).toBe(false);
    expect(cellNamesItem('Lakers Reserves', 'Lakers')).toBe(false);
    expect(cellNamesItem('Kim and Lee (2)', 'Kim and Lee')).toBe(true);
    expect(cellNamesItem('Kim and Lee, Park', 'Kim and Lee')).toBe(false);
    expect(itemCells(['Bulls', 'Celtics'], 'Bulls')).toEqual([]);
  });
});

describe('counting the rows that name a value', () => {
  it('counts every title of a champion written with a running tally', async () => {
    expect(await ask(finals, 'how many times were the lakers champion?')).toEqual([3]);
  });

  it('counts the songs a writer shares with others', async () => {
    expect(await ask(songs, 'on how many songs is T. Lund listed in writers?')).toEqual([2]);
  });
});

describe('numbers that name rows', () => {
  it('counts the picks a team made instead of adding up their numbers', async () => {
    expect(await ask(draft, 'how many picks did the hawks make?')).toEqual([3]);
    expect(await ask(draft, 'number of picks the hawks made')).toEqual([3]);
  });
});

describe('"total" and "combined" after a count', () => {
  it('reads "how many total <text column>" as a count', async () => {
    expect(await ask(finals, 'how many total venues are there?')).toEqual([6]);
  });

  it('reads a trailing "combined" or "total" as part of the sum', async () => {
    expect(await ask(medals, 'how many gold do norway and sweden have combined?')).toEqual([8]);
    expect(await ask(medals, 'how many bronze does finland have in total?')).toEqual([4]);
  });
});

describe('everyday names of terse columns', () => {
  it('reads "gold medals" as the Gold column of a medal table', async () => {
    expect(await ask(medals, 'how many silver medals does finland have?')).toEqual([4]);
  });

  it('reads "people in attendance" and "attended" as the Attendance column', async () => {
    expect(await ask(games, 'how many games had more than 20,000 people in attendance?')).toEqual([2]);
    expect(await ask(games, 'how many attended the hull game?')).toEqual([18200]);
  });
});

describe('a comma-separated list of values', () => {
  it('keeps every listed value in one condition', async () => {
    expect(await ask(medals, 'how many gold medals do norway, sweden and denmark have?')).toEqual([8]);
  });
});

describe('"compared to" in a difference', () => {
  it('reads "compared to B" as "than B"', async () => {
    expect(await ask(medals, 'how many more silver medals does finland have compared to norway?')).toEqual([
      2,
    ]);
    expect(await ask(medals, 'how many fewer gold medals does sweden have compared with norway?')).toEqual([
      2,
    ]);
  });
});

describe('"the total of" a text column on one sheet', () => {
  it('counts its entries, since text cannot be added up', async () => {
    expect(await ask(finals, 'what is the total of venues?')).toEqual([6]);
    expect(await ask(finals, 'what is the total of champions?')).toEqual([6]);
  });
});
