/**
 * "What comes after X?", "who won after X?": the row next to a named one. A run of rows sharing X or an
 * empty cell is stepped over when the answer is asked in X's own column, and "after"/"before" said of
 * time follow the year column when the table lists its years newest first. End to end (SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let stops: SqliteFixture;
let winners: SqliteFixture;
let engines: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  stops = createSqliteFixture(
    'stops',
    `
    CREATE TABLE stops (km REAL, junction TEXT, town TEXT);
    INSERT INTO stops VALUES
      (0,'Mall','Norwick'),(2,'Bridge Road','Norwick'),(4,'Mill Lane','Ashby'),
      (6,'Quarry Gate','Ashby'),(7,'Old Ford',NULL),(9,'Church Street','Bexley'),(12,'Harbour','Colton');
  `,
  );
  winners = createSqliteFixture(
    'winners',
    `
    CREATE TABLE winners (year INTEGER, team TEXT, county TEXT);
    INSERT INTO winners VALUES
      (2011,'Greystones','Wicklow'),(2010,'Maynooth','Kildare'),(2009,'Confey','Kildare'),
      (2008,'Crettyard','Laois'),(2007,'Wolfe Tones','Meath');
  `,
  );
  engines = createSqliteFixture(
    'engines',
    `
    CREATE TABLE engines (name TEXT, builder TEXT, year INTEGER);
    INSERT INTO engines VALUES ('Dot','Beyer',1887),('Rough Pup','Hunslet',1891),('No. 13','Spence',1885);
  `,
  );
});

afterAll(() => {
  stops.close();
  winners.close();
  engines.close();
});

describe('the row next to a named one', () => {
  it('steps over rows holding the same value in the answer column', async () => {
    expect(await answerCells(answerer, stops, 'which town comes after norwick?')).toEqual(['Ashby']);
    expect(await answerCells(answerer, stops, 'which town is listed before ashby?')).toEqual(['Norwick']);
  });

  it('steps over empty cells', async () => {
    expect(await answerCells(answerer, stops, 'what town comes after ashby?')).toEqual(['Bexley']);
    // Another column asked: the plain next row.
    expect(await answerCells(answerer, stops, 'which junction comes after mill lane?')).toEqual([
      'Quarry Gate',
    ]);
  });

  it('drops words that only carry the step or say what each row is', async () => {
    expect(await answerCells(answerer, stops, 'which junction came directly after mill lane?')).toEqual([
      'Quarry Gate',
    ]);
    expect(await answerCells(answerer, stops, 'what stop came before quarry gate?')).toEqual(['Mill Lane']);
  });

  it('reads "next to X" as the cell beside X, in its own row', async () => {
    expect(await answerCells(answerer, stops, 'what town is listed next to bridge road?')).toEqual([
      'Norwick',
    ]);
    expect(await answerCells(answerer, stops, 'what is the town next to church street?')).toEqual(['Bexley']);
  });

  it('reads "after" in time when the years run newest first', async () => {
    expect(await answerCells(answerer, winners, 'which team won previous to crettyard?')).toEqual([
      'Wolfe Tones',
    ]);
    expect(await answerCells(answerer, winners, 'which team won after confey?')).toEqual(['Maynooth']);
    // Speaking of the listing keeps the listed order.
    expect(await answerCells(answerer, winners, 'which team is listed after confey?')).toEqual(['Crettyard']);
    // Years in no order: the listed order.
    expect(await answerCells(answerer, engines, 'which engine is next after rough pup?')).toEqual(['No. 13']);
  });
});
