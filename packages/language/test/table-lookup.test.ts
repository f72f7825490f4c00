/**
 * The single-table lookup reading: cells beside a named value, counts of matching rows, rows at one end
 * of the file, the row next to a named one, and the row with the largest value, on a small SQLite table
 * whose last row is a "Total" summary (rowid gives the file order).
 */
import { compileQuery, ROW_POSITION } from '@askdata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFromModel } from '../src/catalog';
import { Lexicon } from '../src/lexicon';
import { SchemaResolver } from '../src/schema-resolver';
import { readTableQuestion } from '../src/table-lookup';
import { tagQuestion } from '../src/tagger';
import { tokenize } from '../src/tokenize';
import { understand } from '../src/understand';
import { createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let fixture: SqliteFixture;
let database: SqliteFixture['database'];
let context: SqliteFixture['context'];

beforeAll(() => {
  fixture = createSqliteFixture(
    'cup',
    `
    CREATE TABLE finals (year INTEGER, winner TEXT, runner_up TEXT, venue TEXT, goals INTEGER);
    INSERT INTO finals VALUES
      (2001,'Ajax','PSV','Amsterdam',3),
      (2002,'PSV','Ajax','Eindhoven',2),
      (2003,'Ajax','Feyenoord','Rotterdam',4),
      (2004,'Feyenoord','Ajax','Utrecht',1),
      (NULL,'Total',NULL,NULL,10);
  `,
  );
  ({ database, context } = fixture);
});

afterAll(() => fixture.close());

/** The lookup reading of a question and its answer cells (only the asked-for columns), or undefined. */
function answer(question: string): { values: unknown[]; spec: unknown } | undefined {
  const catalog = catalogFromModel(context.model);
  const tagged = tagQuestion(tokenize(question), {
    lexicon: new Lexicon(catalog),
    values: context.valueIndex,
    asOfYear: 2024,
  });
  const reading = readTableQuestion({
    tagged,
    resolver: new SchemaResolver(catalog),
    values: context.valueIndex,
    asOf: context.asOf,
  });
  if (!reading) return undefined;
  const sql = String(compileQuery(reading.spec, context.model, 'sqlite').sql);
  const rows = database.prepare(sql).all() as Array<Record<string, unknown>>;
  const columns = reading.answerColumns ?? Object.keys(rows[0] ?? {});
  return { values: rows.flatMap((row) => columns.map((column) => row[column])), spec: reading.spec };
}

describe('single-table lookups', () => {
  it('reads the cell beside a named value', () => {
    const result = answer('in what year was psv the runner up?');
    expect(result).toMatchObject({
      values: [2001],
      spec: { select: [{ column: { column: 'year' } }], filters: [{ op: 'eq', value: 'PSV' }] },
    });
  });

  it('counts the rows that hold a value in the column the question names', () => {
    expect(answer('how many times was ajax the winner?')).toMatchObject({
      values: [2],
      spec: {
        measures: [{ aggregation: 'count' }],
        filters: expect.arrayContaining([{ op: 'eq', column: { column: 'winner' }, value: 'Ajax' }]),
      },
    });
  });

  it('counts rows holding either of two values', () => {
    expect(answer('how many times was the winner ajax or feyenoord?')).toMatchObject({
      values: [3],
      spec: {
        filters: expect.arrayContaining([
          { op: 'in', column: { column: 'winner' }, values: ['Ajax', 'Feyenoord'] },
        ]),
      },
    });
  });

  it('takes the last row in file order, skipping the summary row', () => {
    const result = answer('which venue was used last?');
    expect(result).toMatchObject({
      values: ['Utrecht'],
      spec: {
        order: [{ direction: 'desc' }],
        limit: 1,
        filters: [{ op: 'neq', column: { column: 'winner' }, value: 'Total' }],
      },
    });
    expect(JSON.stringify(result?.spec)).toContain(ROW_POSITION);
  });

  it('finds the row after a named one', () => {
    expect(answer('which winner is listed after psv?')).toMatchObject({
      values: ['Ajax'],
      spec: { rowAnchor: { offset: 1, filters: [{ op: 'eq', column: { column: 'winner' }, value: 'PSV' }] } },
    });
    expect(answer('which winner played before feyenoord?')).toMatchObject({ values: ['Ajax'] });
  });

  it('ranks rows by a column, not the summary row', () => {
    expect(answer('which venue had the most goals?')).toMatchObject({
      values: ['Rotterdam'],
      spec: { order: [{ direction: 'desc' }], limit: 1 },
    });
  });

  it('chooses between two named values by an amount or by file order', () => {
    expect(answer('which venue had more goals, amsterdam or eindhoven?')).toMatchObject({
      values: ['Amsterdam'],
      spec: {
        filters: expect.arrayContaining([
          { op: 'in', column: { column: 'venue' }, values: ['Amsterdam', 'Eindhoven'] },
        ]),
        order: [{ direction: 'desc' }],
      },
    });
    expect(answer('which venue is listed first, utrecht or rotterdam?')).toMatchObject({
      values: ['Rotterdam'],
    });
    expect(answer('which venue had fewer goals, amsterdam or eindhoven?')).toMatchObject({
      values: ['Eindhoven'],
    });
  });

  it('finds the value on most rows when the amount is not a column', () => {
    expect(answer('which runner up has the most losses?')).toMatchObject({
      values: ['Ajax'],
      spec: {
        dimensions: [{ column: { column: 'runner_up' } }],
        measures: [{ aggregation: 'count' }],
        limit: 1,
      },
    });
  });

  it('counts rows in a range of years', () => {
    expect(answer('how many finals were played after 2002?')).toMatchObject({ values: [2] });
  });

  it('abstains on negations and differences between rows', () => {
    expect(answer('which winner is listed after psv but not ajax?')).toBeUndefined();
    expect(answer('how many times did zwolle win?')).toBeUndefined();
  });

  it('subtracts the amount of one named value from another', () => {
    expect(answer('how many more goals were scored in amsterdam than in eindhoven?')).toMatchObject({
      values: [1],
      spec: {
        measures: [
          { aggregation: 'sum', where: [{ op: 'eq', column: { column: 'venue' }, value: 'Amsterdam' }] },
          { aggregation: 'sum', where: [{ op: 'eq', column: { column: 'venue' }, value: 'Eindhoven' }] },
        ],
        derived: [{ kind: 'difference', measure: 'first_value', minus: 'second_value' }],
      },
    });
    expect(answer('how many fewer goals were scored in utrecht than rotterdam?')).toMatchObject({
      values: [3],
    });
  });

  it('gives the size of a difference between two values, never a guessed amount', () => {
    expect(answer('what is the difference in goals between utrecht and rotterdam?')).toMatchObject({
      values: [3],
      spec: { derived: [{ kind: 'difference', absolute: true }] },
    });
    // No amount column is named: a row count would be a guess.
    expect(answer('how many more finals did ajax have as winner than feyenoord?')).toBeUndefined();
    expect(
      answer('how many more goals were scored in amsterdam than in utrecht or rotterdam?'),
    ).toBeUndefined();
    // The runner up column holds names, not amounts: nothing to subtract.
    expect(answer('what is the difference in runner up between amsterdam and utrecht?')).toBeUndefined();
  });

  it('is what understand falls back to when the general reading abstains', () => {
    const result = understand('which winner is listed after psv?', context);
    expect(result.kind === 'spec' && result.spec.rowAnchor).toEqual({
      filters: [{ op: 'eq', column: { column: 'winner' }, value: 'PSV' }],
      offset: 1,
      // Asked in the winner column itself: the next row with another, non-empty winner.
      nearest: [
        { op: 'neq', column: { column: 'winner' }, value: 'PSV' },
        { op: 'neq', column: { column: 'winner' }, value: '' },
      ],
    });
  });
});
