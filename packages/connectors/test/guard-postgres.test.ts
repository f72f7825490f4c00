import type { ValidatedSql } from '@askdata/core';
import { dryRun, loadPgParser, validateSqlSync } from '@askdata/guard';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import { PostgresExecutor } from '../src/index';

const available = await probeService('postgres');
const table = `askdata_guard_${process.pid}`;

describe.skipIf(!available)('PostgresExecutor (real server)', () => {
  let executor: PostgresExecutor;
  let pool: pg.Pool;

  beforeAll(async () => {
    await loadPgParser();
    pool = new pg.Pool({ connectionString: serviceAddresses.postgres.url, max: 1 });
    await pool.query(
      `CREATE TABLE IF NOT EXISTS ${table} (id int, email text, ssn text, credit_limit numeric(10,2), created_at timestamp)`,
    );
    await pool.query(`TRUNCATE ${table}`);
    await pool.query(
      `INSERT INTO ${table} SELECT g, 'user' || g || '@example.com', '000-' || g, g * 1.5, timestamp '2024-01-02 03:04:05' FROM generate_series(1, 50) g`,
    );
    executor = new PostgresExecutor({ pool });
  });

  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await executor.close();
    await pool.end();
  });

  it('streams through a cursor and caps rows and bytes', async () => {
    const result = await executor.execute('SELECT g FROM generate_series(1, 100000) g' as ValidatedSql, {
      maxRows: 10,
      timeoutMs: 5000,
    });
    expect(result.rowCount).toBe(10);
    expect(result.truncated).toBe(true);
    const typed = await executor.execute(
      `SELECT id, credit_limit, created_at FROM ${table} ORDER BY id LIMIT 1` as ValidatedSql,
      {
        maxRows: 10,
        timeoutMs: 5000,
      },
    );
    expect(typed.rows).toEqual([[1, 1.5, '2024-01-02T03:04:05']]);
    expect(typed.truncated).toBe(false);
    const bytes = await executor.execute(`SELECT email FROM ${table}` as ValidatedSql, {
      maxRows: 1000,
      maxBytes: 200,
      timeoutMs: 5000,
    });
    expect(bytes.truncated).toBe(true);
  });

  it('runs inside a read-only transaction', async () => {
    await expect(
      executor.execute(`DELETE FROM ${table}` as ValidatedSql, { maxRows: 1, timeoutMs: 5000 }),
    ).rejects.toMatchObject({ code: 'query_failed' });
    const count = await executor.execute(`SELECT count(*) FROM ${table}` as ValidatedSql, {
      maxRows: 1,
      timeoutMs: 5000,
    });
    expect(count.rows).toEqual([[50]]);
  });

  it('cancels a slow query within 1.5x its limit and the same connection works next', async () => {
    const before = await executor.execute('SELECT pg_backend_pid()' as ValidatedSql, {
      maxRows: 1,
      timeoutMs: 5000,
    });
    const limit = 500;
    const started = performance.now();
    await expect(
      executor.execute('SELECT pg_sleep(5)' as ValidatedSql, { maxRows: 1, timeoutMs: limit }),
    ).rejects.toMatchObject({ code: 'query_timeout' });
    const elapsed = performance.now() - started;
    console.log(`postgres: slow query cancelled after ${elapsed.toFixed(0)} ms (limit ${limit} ms)`);
    expect(elapsed).toBeLessThan(limit * 1.5);
    // A late cancel request must not hit the next statement on the same connection.
    const next = await executor.execute('SELECT pg_sleep(0.3), pg_backend_pid()' as ValidatedSql, {
      maxRows: 1,
      timeoutMs: 5000,
    });
    expect(next.rows[0]?.[1]).toEqual(before.rows[0]?.[0]);
  });

  it('cancels on abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    await expect(
      executor.execute('SELECT pg_sleep(5)' as ValidatedSql, {
        maxRows: 1,
        timeoutMs: 10_000,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'query_cancelled' });
    const next = await executor.execute('SELECT 1' as ValidatedSql, { maxRows: 1, timeoutMs: 5000 });
    expect(next.rows).toEqual([[1]]);
  });

  it('returns masked values and refuses a denied column', async () => {
    const schema = [
      {
        name: table,
        columns: ['id', 'email', 'ssn'].map((name) => ({
          name,
          sourceType: 'text',
          logicalType: 'text' as const,
          nullable: true,
        })),
      },
    ];
    const columnPolicy = (_table: string, column: string) =>
      (column === 'ssn' ? 'deny' : column === 'email' ? 'mask' : 'allow') as 'deny' | 'mask' | 'allow';
    const validated = validateSqlSync(`SELECT id, email FROM ${table} WHERE id = 2`, {
      dialect: 'postgres',
      schema,
      columnPolicy,
      maxRows: 10,
    });
    const result = await executor.execute(validated.sql, { maxRows: 10, timeoutMs: 5000 });
    expect(result.rows).toEqual([[2, 'us***@example.com']]);
    expect(() =>
      validateSqlSync(`SELECT ssn FROM ${table}`, { dialect: 'postgres', schema, columnPolicy }),
    ).toThrow(/`ssn`/);
  });

  it('dry run warns about a cross join and a huge scan, not about a keyed join', async () => {
    const cross = await dryRun(executor, `SELECT count(*) FROM ${table} a, ${table} b` as ValidatedSql, {
      hugeScanRows: 10,
    });
    expect(cross.warnings).toContain(
      'The plan joins tables without a join condition (a cartesian product): check the join.',
    );
    expect(
      cross.warnings.some((warning) => warning.startsWith(`The plan reads the whole table of \`${table}\``)),
    ).toBe(true);
    const keyed = await dryRun(
      executor,
      `SELECT count(*) FROM ${table} a JOIN ${table} b ON a.id = b.id` as ValidatedSql,
    );
    expect(keyed.warnings).toEqual([]);
  });
});
