import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryResult, TableSchema } from '@askdata/core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../src/answerer';
import { evaluateFile } from '../src/evaluate-file';
import { formatReport } from '../src/format-report';
import { parseRecords } from '../src/records';
import type { TableLoader } from '../src/table-loader';
import { neverAnswerer, oracleAnswerer } from './reference-answerers';

let folder: string;
let file: string;

const lines = [
  { id: 's1', db: 'shop.sqlite', question: 'How many products?', gold_sql: 'SELECT count(*) FROM product' },
  {
    id: 's2',
    db: 'shop.sqlite',
    question: 'Names and prices, most expensive first',
    gold_sql: 'SELECT name, price FROM product ORDER BY price DESC',
  },
  {
    id: 's3',
    db: 'shop.sqlite',
    question: 'Products per maker',
    gold_sql: 'SELECT maker, count(*) FROM product GROUP BY maker',
  },
  { id: 's4', db: 'missing.sqlite', question: 'Anything?', gold_sql: 'SELECT 1' },
  { id: 's5', db: 'shop.sqlite', question: 'Broken gold', gold_sql: 'SELECT nope FROM product' },
  { id: 'w1', table: 'tables/people.csv', question: 'who is oldest?', answers: ['Ann'] },
  { id: 'w2', table: 'tables/people.csv', question: 'how many people?', answers: ['2'] },
  { id: 'w3', table: 'tables/absent.csv', question: 'which one?', answers: ['x'] },
  { id: 'w4', table: 'tables/unloadable.csv', question: 'what is it?', answers: ['y'] },
  { id: 'c1', db: 'shop.sqlite', questions: ['Bar chart of products per maker'], chart: 'bar' },
  { id: 'u1', question: 'Something else', foo: 1 },
];

/** A stand-in for the DuckDB workspace: the harness only needs a table schema and a query function. */
const fakeLoader: TableLoader = {
  async load(csvPath) {
    const table: TableSchema = {
      name: 'people',
      columns: [{ name: 'name', sourceType: 'VARCHAR', logicalType: 'text', nullable: true }],
    };
    const query = async (sql: string): Promise<QueryResult> => {
      const rows = sql.includes('count') ? [[2]] : [['Ann']];
      return { columns: [], rows, rowCount: rows.length, truncated: false, elapsedMs: 0 };
    };
    if (csvPath.endsWith('people.csv')) return { table, query };
    throw new Error('cannot load');
  },
  async close() {},
};

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'askdata-eval-test-'));
  const db = new Database(join(folder, 'shop.sqlite'));
  db.exec(`CREATE TABLE product (id INTEGER PRIMARY KEY, name TEXT, price REAL, maker TEXT);
    INSERT INTO product (name, price, maker) VALUES ('pen', 1.5, 'acme'), ('ink', 4.25, 'acme'), ('pad', 3, 'zeta');`);
  db.close();
  file = join(folder, 'set.jsonl');
  writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n{broken\n`);
  // people.csv must exist: the harness checks the file before asking the loader.
  const tables = join(folder, 'tables');
  mkdirSync(tables);
  writeFileSync(join(tables, 'people.csv'), 'name,age\nAnn,41\nJoe,30\n');
  writeFileSync(join(tables, 'unloadable.csv'), '\u0000\u0001');
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function records() {
  return parseRecords(readFileSync(file, 'utf8'), file).records;
}

describe('evaluateFile', () => {
  it('scores the oracle at 100% and reports unscorable records as errors, not crashes', async () => {
    const report = await evaluateFile(file, {
      answerer: oracleAnswerer(await records()),
      tableLoader: fakeLoader,
    });
    // The CSV that exists but fails to load counts against the system: ingestion is part of answering.
    expect(report.overall).toMatchObject({ records: 10, scored: 7, correct: 6, wrong: 1, errors: 3 });
    expect(report.overall.accuracy).toBeCloseTo(6 / 7);
    expect(report.byKind.sql).toMatchObject({ correct: 3, errors: 2 });
    expect(report.byKind.denotation).toMatchObject({ correct: 2, wrong: 1, errors: 1 });
    expect(report.byKind.chart).toMatchObject({ correct: 1 });
    expect(report.skippedLines.map((line) => line.reason)).toEqual([
      'unknown record shape (missing gold_sql+db, answers+table or chart+db)',
      'invalid JSON',
    ]);
    const errors = Object.fromEntries(report.failures.map((failure) => [failure.id, failure.reason]));
    expect(errors.s4).toMatch(/missing\.sqlite does not exist/);
    expect(errors.s5).toMatch(/^gold SQL could not run: SQLite rejected the query: no such column: nope/);
    expect(errors.w3).toMatch(/absent\.csv does not exist/);
    expect(errors.w4).toBe('table could not be loaded: cannot load');
    expect(report.overall.answerMsP95).toBeGreaterThanOrEqual(0);
    expect(formatReport(report)).toContain('execution (SQL)');
  });

  it('scores a never-answering engine at 0% with 100% abstention', async () => {
    const report = await evaluateFile(file, { answerer: neverAnswerer, tableLoader: fakeLoader });
    expect(report.overall).toMatchObject({ correct: 0, accuracy: 0, precision: 0 });
    expect(report.overall.abstentionRate).toBeCloseTo(6 / 7);
    expect(report.abstentions).toHaveLength(6);
    expect(report.overall.wrong).toBe(1);
  });

  it('marks wrong SQL, bad SQL, crashes and malformed answers as wrong with the reason', async () => {
    const answers: Record<string, unknown> = {
      'How many products?': {
        kind: 'answer',
        sql: 'SELECT count(*) + 1 FROM product',
        interpretation: 'count',
      },
      'Names and prices, most expensive first': {
        kind: 'answer',
        sql: 'SELECT name, price FROM product ORDER BY price',
      },
      'Products per maker': { kind: 'answer', sql: 'SELEC maker' },
      'who is oldest?': { kind: 'answer', values: [{ name: 'Joe' }] },
      'how many people?': { kind: 'answer' },
      'Bar chart of products per maker': { kind: 'answer', chart: 'pie' },
    };
    const answerer: Answerer = {
      name: 'wrong',
      async answer({ question }) {
        if (question === 'how many people?') throw new Error('boom');
        return answers[question] as never;
      },
    };
    const report = await evaluateFile(file, { answerer, tableLoader: fakeLoader });
    expect(report.overall).toMatchObject({ correct: 0, wrong: 7, precision: 0 });
    const reasons = Object.fromEntries(report.failures.map((failure) => [failure.id, failure.reason]));
    expect(reasons.s1).toBe('different values');
    expect(reasons.s2).toBe('different values or row order');
    expect(reasons.s3).toMatch(/SQLite rejected the query/);
    expect(reasons.w1).toBe('different answer');
    expect(reasons.w2).toBe('the engine failed: boom');
    expect(reasons.c1).toBe('different chart type');
    const s1 = report.failures.find((failure) => failure.id === 's1');
    expect(s1).toMatchObject({ interpretation: 'count', expected: { rows: [[3]] }, got: { rows: [[4]] } });
  });

  it('runs engine SQL on the loaded table for denotation records', async () => {
    const answerer: Answerer = {
      name: 'sql',
      async answer({ question, source }) {
        if (source.kind !== 'table') return { kind: 'abstain', reason: 'tables only' };
        expect(source.table.name).toBe('people');
        return { kind: 'answer', sql: question.startsWith('how many') ? 'SELECT count(*)' : 'SELECT name' };
      },
    };
    const report = await evaluateFile(file, { answerer, tableLoader: fakeLoader });
    expect(report.byKind.denotation).toMatchObject({ correct: 2 });
  });

  it('warms the engine up once per source, outside the answer latency', async () => {
    const prepared: string[] = [];
    const answerer: Answerer = {
      ...neverAnswerer,
      async prepare(source) {
        prepared.push(source.path);
      },
    };
    const report = await evaluateFile(file, { answerer, tableLoader: fakeLoader, limit: 3 });
    expect(prepared).toEqual([join(folder, 'shop.sqlite')]);
    expect(report.overall.prepareMsTotal).toBeGreaterThanOrEqual(0);
  });

  it('honours limit, offset and category field', async () => {
    const report = await evaluateFile(file, {
      answerer: neverAnswerer,
      offset: 1,
      limit: 2,
      categoryField: 'id',
    });
    expect(report.byCategory.map((category) => category.category)).toEqual(['s2', 's3']);
    await expect(evaluateFile(join(folder, 'nope.jsonl'), { answerer: neverAnswerer })).rejects.toThrow(
      /Cannot read the evaluation file/,
    );
  });
});

describe('on the Spider bench file', () => {
  it('scores the gold SQL itself at 100%: every gold query runs and compares equal to itself', async () => {
    const spider = join(import.meta.dirname, '../../../../shared/bench/spider/questions.jsonl');
    const parsed = parseRecords(readFileSync(spider, 'utf8'), spider);
    const report = await evaluateFile(spider, { answerer: oracleAnswerer(parsed.records) });
    expect(report.overall).toMatchObject({ records: 492, correct: 492, errors: 0 });
    expect(report.byCategory.map((category) => category.category).sort()).toEqual([
      'easy',
      'extra',
      'hard',
      'medium',
    ]);
  });
});
