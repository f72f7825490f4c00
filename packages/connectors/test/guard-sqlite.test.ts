import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ValidatedSql } from '@askdata/core';
import { dryRun, loadPgParser, validateSqlSync } from '@askdata/guard';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteExecutor } from '../src/index';

const dir = mkdtempSync(path.join(tmpdir(), 'askdata-sqlite-'));
const file = path.join(dir, 'shop.sqlite');
let executor: SqliteExecutor;
const slow =
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c' as ValidatedSql;

beforeAll(async () => {
  await loadPgParser();
  const db = new Database(file);
  db.exec(
    `CREATE TABLE customers (id INTEGER, name TEXT, email TEXT, ssn TEXT, credit_limit REAL, created_at TEXT);`,
  );
  const insert = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)');
  for (let id = 1; id <= 200; id += 1)
    insert.run(id, `name ${id}`, `user${id}@example.com`, `000-${id}`, id * 10.5, '2024-01-02');
  db.close();
  executor = new SqliteExecutor(file);
});

afterAll(async () => {
  await executor.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteExecutor', () => {
  it('runs a validated read and caps rows and bytes', async () => {
    const result = await executor.execute(
      'SELECT id, name, credit_limit FROM customers ORDER BY id' as ValidatedSql,
      {
        maxRows: 5,
        timeoutMs: 5000,
      },
    );
    expect(result.rows).toEqual([
      [1, 'name 1', 10.5],
      [2, 'name 2', 21],
      [3, 'name 3', 31.5],
      [4, 'name 4', 42],
      [5, 'name 5', 52.5],
    ]);
    expect(result.truncated).toBe(true);
    expect(result.columns.map((column) => column.logicalType)).toEqual(['integer', 'text', 'float']);
    const bytes = await executor.execute('SELECT name FROM customers' as ValidatedSql, {
      maxRows: 1000,
      maxBytes: 100,
      timeoutMs: 5000,
    });
    expect(bytes.truncated).toBe(true);
    expect(bytes.rowCount).toBeLessThan(20);
  });

  it('refuses writes at the source even when they skip the guard', async () => {
    await expect(
      executor.execute('DELETE FROM customers' as ValidatedSql, { maxRows: 10, timeoutMs: 5000 }),
    ).rejects.toMatchObject({ code: 'query_failed' });
    const count = await executor.execute('SELECT count(*) FROM customers' as ValidatedSql, {
      maxRows: 1,
      timeoutMs: 5000,
    });
    expect(count.rows).toEqual([[200]]);
  });

  it('stops a slow query within 1.5x its limit and the next query works', async () => {
    const limit = 400;
    const started = performance.now();
    await expect(executor.execute(slow, { maxRows: 10, timeoutMs: limit })).rejects.toMatchObject({
      code: 'query_timeout',
    });
    const elapsed = performance.now() - started;
    console.log(`sqlite: slow query stopped after ${elapsed.toFixed(0)} ms (limit ${limit} ms)`);
    expect(elapsed).toBeLessThan(limit * 1.5);
    const next = await executor.execute('SELECT 1 AS one' as ValidatedSql, { maxRows: 1, timeoutMs: 5000 });
    expect(next.rows).toEqual([[1]]);
  });

  it('stops a query on abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(
      executor.execute(slow, { maxRows: 10, timeoutMs: 10_000, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'query_cancelled' });
    const next = await executor.execute('SELECT 2 AS two' as ValidatedSql, { maxRows: 1, timeoutMs: 5000 });
    expect(next.rows).toEqual([[2]]);
  });

  it('returns masked values for a masked column', async () => {
    const validated = validateSqlSync('SELECT id, email FROM customers WHERE id = 1', {
      dialect: 'sqlite',
      schema: [
        {
          name: 'customers',
          columns: ['id', 'name', 'email', 'ssn'].map((name) => ({
            name,
            sourceType: 'TEXT',
            logicalType: 'text' as const,
            nullable: true,
          })),
        },
      ],
      columnPolicy: (_table, column) => (column === 'email' ? 'mask' : 'allow'),
      maxRows: 10,
    });
    const result = await executor.execute(validated.sql, { maxRows: 10, timeoutMs: 5000 });
    expect(result.columns.map((column) => column.name)).toEqual(['id', 'email']);
    expect(result.rows).toEqual([[1, 'us***@example.com']]);
  });

  it('dry run warns about a cartesian product', async () => {
    const cross = await dryRun(executor, 'SELECT count(*) FROM customers a, customers b' as ValidatedSql);
    expect(cross.warnings).toEqual([
      'The plan joins tables without a join condition (a cartesian product): check the join.',
    ]);
    const single = await dryRun(executor, 'SELECT count(*) FROM customers' as ValidatedSql);
    expect(single.warnings).toEqual([]);
  });
});
