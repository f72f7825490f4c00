import type { ValidatedSql } from '@askdata/core';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import { MysqlExecutor } from '../src/index';

const available = await probeService('mariadb');
const table = `askdata_guard_${process.pid}`;

describe.skipIf(!available)('MysqlExecutor (real MariaDB)', () => {
  let executor: MysqlExecutor;
  let admin: mysql.Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(serviceAddresses.mariadb.url);
    await admin.query(`CREATE TABLE IF NOT EXISTS ${table} (id int, name varchar(40), amount decimal(10,2))`);
    await admin.query(`DELETE FROM ${table}`);
    await admin.query(`INSERT INTO ${table} VALUES (1, 'a', 1.50), (2, 'b', 2.25), (3, 'c', 3.00)`);
    executor = new MysqlExecutor({ uri: serviceAddresses.mariadb.url, maxConnections: 2 });
  });

  afterAll(async () => {
    await admin.query(`DROP TABLE IF EXISTS ${table}`);
    await admin.end();
    await executor.close();
  });

  it('runs a read, caps rows and keeps types', async () => {
    const result = await executor.execute(
      `SELECT id, name, amount FROM ${table} ORDER BY id` as ValidatedSql,
      {
        maxRows: 2,
        timeoutMs: 5000,
      },
    );
    expect(result.rows).toEqual([
      [1, 'a', 1.5],
      [2, 'b', 2.25],
    ]);
    expect(result.truncated).toBe(true);
  });

  it('refuses writes inside the read-only transaction', async () => {
    await expect(
      executor.execute(`DELETE FROM ${table}` as ValidatedSql, { maxRows: 1, timeoutMs: 5000 }),
    ).rejects.toMatchObject({ code: 'query_failed' });
    const [rows] = await admin.query(`SELECT count(*) AS n FROM ${table}`);
    expect((rows as Array<{ n: number }>)[0]?.n).toBe(3);
  });

  it('stops a slow query within 1.5x its limit and the next query works', async () => {
    const limit = 500;
    const started = performance.now();
    await expect(
      executor.execute('SELECT SLEEP(5)' as ValidatedSql, { maxRows: 1, timeoutMs: limit }),
    ).rejects.toMatchObject({ code: 'query_timeout' });
    const elapsed = performance.now() - started;
    console.log(`mariadb: slow query stopped after ${elapsed.toFixed(0)} ms (limit ${limit} ms)`);
    expect(elapsed).toBeLessThan(limit * 1.5);
    const next = await executor.execute('SELECT 1' as ValidatedSql, { maxRows: 1, timeoutMs: 5000 });
    expect(next.rows).toEqual([[1]]);
  });
});
