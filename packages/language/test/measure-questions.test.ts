/**
 * "How long" / "how old" name a duration, length or age column when the sheet has one, and "the last
 * year" / "the first time" rank by the sheet's year or date. End to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureAdjectiveNames, timeOrdinalAt } from '../src/measure-questions';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let tracks: SqliteFixture;
let riders: SqliteFixture;
let cups: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  tracks = createSqliteFixture(
    'tracks',
    `
    CREATE TABLE tracks (no INTEGER, title TEXT, producer TEXT, length TEXT);
    INSERT INTO tracks VALUES
      (1,'Harbour Lights','Ola Berg','3:41'),(2,'Night Rail','Tove Lund','4:05'),
      (3,'Glass Field','Ola Berg','2:58'),(4,'Paper Moon','Mia Orr','5:12');
  `,
  );
  riders = createSqliteFixture(
    'riders',
    `
    CREATE TABLE riders (rank INTEGER, rider TEXT, nation TEXT, age INTEGER);
    INSERT INTO riders VALUES (1,'Ada Vik','Norway',24),(2,'Bo Lind','Sweden',31),(3,'Cy Hale','Denmark',28);
  `,
  );
  cups = createSqliteFixture(
    'cups',
    `
    CREATE TABLE cups (year INTEGER, winner TEXT, score TEXT, runner_up TEXT);
    INSERT INTO cups VALUES
      (1998,'Rovers','2-1','Albion'),(1999,'Albion','1-0','Rovers'),(2000,'Rovers','3-2','United'),
      (2001,'United','1-1','Rovers'),(2002,'Albion','2-0','United');
  `,
  );
});

afterAll(() => {
  tracks.close();
  riders.close();
  cups.close();
});

const ask = (fixture: SqliteFixture, question: string) => answerCells(answerer, fixture, question);

describe('"how long" and "how old" name a measured column', () => {
  it('names length, time and age columns, never a timeslot or a year', () => {
    const column = (name: string) => ({ table: 't', name, type: 'text' }) as never;
    expect(measureAdjectiveNames(column('length'))).toEqual([[['long'], 0.85]]);
    expect(measureAdjectiveNames(column('total_time'))).toEqual([[['long'], 0.85]]);
    expect(measureAdjectiveNames(column('age'))).toEqual([[['old'], 0.85]]);
    expect(measureAdjectiveNames(column('timeslot'))).toEqual([]);
    expect(measureAdjectiveNames(column('year'))).toEqual([]);
    // "3:39" read as a time of day would be answered as "03:39:00".
    expect(measureAdjectiveNames({ table: 't', name: 'length', logicalType: 'time' } as never)).toEqual([]);
  });

  it('answers the length of the named row', async () => {
    expect(await ask(tracks, 'how long is night rail?')).toEqual(['4:05']);
  });

  it('answers the age of the named row', async () => {
    expect(await ask(riders, 'how old is bo lind?')).toEqual([31]);
  });
});

describe('"the last year" and "the first season" rank by year', () => {
  it('reads last / first before a noun of time as a ranking', () => {
    expect(timeOrdinalAt(['last', 'year'], ['was', 'the'])?.direction).toBe('desc');
    expect(timeOrdinalAt(['first', 'season'], [undefined, 'the'])?.direction).toBe('asc');
    expect(timeOrdinalAt(['last', 'date', 'listed'], ['is', 'the'])).toBeUndefined();
    expect(timeOrdinalAt(['last', 'rider'], ['was', 'the'])).toBeUndefined();
  });

  it('leaves a period relative to today alone: "last month", "in the last year"', () => {
    expect(timeOrdinalAt(['last', 'month'], ['total', 'amount'])).toBeUndefined();
    expect(timeOrdinalAt(['last', 'year'], ['in', 'the'])).toBeUndefined();
    expect(timeOrdinalAt(['last', 'year'], ['over', 'the'])).toBeUndefined();
  });

  it('answers the latest or earliest year that matches', async () => {
    expect(await ask(cups, 'what was the last year albion was the winner?')).toEqual([2002]);
    expect(await ask(cups, 'what was the first year the runner up was united?')).toEqual([2000]);
  });
});
