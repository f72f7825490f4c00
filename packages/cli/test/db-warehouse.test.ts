/**
 * `askdata ask --db clickhouse://…`: the offline engine compiles for ClickHouse, the guard checks ClickHouse
 * SQL, and the ClickHouse connector runs it over HTTP. The server is the DuckDB-backed stand-in for ClickHouse's
 * HTTP interface (connectors/test/support/duckdb-clickhouse-server.ts): no ClickHouse runs here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DuckdbClickhouseServer,
  startDuckdbClickhouseServer,
} from '../../connectors/test/support/duckdb-clickhouse-server';
import { runCli } from './run-cli';

describe('askdata --db with a warehouse URL', () => {
  let server: DuckdbClickhouseServer;
  let home: string;

  beforeAll(async () => {
    server = await startDuckdbClickhouseServer({ user: 'analyst', password: 'cli-pass' });
    await server.admin('CREATE SCHEMA shop');
    await server.admin(
      'CREATE TABLE shop.sales (id INTEGER PRIMARY KEY, region VARCHAR, revenue DECIMAL(10,2))',
    );
    await server.admin(
      "INSERT INTO shop.sales VALUES (1, 'EMEA', 100.5), (2, 'EMEA', 20), (3, 'APAC', 7.25), (4, 'Americas', 40)",
    );
    home = mkdtempSync(join(tmpdir(), 'askdata-cli-warehouse-'));
  });
  afterAll(async () => {
    await server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('answers on ClickHouse with ClickHouse SQL, and never prints the password', async () => {
    const url = `clickhouse://analyst:cli-pass@${server.url.replace('http://', '')}/shop`;
    const run = await runCli(home, 'ask', '--db', url, 'total revenue by region', '--json');
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as { dialect: string; sql: string; result: { rows: unknown[][] } };
    expect(answer.dialect).toBe('clickhouse');
    expect(answer.sql).toContain('FROM "sales"');
    expect(answer.result.rows).toEqual(
      expect.arrayContaining([
        ['EMEA', 120.5],
        ['APAC', 7.25],
        ['Americas', 40],
      ]),
    );
    expect(run.stdout + run.stderr).not.toContain('cli-pass');
  });
});
