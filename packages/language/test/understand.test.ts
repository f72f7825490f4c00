import { compileQuery, deriveSemanticModel } from '@askdata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAnswerer } from '../src/offline-answerer';
import { type Understanding, understand } from '../src/understand';
import { ValueIndex } from '../src/value-index';
import { createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let fixture: SqliteFixture;
let database: SqliteFixture['database'];
let context: SqliteFixture['context'];
let databasePath: string;

beforeAll(() => {
  fixture = createSqliteFixture(
    'music',
    `
    CREATE TABLE singer (singer_id INTEGER PRIMARY KEY, name TEXT, country TEXT, age INTEGER, genre TEXT);
    INSERT INTO singer VALUES (1,'Joe','France',52,'Rock'),(2,'Ann','Canada',29,'Pop'),(3,'Li','France',41,'Rock'),(4,'Bo','France',35,'Jazz');
    CREATE TABLE award (award_id INTEGER PRIMARY KEY, singer_id INTEGER REFERENCES singer(singer_id), title TEXT);
    INSERT INTO award VALUES (1,1,'Gold'),(2,1,'Platinum'),(3,3,'Gold');
    CREATE TABLE sale (sale_id INTEGER PRIMARY KEY, singer_id INTEGER REFERENCES singer(singer_id), sold_on DATE, amount REAL);
    INSERT INTO sale VALUES (1,1,'2024-01-10',10),(2,1,'2024-02-11',20),(3,2,'2024-02-12',5),(4,3,'2023-07-01',7);
  `,
  );
  ({ database, context } = fixture);
  databasePath = fixture.file;
});

afterAll(() => fixture.close());

function spec(question: string, extra: Partial<Parameters<typeof understand>[1]> = {}) {
  const result = understand(question, { ...context, ...extra });
  if (result.kind !== 'spec')
    throw new Error(`expected a spec for "${question}", got ${JSON.stringify(result)}`);
  return result;
}

function rows(result: Extract<Understanding, { kind: 'spec' }>): unknown[][] {
  const sql = String(compileQuery(result.spec, context.model, 'sqlite').sql);
  return database.prepare(sql).raw().all() as unknown[][];
}

describe('understand', () => {
  it('counts rows of the named table with a value filter', () => {
    const result = spec('How many singers are from France?');
    expect(result.spec).toMatchObject({
      table: 'singer',
      measures: [{ aggregation: 'count' }],
      filters: [{ op: 'eq', column: { column: 'country' }, value: 'France' }],
    });
    expect(rows(result)).toEqual([[3]]);
  });

  it('applies a list of aggregations to one column', () => {
    const result = spec('What is the average, minimum and maximum age of singers?');
    expect(result.spec.measures.map((measure) => measure.aggregation)).toEqual(['avg', 'min', 'max']);
    expect(rows(result)).toEqual([[39.25, 29, 52]]);
  });

  it('groups with "for each" and filters with comparisons', () => {
    const result = spec('For each country, how many singers are older than 30?');
    expect(result.spec.dimensions).toMatchObject([{ column: { column: 'country' } }]);
    expect(result.spec.filters).toMatchObject([{ op: 'gt', column: { column: 'age' }, value: 30 }]);
    expect(rows(result)).toEqual([['France', 3]]);
  });

  it('reads superlatives as ordering with a limit, answering only the asked column', () => {
    const result = spec('Which country has the most singers?');
    expect(result.spec.order).toMatchObject([{ direction: 'desc' }]);
    expect(result.spec.limit).toBe(1);
    expect(result.answerColumns).toEqual(['country']);
    const youngest = spec('Show the name of the youngest singer');
    expect(youngest.spec).toMatchObject({ order: [{ by: 'age', direction: 'asc' }], limit: 1 });
    expect(rows(youngest)[0]?.[0]).toBe('Ann');
  });

  it('lists rows ordered as asked, with top N', () => {
    const result = spec('List the names of the 2 oldest singers');
    expect(result.spec).toMatchObject({
      select: [{ column: { column: 'name' } }, { column: { column: 'age' } }],
      order: [{ by: 'age', direction: 'desc' }],
      limit: 2,
    });
    expect(rows(result).map((row) => row[0])).toEqual(['Joe', 'Li']);
  });

  it('resolves date phrases on the date column', () => {
    const result = spec('total amount of sales in Q1 2024');
    expect(result.spec.filters).toEqual([
      { op: 'date_range', column: { column: 'sold_on' }, from: '2024-01-01', to: '2024-03-31' },
    ]);
    expect(rows(result)).toEqual([[35]]);
    const monthly = spec('total amount of sales by month');
    expect(monthly.spec.dimensions).toMatchObject([{ column: { column: 'sold_on' }, grain: 'month' }]);
  });

  it('corrects typos and reports the correction', () => {
    const result = spec('How many singers per contry?');
    expect(result.corrections).toEqual([{ from: 'contry', to: 'country', kind: 'typo' }]);
    expect(result.spec.dimensions).toMatchObject([{ column: { column: 'country' } }]);
  });

  it('abstains with the words it did not understand and schema-based suggestions', () => {
    const result = understand('what is the weather forecast for tomorrow in the mountains', context);
    expect(result.kind).toBe('abstain');
    if (result.kind !== 'abstain') return;
    expect(result.notUnderstood).toEqual(expect.arrayContaining(['weather', 'forecast']));
    expect(result.suggestions.length).toBeGreaterThan(0);
  });

  it('abstains on an empty question instead of guessing', () => {
    for (const question of ['', '   ', '?!']) {
      const result = understand(question, context);
      expect(result).toMatchObject({ kind: 'abstain', reason: 'the question is empty' });
      if (result.kind === 'abstain') expect(result.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('edits the previous spec for follow-ups', () => {
    const first = spec('number of singers by country');
    const genre = spec('now by genre', { previous: first.spec });
    expect(genre.spec.dimensions).toMatchObject([{ column: { column: 'genre' } }]);
    const france = spec('only for France', { previous: first.spec });
    expect(france.spec.filters).toMatchObject([{ op: 'eq', value: 'France' }]);
    const line = spec('show it as a line', { previous: first.spec });
    expect(line.spec.chart).toBe('line');
    const why = spec('why?', { previous: first.spec, previousTop: { country: 'France' } });
    expect(why.spec.filters).toMatchObject([{ op: 'eq', column: { column: 'country' }, value: 'France' }]);
    expect(why.spec.dimensions).toMatchObject([{ column: { column: 'genre' } }]);
  });

  it('asks which column is meant when a word fits several equally', () => {
    const text = (name: string) => ({
      name,
      sourceType: 'TEXT',
      logicalType: 'text' as const,
      nullable: true,
    });
    const model = deriveSemanticModel({
      tables: [
        {
          name: 'person',
          columns: [
            text('birth_city'),
            text('work_city'),
            { name: 'salary', sourceType: 'REAL', logicalType: 'float', nullable: true },
          ],
        },
      ],
    });
    const result = understand('average salary by city', { model, asOf: '2024-01-01' });
    expect(result.kind).toBe('clarify');
    if (result.kind !== 'clarify') return;
    expect(result.candidates).toHaveLength(2);
  });
});

describe('understand: relations between tables and word knowledge', () => {
  it('reads "who have a …" and "without any …" as existence of related rows', () => {
    const have = spec('List the names of singers who have an award');
    expect(have.spec.filters).toMatchObject([{ op: 'not_null', column: { table: 'award' } }]);
    expect(have.spec.distinct).toBe(true);
    expect(
      rows(have)
        .map((row) => row[0])
        .sort(),
    ).toEqual(['Joe', 'Li']);
    const without = spec('List the names of singers without any award');
    expect(without.spec.filters).toMatchObject([{ op: 'is_null', column: { table: 'award' } }]);
    expect(
      rows(without)
        .map((row) => row[0])
        .sort(),
    ).toEqual(['Ann', 'Bo']);
  });

  it('maps an adjective to the value it pertains to (WordNet pertainyms) and reports it', () => {
    const result = spec('How many French singers are there?');
    expect(result.spec.filters).toEqual([{ op: 'eq', column: { column: 'country' }, value: 'France' }]);
    expect(result.corrections).toEqual([{ from: 'French', to: 'France', kind: 'synonym' }]);
  });

  it('reads a comparative with the column in between ("a greater age than 40")', () => {
    const result = spec('How many singers have a greater age than 40?');
    expect(result.spec.filters).toEqual([{ op: 'gt', column: { column: 'age' }, value: 40 }]);
    expect(rows(result)).toEqual([[2]]);
  });

  it('accepts a verb that links two named tables, at a lower confidence', () => {
    const result = spec('List the titles of awards received by singers from Canada');
    expect(result.confidence).toBeLessThan(1);
    expect(result.doubts.join(' ')).toContain('received');
  });

  it('filters on a name found inside longer values, and says it matched part of a value', () => {
    const valueIndex = new ValueIndex([
      { table: 'singer', column: 'name', values: ['Henri Cochet', 'Ann Lee'] },
    ]);
    const result = spec('How many singers are named cochet?', { valueIndex });
    expect(result.spec.filters).toEqual([{ op: 'contains', column: { column: 'name' }, value: 'cochet' }]);
    expect(result.doubts.join(' ')).toContain('part of a name value');
  });

  it('groups by the column named before a count condition ("at least two")', () => {
    const result = spec('Which countries have at least two singers?');
    expect(result.spec.having).toMatchObject([{ op: 'gte', value: 2 }]);
    expect(result.answerColumns).toEqual(['country']);
    expect(rows(result)).toEqual([['France', 3]]);
  });

  it('sorts a listing alphabetically when asked without naming a column', () => {
    const result = spec('List the names of singers sorted alphabetically');
    expect(result.spec.order).toEqual([{ by: 'name', direction: 'asc' }]);
  });

  it('refuses "both X and Y" on a related table instead of answering "X or Y"', () => {
    const result = understand('Which singers have both Gold and Platinum awards?', context);
    expect(result.kind).toBe('abstain');
  });
});

describe('createOfflineAnswerer', () => {
  it('answers a SQLite question with runnable SQL, or abstains', async () => {
    const answerer = createOfflineAnswerer({ asOf: '2024-03-15' });
    const outcome = await answerer.answer({
      question: 'Which country has the most singers?',
      source: { kind: 'sqlite', path: databasePath, dialect: 'sqlite' },
    });
    expect(outcome.kind).toBe('answer');
    if (outcome.kind !== 'answer') return;
    expect(database.prepare(outcome.sql).raw().all()).toEqual([['France']]);
    const nonsense = await answerer.answer({
      question: 'who painted the mona lisa',
      source: { kind: 'sqlite', path: databasePath, dialect: 'sqlite' },
    });
    expect(nonsense.kind).toBe('abstain');
    answerer.close();
  });
});
