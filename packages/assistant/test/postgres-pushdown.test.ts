import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CellValue, QueryResult } from '@askdata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import {
  type Answer,
  askQuestion,
  type PreparedSource,
  postgresSource,
  prepareSource,
  workspaceSource,
} from '../src/index';
import { openPushdownFixture, type PushdownFixture } from './pushdown-fixture';

const available = await probeService('postgres');
const namespace = `askdata_pushdown_${process.pid}`;
const questions = readFileSync(resolve(import.meta.dirname, '../../../bench/retail/questions.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { id: string; question: string }).question);

async function answer(question: string, prepared: PreparedSource): Promise<Answer> {
  for await (const event of askQuestion(question, prepared, { asOf: '2025-12-31' })) {
    if (event.type === 'answer') return event.answer;
    if (['clarification', 'abstention', 'error'].includes(event.type))
      throw new Error(`${question}: ${JSON.stringify(event)}`);
  }
  throw new Error(`${question}: no answer`);
}

/** Rows as a sorted multiset with numbers rounded to cents: ties may come back in any order. */
function comparable(rows: CellValue[][]): string[] {
  return rows
    .map((row) =>
      JSON.stringify(row.map((cell) => (typeof cell === 'number' ? Math.round(cell * 100) / 100 : cell))),
    )
    .sort();
}

describe.skipIf(!available)('push-down: the offline engine answers on PostgreSQL, in PostgreSQL', () => {
  let fixture: PushdownFixture;
  let postgres: PreparedSource;
  let duckdb: PreparedSource;
  const executed: Array<{ sql: string; rows: number }> = [];

  beforeAll(async () => {
    fixture = await openPushdownFixture(namespace);
    const source = await postgresSource({ url: serviceAddresses.postgres.url, schemas: [namespace] });
    const run = source.run;
    source.run = async (sql, limits): Promise<QueryResult> => {
      const result = await run(sql, limits);
      executed.push({ sql, rows: result.rowCount });
      return result;
    };
    postgres = await prepareSource(source);
    duckdb = await prepareSource(workspaceSource(fixture.workspace));
  });

  afterAll(async () => {
    await postgres?.source.close();
    await fixture?.cleanup();
  });

  it('gives the same results as DuckDB on the demo files, for every retail question', async () => {
    expect(questions.length).toBeGreaterThanOrEqual(60);
    for (const question of questions) {
      const onPostgres = await answer(question, postgres);
      const onFiles = await answer(question, duckdb);
      expect(onPostgres.dialect, question).toBe('postgres');
      expect(onPostgres.sql, question).toContain(`"${namespace}".`);
      expect(comparable(onPostgres.result.rows), question).toEqual(comparable(onFiles.result.rows));
    }
    // Only answers came back: no statement read a table out (order_lines has over 100 000 rows).
    expect(executed.length).toBeGreaterThanOrEqual(questions.length);
    expect(Math.max(...executed.map((entry) => entry.rows))).toBeLessThanOrEqual(3000);
  });

  it('reads the live database: a row added after preparing shows up in the next answer', async () => {
    const before = await answer('What is the total revenue?', postgres);
    const ordersBefore = await answer('How many orders are there?', postgres);
    await fixture.admin.query(
      `INSERT INTO ${namespace}.orders VALUES (999999, 1, '2025-06-01', NULL, 'Pending', 'Online')`,
    );
    await fixture.admin.query(`INSERT INTO ${namespace}.order_lines VALUES (999999, 1, 1, 1, 1000, 0, 1000)`);
    const after = await answer('What is the total revenue?', postgres);
    const ordersAfter = await answer('How many orders are there?', postgres);
    expect(Number(after.result.rows[0]?.[0])).toBeCloseTo(Number(before.result.rows[0]?.[0]) + 1000, 2);
    expect(ordersAfter.result.rows[0]?.[0]).toBe(Number(ordersBefore.result.rows[0]?.[0]) + 1);
    // The files were not touched: the same question there still gives the old figure.
    const onFiles = await answer('What is the total revenue?', duckdb);
    expect(Number(onFiles.result.rows[0]?.[0])).toBeCloseTo(Number(before.result.rows[0]?.[0]), 2);
  });
});
