/**
 * "Which club has no nickname?", "how many nations won no gold medals?": rows whose cell in a named
 * column is empty (blank or a placeholder such as "—" in text, 0 or blank in amounts). End to end
 * (understand → compile → SQLite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let medals: SqliteFixture;
let clubs: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  medals = createSqliteFixture(
    'medals',
    `
    CREATE TABLE medals (nation TEXT, gold INTEGER, silver INTEGER, bronze INTEGER);
    INSERT INTO medals VALUES
      ('Norway',3,1,0),('Chile',0,2,1),('Peru',0,0,2),('Kenya',1,0,NULL),('Total',4,3,3);
  `,
  );
  clubs = createSqliteFixture(
    'clubs',
    `
    CREATE TABLE clubs (club TEXT, nickname TEXT, founded INTEGER, notes TEXT);
    INSERT INTO clubs VALUES
      ('Ashby','The Foxes',1901,NULL),('Brindle','—',1920,'moved in 1950'),
      ('Corby','The Steelmen',1933,NULL),('Dunmore','—',1948,'merged');
  `,
  );
});

afterAll(() => {
  medals.close();
  clubs.close();
});

describe('no / without / not have a named column', () => {
  it('counts rows whose amount is 0 or blank, leaving out a total row', async () => {
    expect(await answerCells(answerer, medals, 'how many nations won no gold medals?')).toEqual([2]);
    // A subject of several plain words still only says what each row is.
    expect(await answerCells(answerer, medals, 'how many member states won no gold medals?')).toEqual([2]);
    expect(await answerCells(answerer, medals, 'how many countries do not have any bronze medals?')).toEqual([
      2,
    ]);
  });

  it('names the rows whose text cell is blank or the table placeholder', async () => {
    expect(await answerCells(answerer, clubs, 'which clubs have no nickname?')).toEqual([
      'Brindle',
      'Dunmore',
    ]);
    expect(await answerCells(answerer, clubs, 'how many clubs do not have notes?')).toEqual([2]);
    expect(await answerCells(answerer, clubs, 'name a club without a nickname listed.')).toEqual(['Brindle']);
  });

  it('names the row label when the question only says what the rows are, and nothing wider', async () => {
    expect(await answerCells(answerer, medals, 'which country did not win a silver medal?')).toEqual([
      'Peru',
      'Kenya',
    ]);
    // A second condition, or a negation of something other than a column, is left to readers that abstain.
    expect(
      await answerCells(answerer, clubs, 'which clubs have no nickname and were founded before 1930?'),
    ).toEqual('abstain');
    expect(await answerCells(answerer, medals, 'which nation did not finish?')).toEqual('abstain');
  });
});
