/**
 * "how much taller is A than B?": the comparative names the amount column when the question names none.
 * Each question runs end to end (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let athletes: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  athletes = createSqliteFixture(
    'athletes',
    `
    CREATE TABLE athletes (name TEXT, club TEXT, height INTEGER, weight INTEGER);
    INSERT INTO athletes VALUES
      ('Ann Berg','Lyon',172,61),
      ('Bea Cole','Nice',181,70),
      ('Cleo Dunn','Metz',168,58);
  `,
  );
});

afterAll(() => athletes.close());

async function ask(question: string): Promise<unknown[] | string> {
  const outcome = await answerer.answer({
    question,
    source: { kind: 'sqlite', path: athletes.file, dialect: 'sqlite' },
  });
  if (outcome.kind !== 'answer') return outcome.kind;
  const rows = athletes.database.prepare(outcome.sql).raw().all() as unknown[][];
  return rows.flat();
}

describe('differences measured by a comparative', () => {
  it('subtracts the amount the comparative names', async () => {
    expect(await ask('how much taller is Bea Cole than Cleo Dunn?')).toEqual([13]);
    expect(await ask('how much heavier is Ann Berg than Cleo Dunn?')).toEqual([3]);
  });

  it('abstains when the comparative names no column of the table', async () => {
    expect(await ask('how much faster is Bea Cole than Cleo Dunn?')).toBe('abstain');
  });
});
