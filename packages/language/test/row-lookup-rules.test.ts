/**
 * Lookups by a row's place and choices between named rows (C2 rules): an opening clause moved to the
 * end ("in 2011, who …"), the row before or after a named one, "top"/"bottom" of the list in listed
 * order, requests with no question word ("first player picked"), "name a …" answered with one row,
 * "was A before or after B?" in time or in the list, and "did A or B …?" decided by the other values
 * named. Each question runs end to end (understand → compile → SQLite) on tables written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveLeadClause } from '../src/lead-clause';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { answerCells, createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let picks: SqliteFixture;
let finals: SqliteFixture;
let standings: SqliteFixture;
let singles: SqliteFixture;
const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });

beforeAll(() => {
  picks = createSqliteFixture(
    'picks',
    `
    CREATE TABLE picks (pick INTEGER, player TEXT, club TEXT, position TEXT);
    INSERT INTO picks VALUES
      (1,'Ann Berg','Lyon','Forward'),
      (2,'Bea Cole','Wolfsburg','Defender'),
      (3,'Cleo Dunn','Lyon','Goalkeeper'),
      (4,'Dana Eck','Chelsea','Forward');
  `,
  );
  // Newest season first, so the listed order and the order in time disagree.
  finals = createSqliteFixture(
    'finals',
    `
    CREATE TABLE finals (season INTEGER, champion TEXT, runner_up TEXT, venue TEXT, final_date DATE);
    INSERT INTO finals VALUES
      (2012,'Lyon','Ajax','Paris','2012-05-20'),
      (2011,'Chelsea','Roma','London','2011-05-21'),
      (2010,'Wolfsburg','Porto','Berlin','2010-05-22');
  `,
  );
  singles = createSqliteFixture(
    'singles',
    `
    CREATE TABLE singles (title TEXT, released INTEGER, chart_peak INTEGER);
    INSERT INTO singles VALUES ('Blue Morning',2001,12),('Red Evening',2003,4),('Grey Noon',2002,30);
  `,
  );
  standings = createSqliteFixture(
    'standings',
    `
    CREATE TABLE standings (team TEXT, points INTEGER);
    INSERT INTO standings VALUES ('Ajax',30),('Roma',25),('Porto',20),('League total',75);
  `,
  );
});

afterAll(() => {
  picks.close();
  finals.close();
  standings.close();
  singles.close();
});

const ask = (fixture: SqliteFixture, question: string) => answerCells(answerer, fixture, question);

describe('opening clauses', () => {
  it('moves a clause that opens with a preposition to the end of the question', () => {
    expect(moveLeadClause('in 2011, who was the champion?')).toBe('who was the champion in 2011?');
    expect(moveLeadClause('after lyon, which club is listed next?')).toBe(
      'which club is listed next after lyon?',
    );
    expect(moveLeadClause('according to the chart, who was the champion?')).toBe('who was the champion?');
    expect(moveLeadClause('in 2008 who broke the record')).toBe('who broke the record in 2008');
  });

  it('leaves questions alone that already open with a question word, or whose clause is not a preposition', () => {
    expect(moveLeadClause('in what city did she win?')).toBeUndefined();
    expect(moveLeadClause('at least 8 were scored on what date')).toBeUndefined();
    expect(moveLeadClause('the team placed 1st, what did they do?')).toBeUndefined();
  });

  it('answers once the clause is moved', async () => {
    expect(await ask(finals, 'in 2011, who was the champion?')).toEqual(['Chelsea']);
  });
});

describe('rows next to a named row', () => {
  it('reads "previous to X" and "the next … after X" as one step in the listed order', async () => {
    expect(await ask(picks, 'who was picked previous to cleo dunn?')).toEqual(['Bea Cole']);
    expect(await ask(picks, 'who was the next player after bea cole?')).toEqual(['Cleo Dunn']);
  });

  it('answers "who" from the named row\'s column even when another column is named', async () => {
    expect(await ask(picks, 'who is listed after ann berg in pick?')).toEqual(['Bea Cole']);
  });

  it('still refuses "next to X", which names the same row or a neighbouring column', async () => {
    expect(await ask(picks, 'who is next to bea cole?')).toBe('abstain');
  });
});

describe('the top and the bottom of the list', () => {
  it('reads "at the top" and "at the bottom of the list" in listed order, not by date', async () => {
    expect(await ask(finals, 'which venue is at the top?')).toEqual(['Paris']);
    expect(await ask(finals, 'what venue is at the bottom of the list?')).toEqual(['Berlin']);
    // "last" alone follows time: the latest final.
    expect(await ask(finals, 'what was the last venue?')).toEqual(['Paris']);
  });

  it('skips a summary row such as "League total"', async () => {
    expect(await ask(standings, 'which team is at the bottom of the list?')).toEqual(['Porto']);
  });

  it('does not read "top" before a noun as a place in the list', async () => {
    expect(await ask(picks, 'who is the top forward?')).toBe('abstain');
  });
});

describe('requests without a question word', () => {
  it('reads a noun phrase as a request to name it', async () => {
    expect(await ask(picks, 'first player picked')).toEqual(['Ann Berg']);
    expect(await ask(picks, 'the player at the bottom of the list')).toEqual(['Dana Eck']);
  });

  it('keeps "number of …" a count and refuses a yes/no opening', async () => {
    expect(await ask(picks, 'number of players from lyon')).toEqual([2]);
    expect(await ask(picks, 'was ann berg picked first')).toBe('abstain');
  });

  it('answers "name a …" with one matching row, the first listed', async () => {
    expect(await ask(picks, 'name a player from lyon')).toEqual(['Ann Berg']);
    expect(await ask(picks, 'name the players from lyon')).toEqual(['Ann Berg', 'Cleo Dunn']);
  });
});

describe('answers when no column is named', () => {
  it('gives the column that names each row', async () => {
    expect(await ask(singles, 'which one is listed first?')).toEqual(['Blue Morning']);
    expect(await ask(singles, 'what is at the bottom of the list?')).toEqual(['Grey Noon']);
  });

  it('without a Name or Title column, gives the text column of names', async () => {
    expect(await ask(standings, 'which one is listed first?')).toEqual(['Ajax']);
  });
});

describe('before or after', () => {
  it('answers with the asked word, by the time column when there is one', async () => {
    expect(await ask(finals, 'did chelsea win before or after wolfsburg?')).toEqual(['after']);
    expect(await ask(finals, 'was lyon champion before or after chelsea?')).toEqual(['after']);
  });

  it('reads "above or below" in listed order', async () => {
    expect(await ask(finals, 'is chelsea listed above or below wolfsburg?')).toEqual(['above']);
    expect(await ask(picks, 'was dana eck picked before or after ann berg?')).toEqual(['after']);
  });

  it('answers yes or no when one order word stands between the names', async () => {
    expect(await ask(finals, 'did wolfsburg win before chelsea?')).toEqual(['yes']);
    expect(await ask(finals, 'did lyon win before chelsea?')).toEqual(['no']);
  });

  it('leaves an order by another named column alone', async () => {
    expect(await ask(picks, 'is ann berg before bea cole in pick?')).not.toEqual(['yes']);
  });
});

describe('a choice decided by other values', () => {
  it('picks the option that stands in the rows the other values select', async () => {
    expect(await ask(picks, 'did ann berg or bea cole play for wolfsburg?')).toEqual(['Bea Cole']);
    expect(await ask(picks, 'is cleo dunn a forward or a goalkeeper?')).toEqual(['Goalkeeper']);
    expect(await ask(finals, 'was lyon champion in 2012 or 2010?')).toEqual([2012]);
  });

  it('leaves negations to other readings', async () => {
    expect(await ask(picks, 'did ann berg or bea cole not play for wolfsburg?')).not.toEqual(['Bea Cole']);
  });
});
