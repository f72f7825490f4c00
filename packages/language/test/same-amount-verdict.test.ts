/**
 * "Is A's population the same as B's?": a yes/no question comparing one amount column between two named
 * rows answers "yes" only when the amounts are equal. End to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let towns: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  towns = createSqliteFixture(
    'towns',
    `
    CREATE TABLE towns (town TEXT, region TEXT, population INTEGER, schools INTEGER);
    INSERT INTO towns VALUES
      ('Amberly','North',4200,3),('Brookfield','North',4200,5),
      ('Castlemoor','South',9100,3),('Dunwick','South',1800,2);
  `,
  );
});

afterAll(() => towns.close());

const ask = (question: string) => answerCells(answerer, towns, question);

describe('yes/no "the same … as" between two rows', () => {
  it('answers yes when the two amounts are equal', async () => {
    expect(await ask('is the population of amberly the same as the population of brookfield?')).toEqual([
      'yes',
    ]);
    expect(await ask('does castlemoor have the same number of schools as amberly?')).toEqual(['yes']);
  });

  it('answers no when they differ, whichever is larger', async () => {
    expect(await ask('does dunwick have the same population as castlemoor?')).toEqual(['no']);
    expect(await ask('does castlemoor have the same population as dunwick?')).toEqual(['no']);
  });

  it('keeps a comparison with "more … than" a yes/no on the direction', async () => {
    expect(await ask('does castlemoor have more population than dunwick?')).toEqual(['yes']);
  });
});
