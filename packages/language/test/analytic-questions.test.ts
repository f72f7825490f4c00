/**
 * Business questions as analysts type them: measures named without an aggregation word, time grains,
 * rankings over another table's measure, headline counts, calculations over groups. A small shop
 * database (stores, items, sales, sale lines) stands in for any sales data.
 */
import { applySemanticYaml, compileQuery } from '@askdata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspectSqlite, sampleSqliteValues } from '../src/sqlite-schema';
import { type Understanding, understand } from '../src/understand';
import { ValueIndex } from '../src/value-index';
import { createSqliteFixture, type SqliteFixture } from './support/sqlite-fixture';

let fixture: SqliteFixture;
let database: SqliteFixture['database'];
let context: SqliteFixture['context'];

beforeAll(() => {
  fixture = createSqliteFixture(
    'shop',
    `
    CREATE TABLE store (id INTEGER PRIMARY KEY, name TEXT, city TEXT, region TEXT, opened_on DATE);
    INSERT INTO store VALUES (1,'North Hall','Lyon','East','2020-05-01'),(2,'Quay','Paris','North','2021-03-01'),(3,'Arcade','Paris','North','2021-09-01');
    CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, family TEXT, list_price REAL);
    INSERT INTO item VALUES (1,'Kettle','Kitchen',12),(2,'Lamp','Lighting',25),(3,'Toaster','Kitchen',18);
    CREATE TABLE sale (sale_id INTEGER PRIMARY KEY, store_id INTEGER REFERENCES store(id), sold_on DATE);
    INSERT INTO sale VALUES (1,1,'2024-01-10'),(2,1,'2024-02-11'),(3,2,'2024-02-12'),(4,3,'2023-07-01');
    CREATE TABLE sale_line (sale_id INTEGER REFERENCES sale(sale_id), item_id INTEGER REFERENCES item(id), units INTEGER, amount REAL);
    INSERT INTO sale_line VALUES (1,1,2,24),(1,2,1,25),(2,3,3,54),(3,2,4,100),(4,1,1,10),(4,3,-1,-18);
  `,
  );
  ({ database, context } = fixture);
});

afterAll(() => fixture.close());

function spec(question: string): Extract<Understanding, { kind: 'spec' }> {
  const result = understand(question, context);
  if (result.kind !== 'spec')
    throw new Error(`expected a spec for "${question}", got ${JSON.stringify(result)}`);
  return result;
}

function rows(question: string): unknown[][] {
  const sql = String(compileQuery(spec(question).spec, context.model, 'sqlite').sql);
  return database.prepare(sql).raw().all() as unknown[][];
}

describe('measures named without an aggregation word', () => {
  it('adds a measure up per group ("amount by family")', () => {
    const result = spec('Amount by family');
    expect(result.spec.measures).toMatchObject([{ aggregation: 'sum', column: { column: 'amount' } }]);
    expect(result.spec.dimensions).toMatchObject([{ column: { column: 'family' } }]);
    expect(new Map(rows('Amount by family') as Array<[string, number]>)).toEqual(
      new Map([
        ['Kitchen', 70],
        ['Lighting', 125],
      ]),
    );
  });

  it('adds up a headline measure and dates it through the table its rows belong to', () => {
    const result = spec('Amount this year');
    expect(result.spec.measures).toMatchObject([{ aggregation: 'sum', column: { column: 'amount' } }]);
    expect(result.spec.filters).toMatchObject([
      { op: 'relative_date', unit: 'year', mode: 'this', column: { column: 'sold_on' } },
    ]);
    expect(rows('Amount this year')).toEqual([[203]]);
  });

  it('reads a headline measure with a value filter as one total ("amount from Lyon stores")', () => {
    const result = spec('Amount from Lyon stores');
    expect(result.spec.dimensions).toEqual([]);
    expect(result.spec.filters).toMatchObject([{ op: 'eq', column: { column: 'city' }, value: 'Lyon' }]);
    expect(rows('Amount from Lyon stores')).toEqual([[103]]);
  });

  it('compares two values of a measure side by side ("amount Lyon vs Paris")', () => {
    const result = spec('Amount Lyon vs Paris');
    expect(result.spec.dimensions).toMatchObject([{ column: { column: 'city' } }]);
    expect(result.spec.measures).toMatchObject([{ aggregation: 'sum' }]);
  });

  it('understands the verb that records the fact ("units sold by family")', () => {
    const result = spec('Units sold by family');
    expect(result.unmatched).toEqual([]);
    expect(result.spec.measures).toMatchObject([{ aggregation: 'sum', column: { column: 'units' } }]);
  });

  it('groups "by <entity>" by its key and name, answering with the name', () => {
    const result = spec('Amount by store');
    expect(result.spec.dimensions.map((dimension) => dimension.column.column)).toEqual(['id', 'name']);
    expect(result.answerColumns).toEqual(['name', 'sum_amount']);
  });

  it('keeps "per <the measured table>" as a per-row average, not a grouping', () => {
    const result = spec('Average units per sale line');
    expect(result.spec.dimensions).toEqual([]);
    expect(result.spec.measures).toMatchObject([{ aggregation: 'avg', column: { column: 'units' } }]);
  });

  it('does not answer an average of rows with a count ("average sale value")', () => {
    expect(understand('Average sale value by store', context).kind).toBe('abstain');
  });

  it('takes the median', () => {
    expect(spec('Median list price').spec.measures).toMatchObject([{ aggregation: 'median' }]);
  });
});

describe('time grains', () => {
  it('groups by a grain adjective ("monthly amount in 2024")', () => {
    const result = spec('Monthly amount in 2024');
    expect(result.spec.dimensions).toMatchObject([{ column: { column: 'sold_on' }, grain: 'month' }]);
    expect(result.spec.filters).toMatchObject([{ op: 'date_range', from: '2024-01-01', to: '2024-12-31' }]);
  });

  it('groups by a column and a grain listed together ("amount by family and year")', () => {
    const result = spec('Amount by family and year');
    expect(result.spec.dimensions).toMatchObject([
      { column: { column: 'family' } },
      { column: { column: 'sold_on' }, grain: 'year' },
    ]);
  });

  it('uses the date column a word names ("sales by opening year" is the store\'s opening)', () => {
    const result = spec('Sales by opening year');
    expect(result.spec.dimensions).toMatchObject([
      { column: { table: 'store', column: 'opened_on' }, grain: 'year' },
    ]);
    expect(spec('Sales by year').spec.dimensions).toMatchObject([{ column: { column: 'sold_on' } }]);
  });

  it('groups by day of week', () => {
    expect(spec('Sales by day of week').spec.dimensions).toMatchObject([{ grain: 'day_of_week' }]);
  });

  it('ranks periods asked for with "which month"', () => {
    const result = spec('Which month had the most sales?');
    expect(result.spec.dimensions).toMatchObject([{ grain: 'month' }]);
    expect(result.spec.limit).toBe(1);
    expect(result.spec.order).toMatchObject([{ direction: 'desc' }]);
  });
});

describe('rankings and groups', () => {
  it('adds up another table\'s measure per entity for "top N … by"', () => {
    const result = spec('Top 2 items by amount');
    expect(result.spec.dimensions.map((dimension) => dimension.column.column)).toEqual(['id', 'name']);
    expect(result.spec.limit).toBe(2);
    expect(rows('Top 2 items by amount')).toEqual([
      [2, 'Lamp', 125],
      [3, 'Toaster', 36],
    ]);
  });

  it('adds up per category for "which family has the highest amount"', () => {
    expect(rows('Which family has the highest amount?')).toEqual([['Lighting', 125]]);
  });

  it('totals what an entity "has" ("which item has the highest amount")', () => {
    expect(rows('Which item has the highest amount?')).toEqual([[2, 'Lamp', 125]]);
  });

  it('groups "which store has the most sales" by key and name, answering with the name', () => {
    const result = spec('Which store has the most sales?');
    expect(result.spec.dimensions.map((dimension) => dimension.column.column)).toEqual(['id', 'name']);
    expect(result.answerColumns).toEqual(['name']);
  });

  it('keeps a row order when the measured rows are named themselves', () => {
    const result = spec('Show the units of the sale line with the highest amount');
    expect(result.spec.measures).toEqual([]);
  });

  it('ranks the values of a column by a count ("top 1 cities by number of stores")', () => {
    expect(rows('Top 1 cities by number of stores')).toEqual([['Paris', 2]]);
  });

  it('counts rows per group named after the rows ("stores by region and city")', () => {
    const result = spec('Stores by region and city');
    expect(result.spec.dimensions.map((dimension) => dimension.column.column)).toEqual(['region', 'city']);
    expect(result.spec.measures).toMatchObject([{ aggregation: 'count' }]);
  });

  it('keeps entities by a count of their related rows ("stores with more than 1 sales")', () => {
    const result = spec('Stores with more than 1 sales');
    expect(result.spec.having).toMatchObject([{ op: 'gt', value: 1 }]);
    expect(result.answerColumns).toEqual(['name']);
    expect(rows('Stores with more than 1 sales')).toEqual([[1, 'North Hall', 2]]);
  });
});

describe('filters and headline counts', () => {
  it('reads a verb before a related table as "has such rows" ("stores that booked sales")', () => {
    const result = spec('How many stores booked sales?');
    expect(result.spec.filters).toMatchObject([{ op: 'not_null', column: { table: 'sale' } }]);
    expect(rows('How many stores booked sales?')).toEqual([[3]]);
  });

  it('reads "cost" as a verb about the price, with a currency word', () => {
    const result = spec('Which items cost between 15 and 30 dollars?');
    expect(result.spec.filters).toMatchObject([
      { op: 'between', column: { column: 'list_price' }, from: 15, to: 30 },
    ]);
  });

  it('reads "negative" as a sign filter and shows the rows whole', () => {
    const result = spec('Show sale lines with a negative amount');
    expect(result.spec.filters).toMatchObject([{ op: 'lt', column: { column: 'amount' }, value: 0 }]);
    expect(result.spec.select?.length).toBe(4);
  });

  it('lists named rows a headline names ("items that cost less than 20")', () => {
    const result = spec('Items that cost less than 20');
    expect(result.spec.measures).toEqual([]);
    expect(result.spec.select).toMatchObject([{ column: { column: 'name' } }]);
  });

  it('counts rows a headline names ("sale lines with units over 2")', () => {
    const result = spec('Sale lines with units over 2');
    expect(result.spec.measures).toMatchObject([{ aggregation: 'count' }]);
    expect(rows('Sale lines with units over 2')).toEqual([[2]]);
  });
});

describe('calculations over groups', () => {
  it('adds a share of total', () => {
    expect(spec('Share of amount by family').spec.derived).toMatchObject([{ kind: 'share_of_total' }]);
  });

  it('adds growth over a time grain', () => {
    const result = spec('Amount growth by year');
    expect(result.spec.derived).toMatchObject([{ kind: 'period_pct_change', over: 'sold_on_year' }]);
  });

  it('adds a running total over a time grain', () => {
    expect(spec('Running total of sales by month').spec.derived).toMatchObject([{ kind: 'running_total' }]);
  });
});

describe("the semantic model's own words", () => {
  const yaml = `
tables:
  store:
    columns:
      city:
        values:
          Lyon: [lugdunum]
metrics:
  - name: net_amount
    table: sale_line
    expression: sum(amount)
    synonyms: [takings]
    filters:
      - { column: amount, op: gt, value: 0 }
`;

  it('measures a metric named by its synonym, as defined', () => {
    const model = applySemanticYaml(context.model, yaml, 'askdata.yaml');
    const result = understand('Takings by family', { ...context, model });
    if (result.kind !== 'spec') throw new Error(JSON.stringify(result));
    expect(result.spec.measures).toMatchObject([{ metric: 'net_amount' }]);
    const sql = String(compileQuery(result.spec, model, 'sqlite').sql);
    expect(new Map(database.prepare(sql).raw().all() as Array<[string, number]>)).toEqual(
      new Map([
        ['Kitchen', 88],
        ['Lighting', 125],
      ]),
    );
  });

  it('matches a spoken form of a stored value', () => {
    const model = applySemanticYaml(context.model, yaml, 'askdata.yaml');
    const valueIndex = new ValueIndex(sampleSqliteValues(database, introspectSqlite(database)));
    const result = understand('How many stores are in Lugdunum?', { ...context, model, valueIndex });
    if (result.kind !== 'spec') throw new Error(JSON.stringify(result));
    expect(result.spec.filters).toMatchObject([{ op: 'eq', column: { column: 'city' }, value: 'Lyon' }]);
  });
});
