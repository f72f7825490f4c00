/**
 * Differences between two rows named by numbers: weeks ("between week 2 and 4") or years of the table's
 * year column ("in 2003 than in 2001"). Each question runs end to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let games: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  games = createSqliteFixture(
    'games',
    `
    CREATE TABLE games (week INTEGER, season INTEGER, opponent TEXT, attendance INTEGER, points INTEGER);
    INSERT INTO games VALUES
      (1,2001,'Riverton',41000,21),
      (2,2001,'Lakeside',38500,14),
      (3,2002,'Hillcrest',52000,30),
      (4,2002,'Riverton',47250,10),
      (5,2003,'Lakeside',36000,24);
  `,
  );
});

afterAll(() => games.close());

async function ask(question: string): Promise<unknown[] | string> {
  const outcome = await answerer.answer({
    question,
    source: { kind: 'sqlite', path: games.file, dialect: 'sqlite' },
  });
  if (outcome.kind !== 'answer') return outcome.kind;
  const rows = games.database.prepare(outcome.sql).raw().all() as unknown[][];
  return rows.flat();
}

describe('differences between rows named by numbers', () => {
  it('subtracts the amounts of two rows of the column named before the numbers', async () => {
    expect(await ask('what is the difference in attendance between week 2 and 4?')).toEqual([8750]);
  });

  it('subtracts the totals of two years of the year column', async () => {
    expect(await ask('how many more points were scored in 2002 than in 2003?')).toEqual([16]);
    expect(await ask('what was the difference in attendance between 2001 and 2002?')).toEqual([19750]);
  });

  it('leaves ordinals and a third number to other readings', async () => {
    expect(await ask('what is the difference in attendance between the 2nd and 4th week?')).not.toEqual([
      8750,
    ]);
    expect(await ask('what is the difference in attendance between week 2 and 4 and 5?')).toBe('abstain');
  });
});
