/**
 * Rules of the one-table reading added for questions people ask of a sheet: values named without their
 * code ("India" for "India (IND)"), summary rows left out of every reading, requests that open with
 * "name"/"list", negated values, averages and totals over matching rows, "the top N", repeated
 * comparison words, choices decided by an adjective or a row count, "more or less" and yes/no answers
 * about two named rows, and proper names that must not be dropped. Each question runs end to end (understand → compile → SQLite) on tables written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { isWordnetProperName } from '../src/wordnet';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let medals: SqliteFixture;
let players: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  // The rank is blank for a tied row and "Total" labels the summary row in the rank column.
  medals = createSqliteFixture(
    'medals',
    `
    CREATE TABLE medals (rank TEXT, nation TEXT, gold INTEGER, silver INTEGER, bronze INTEGER);
    INSERT INTO medals VALUES
      ('1','India (IND)',5,2,1),
      ('2','Kuwait (KUW)',3,4,0),
      ('3','Egypt (EGY)',1,3,2),
      (NULL,'Japan (JPN)',1,1,1),
      ('Total',NULL,10,10,4);
  `,
  );
  players = createSqliteFixture(
    'players',
    `
    CREATE TABLE players (name TEXT, club TEXT, height_cm INTEGER, year_born INTEGER, goals INTEGER, rank INTEGER);
    INSERT INTO players VALUES
      ('Ann Berg','Lyon',172,1990,4,2),
      ('Bea Cole','Lyon',181,1994,2,1),
      ('Cleo Dunn','Wolfsburg',168,1988,7,4),
      ('Dana Eck','Lyon',175,1992,1,3);
  `,
  );
});

afterAll(() => {
  medals.close();
  players.close();
});

const ask = (fixture: SqliteFixture, question: string) => answerCells(answerer, fixture, question);

describe('one-table reading rules', () => {
  it('matches a value named without its trailing code', async () => {
    expect(await ask(medals, 'which nation has more gold medals, kuwait or india?')).toEqual(['India (IND)']);
    expect(await ask(medals, 'how many silver medals were earned by egypt?')).toEqual([3]);
  });

  it('leaves the summary row out, keeping rows whose label cell is blank', async () => {
    expect(await ask(medals, 'which nation won the most silver medals?')).toEqual(['Kuwait (KUW)']);
    expect(await ask(medals, 'how many nations won at least 1 gold medal?')).toEqual([4]);
  });

  it('reads requests that open with "name" or "list"', async () => {
    expect(await ask(medals, 'name the nation with the most bronze medals.')).toEqual(['Egypt (EGY)']);
    expect(await ask(players, 'name a player from wolfsburg')).toEqual(['Cleo Dunn']);
  });

  it('turns a negated value into an exclusion', async () => {
    expect(await ask(medals, 'how many nations other than egypt won at least 1 bronze medal?')).toEqual([2]);
    expect(await ask(players, 'who not from lyon scored the most goals?')).toEqual(['Cleo Dunn']);
    // ("did not score goals" is read by absence.ts as goals 0 or blank.)
    expect(await ask(players, 'which player did not finish?')).toBe('abstain');
  });

  it('averages or adds up a named amount over the matching rows', async () => {
    expect(await ask(players, 'what is the average number of goals for lyon?')).toEqual([7 / 3]);
    expect(await ask(players, 'what is the total goals of lyon players?')).toEqual([7]);
  });

  it('counts every row when "in total" only closes the question', async () => {
    expect(await ask(medals, 'how many nations are listed in total?')).toEqual([4]);
  });

  it('reads "the top N" as the first N ranks and "the top of the list" as the first row', async () => {
    expect(await ask(medals, 'how many nations are in the top 2?')).toEqual([2]);
    expect(await ask(players, 'which club is at the top of the list?')).toEqual(['Lyon']);
  });

  it('reads "next after X" as one step to the following row', async () => {
    expect(await ask(players, 'who is listed next after bea cole?')).toEqual(['Cleo Dunn']);
  });

  it('accepts a comparison repeated after its number', async () => {
    expect(await ask(medals, 'how many nations won at least 3 or more silver medals?')).toEqual([2]);
  });

  it('chooses between two named rows by the column an adjective measures', async () => {
    expect(await ask(players, 'who is taller, ann berg or bea cole?')).toEqual(['Bea Cole']);
    expect(await ask(players, 'who is older, ann berg or dana eck?')).toEqual(['Ann Berg']);
    expect(await ask(players, 'which club appears more often, lyon or wolfsburg?')).toEqual(['Lyon']);
    expect(await ask(players, 'are there more players from wolfsburg or lyon?')).toEqual(['Lyon']);
    expect(await ask(players, 'did ann berg or dana eck rank higher?')).toEqual(['Ann Berg']);
  });

  it('answers "more or less" and yes/no comparisons between two named rows with a word', async () => {
    expect(await ask(players, 'did ann berg score more or less goals than bea cole?')).toEqual(['more']);
    expect(await ask(players, 'did bea cole score more goals than cleo dunn?')).toEqual(['no']);
    expect(await ask(players, 'did bea cole score fewer goals than cleo dunn?')).toEqual(['yes']);
    expect(await ask(medals, 'did egypt win more or less bronze medals than india?')).toEqual(['more']);
  });

  it('prefers the choice reading over listing both named rows', async () => {
    expect(await ask(players, 'who had more goals, ann berg or cleo dunn?')).toEqual(['Cleo Dunn']);
  });

  it('refuses to count the rows of one named row when the counted noun is not a column', async () => {
    expect(await ask(players, 'how many trophies does ann berg have?')).toBe('abstain');
    expect(await ask(players, 'how many times is lyon listed?')).toEqual([3]);
  });

  it('does not drop a proper name it cannot place', async () => {
    expect(isWordnetProperName('china')).toBe(true);
    expect(isWordnetProperName('city')).toBe(false);
    expect(await ask(players, 'how many players from china scored goals?')).toBe('abstain');
  });
});
