/**
 * Phrases a count must not silently drop: "from the US" (a country, not the pronoun "us"), a demonym
 * the fixed list lacks ("Rwandans"), a counted noun that is a word in the cells ("how many churches"),
 * and a negated value behind a verb ("not played at X"). End to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let runners: SqliteFixture;
let buildings: SqliteFixture;
let games: SqliteFixture;
let signings: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  runners = createSqliteFixture(
    'runners',
    `
    CREATE TABLE runners (rank INTEGER, name TEXT, nationality TEXT, time TEXT);
    INSERT INTO runners VALUES
      (1,'Ana Lopes','Portugal','2:01'),(2,'Mary Kay','United States','2:02'),
      (3,'Jean Uwase','Rwanda','2:03'),(4,'Sue Bell','United States','2:04'),(5,'Eva Berg','Sweden','2:05');
  `,
  );
  buildings = createSqliteFixture(
    'buildings',
    `
    CREATE TABLE buildings (name TEXT, town TEXT, built INTEGER, monument TEXT);
    INSERT INTO buildings VALUES
      ('St Mary Church','Alford',1820,NULL),('Old Mill','Alford',1790,'Grade II'),
      ('Town Hall','Bexley',1901,NULL),('St Paul Church','Bexley',1850,NULL),('Market Cross','Corfe',1700,'Scheduled');
  `,
  );
  games = createSqliteFixture(
    'games',
    `
    CREATE TABLE games (date TEXT, opponent TEXT, venue TEXT, result TEXT);
    INSERT INTO games VALUES
      ('2010-01-02','Lions','Araneta Coliseum','W'),('2010-01-09','Bears','Cuneta Astrodome','L'),
      ('2010-01-16','Hawks','Araneta Coliseum','W'),('2010-01-23','Owls','Ynares Center','W');
  `,
  );
  signings = createSqliteFixture(
    'signings',
    `
    CREATE TABLE signings (team TEXT, name TEXT, position TEXT, notes TEXT);
    INSERT INTO signings VALUES
      ('Rockets','Dan Moss','C','injured'),('Free agent','Sam Cole','G','became a player agent'),
      ('Free agent','Bo Bell','F',NULL),('Free agent','Al Marsh','F','retired'),
      ('Free agent','Ty Rowe','G','coach of the player development program');
  `,
  );
});

afterAll(() => {
  runners.close();
  buildings.close();
  games.close();
  signings.close();
});

describe('phrases a count must read or refuse', () => {
  it('reads "the us" as the country the table names', async () => {
    expect(await answerCells(answerer, runners, 'how many runners were from the us?')).toEqual([2]);
  });

  it('reads a regular demonym the fixed list lacks', async () => {
    expect(await answerCells(answerer, runners, 'how many rwandans competed?')).toEqual([1]);
  });

  it('counts only the rows whose cells name the counted noun', async () => {
    expect(await answerCells(answerer, buildings, 'how many churches are listed?')).toEqual([2]);
  });

  it('reads a negated value behind a verb and a preposition', async () => {
    expect(await answerCells(answerer, games, 'how many games were not played at araneta coliseum?')).toEqual(
      [2],
    );
  });

  it('does not take a common word met in passing in a Notes column for a value', async () => {
    expect(await answerCells(answerer, signings, 'which player was not a free agent?')).toEqual(['Dan Moss']);
  });

  it('refuses to count every row when another column the question names is left unread', async () => {
    // Monument is a column: "that are monuments" is a condition on it, not a description of every row.
    expect(await answerCells(answerer, buildings, 'how many buildings are monuments?')).toEqual('abstain');
  });
});
