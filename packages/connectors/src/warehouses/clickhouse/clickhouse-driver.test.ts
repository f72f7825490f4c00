/**
 * ClickHouse at the protocol boundary: the official client talks to a local HTTP server that answers with
 * recorded responses (__fixtures__, written from the HTTP interface documentation). No ClickHouse runs here,
 * so this checks what is sent (SQL, read-only settings, credentials, cancellation) and how answers and errors
 * are read, not ClickHouse's own evaluation of the SQL.
 */
import type { ServerResponse } from 'node:http';
import type { ValidatedSql } from '@askdata/core';
import { loadPgParser, validateSqlSync } from '@askdata/guard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../../test/support/failure';
import {
  eventually,
  type FakeHttpServer,
  type RecordedRequest,
  startFakeHttpServer,
} from '../../../test/support/fake-http-server';
import errors from './__fixtures__/errors.json';
import revenue from './__fixtures__/revenue-by-region.json';
import columns from './__fixtures__/system-columns.json';
import tables from './__fixtures__/system-tables.json';
import { clickhouseConnector } from './index';

const basic = `Basic ${Buffer.from('analyst:s3cret-pass').toString('base64')}`;

function answer(response: ServerResponse, recorded: { names: string[]; types: string[]; rows: unknown[][] }) {
  response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(
    [recorded.names, recorded.types, ...recorded.rows].map((row) => `${JSON.stringify(row)}\n`).join(''),
  );
}

function fail(response: ServerResponse, error: { status: number; code: number; body: string }) {
  response.writeHead(error.status, { 'x-clickhouse-exception-code': String(error.code) });
  response.end(error.body);
}

function handle(request: RecordedRequest, response: ServerResponse) {
  if (request.headers.authorization !== basic) return fail(response, errors.authentication);
  if (request.url.searchParams.get('database') === 'nope') return fail(response, errors.unknownDatabase);
  const sql = request.body;
  if (sql.startsWith('SELECT 1 ')) return answer(response, { names: ['1'], types: ['UInt8'], rows: [[1]] });
  if (sql.includes('system.tables')) return answer(response, tables);
  if (sql.includes('system.columns')) return answer(response, columns);
  if (sql.includes('"missing"')) return fail(response, errors.unknownTable);
  if (sql.includes('"events"')) return; // never answers: the slow query
  if (sql.includes('FROM "orders"')) return answer(response, revenue);
  return fail(response, errors.unknownTable);
}

describe('ClickHouse connector (recorded HTTP responses)', () => {
  let server: FakeHttpServer;
  beforeAll(async () => {
    await loadPgParser();
    server = await startFakeHttpServer(handle);
  });
  afterAll(() => server.close());

  const connect = (overrides: { password?: string; database?: string } = {}) =>
    clickhouseConnector({
      url: server.url,
      username: 'analyst',
      password: overrides.password ?? 's3cret-pass',
      database: overrides.database ?? 'shop',
    });

  it('sends validated SQL read-only with a server time limit and maps the typed answer', async () => {
    const connector = connect();
    const sql = validateSqlSync(
      'SELECT "region", SUM("amount") AS "revenue" FROM "orders" GROUP BY "region" ORDER BY "revenue" DESC NULLS LAST',
      { dialect: 'clickhouse', maxRows: 1000 },
    ).sql;
    const result = await connector.execute(sql, { maxRows: 2, timeoutMs: 5000 });
    const sent = server.requests.at(-1) as RecordedRequest;
    expect(sent.body).toBe(`${sql} \nFORMAT JSONCompactEachRowWithNamesAndTypes`);
    expect(Object.fromEntries(sent.url.searchParams)).toMatchObject({
      readonly: '2',
      join_use_nulls: '1',
      max_execution_time: '5',
      cancel_http_readonly_queries_on_client_close: '1',
      database: 'shop',
    });
    expect(sent.url.searchParams.get('query_id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.columns.map((column) => `${column.name}:${column.logicalType}`)).toEqual([
      'region:text',
      'revenue:decimal',
      'orders:integer',
      'first_order:date',
      'last_seen:timestamp',
    ]);
    expect(result.rows).toEqual([
      ['North', 1520.5, 12, '2024-01-03', '2024-06-30T18:04:05'],
      ['South', 980.25, '9007199254740993', '2024-02-11', '2024-06-29T09:00:00'],
    ]);
    expect(result.truncated).toBe(true);
    await connector.close();
  });

  it('streams in batches and introspects tables, columns, keys, comments and row counts', async () => {
    const connector = connect();
    const batches = [];
    for await (const batch of connector.stream('SELECT * FROM "orders"' as ValidatedSql, {
      timeoutMs: 5000,
      batchRows: 2,
    }))
      batches.push(batch.rows.length);
    expect(batches).toEqual([2, 1]);
    const schema = await connector.introspect();
    expect(schema.tables.map((table) => [table.name, table.rowCount, table.primaryKey])).toEqual([
      ['customers', 3, ['id']],
      ['orders', 1200, ['id']],
    ]);
    const orders = schema.tables[1];
    expect(orders?.description).toBe('One row per order');
    expect(orders?.columns.find((column) => column.name === 'amount')).toEqual({
      name: 'amount',
      sourceType: 'Decimal(12, 2)',
      logicalType: 'decimal',
      nullable: false,
      description: 'Order total in EUR',
    });
    expect(schema.tables[0]?.columns[1]).toMatchObject({ logicalType: 'text', nullable: true });
    await connector.close();
  });

  it('classifies login, database and table errors without leaking the password', async () => {
    const wrong = connect({ password: 'not-it' });
    const login = await failure(wrong.connect());
    expect(login.code).toBe('auth_failed');
    expect(login.message).toBe(
      `ClickHouse at 127.0.0.1:${new URL(server.url).port} refused the login of user analyst: check the user name and password.`,
    );
    expect(login.message).not.toContain('not-it');
    await wrong.close();
    const noDatabase = connect({ database: 'nope' });
    expect((await failure(noDatabase.connect())).code).toBe('database_not_found');
    await noDatabase.close();
    const connector = connect();
    const missing = await failure(
      connector.execute('SELECT * FROM "missing"' as ValidatedSql, { maxRows: 10, timeoutMs: 5000 }),
    );
    expect(missing.code).toBe('table_not_found');
    await connector.close();
  });

  it('cancels on timeout by closing the request, which ClickHouse turns into a server-side cancel', async () => {
    const connector = connect();
    const started = Date.now();
    const error = await failure(
      connector.execute('SELECT count() FROM "events"' as ValidatedSql, { maxRows: 10, timeoutMs: 300 }),
    );
    expect(error.code).toBe('query_timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    const slow = server.requests.find((request) => request.body.includes('"events"'));
    expect(await eventually(() => slow?.closedEarly === true)).toBe(true);
    await connector.close();
  });

  it('names the npm package when the client is missing', async () => {
    const { loadOptionalModule } = await import('../../optional-module');
    const error = await failure(
      loadOptionalModule(
        () => import('@askdata/not-installed' as string),
        '@clickhouse/client',
        'Connecting to ClickHouse',
      ),
    );
    expect(error.code).toBe('engine_unavailable');
    expect(error.message).toBe(
      'Connecting to ClickHouse needs the npm package @clickhouse/client, which is not installed.',
    );
    expect(error.hint).toBe('run: npm install @clickhouse/client');
  });
});
