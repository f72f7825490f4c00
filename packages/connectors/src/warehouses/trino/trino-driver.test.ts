/**
 * Trino at the protocol boundary: the official `trino-client` talks to a local HTTP server that plays the
 * coordinator with recorded client-protocol pages (__fixtures__, written from the REST protocol documentation).
 * It checks the requests (headers, session properties, paging, DELETE on cancel) and the mapping of answers and
 * errors; Trino's own evaluation of the SQL is not exercised here.
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
import columnsFixture from './__fixtures__/information-schema-columns.json';
import revenue from './__fixtures__/revenue-by-region.json';
import notFound from './__fixtures__/table-not-found.json';
import { trinoConnector } from './index';

let server: FakeHttpServer;
const statements = new Map<string, string>();
const cancelled = new Set<string>();

function render(value: unknown, id: string): string {
  return JSON.stringify(value).replaceAll('{server}', server.url).replaceAll('{id}', id);
}

function json(response: ServerResponse, status: number, body: string) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body);
}

function handle(request: RecordedRequest, response: ServerResponse) {
  const path = request.url.pathname;
  if (request.headers['x-trino-user'] === 'intruder')
    return json(response, 401, '{"message":"Unauthorized"}');
  if (request.method === 'POST' && path === '/v1/statement') {
    const id = `20260101_000000_${String(statements.size).padStart(5, '0')}_askdt`;
    statements.set(id, request.body);
    return json(response, 200, render(revenue.submitted, id));
  }
  if (request.method === 'DELETE') {
    cancelled.add(path.split('/').at(-1) ?? '');
    return json(response, 204, '');
  }
  const [, , , , id = '', , step = '1'] = path.split('/');
  const sql = statements.get(id) ?? '';
  if (cancelled.has(id)) {
    const error = {
      message: 'Query was canceled',
      errorCode: 3,
      errorName: 'USER_CANCELED',
      errorType: 'USER_ERROR',
    };
    return json(response, 200, JSON.stringify({ id, stats: { state: 'FAILED' }, error }));
  }
  if (sql.includes('"missing"')) return json(response, 200, render(notFound, id));
  if (sql.includes('"events"')) {
    // A long-running statement: the coordinator keeps answering "running, no rows yet".
    const page = {
      id,
      nextUri: `${server.url}/v1/statement/executing/${id}/y/${Number(step) + 1}`,
      stats: { state: 'RUNNING' },
    };
    setTimeout(() => json(response, 200, JSON.stringify(page)), 50);
    return;
  }
  if (sql.includes('information_schema.columns'))
    return json(response, 200, render({ id, ...columnsFixture, stats: { state: 'FINISHED' } }, id));
  if (sql === 'SELECT 1')
    return json(
      response,
      200,
      render({ id, columns: [{ name: '_col0', type: 'integer' }], data: [[1]] }, id),
    );
  const index = path.includes('/queued/') ? 0 : 1;
  return json(response, 200, render(revenue.pages[index], id));
}

describe('Trino connector (recorded client-protocol pages)', () => {
  beforeAll(async () => {
    await loadPgParser();
    server = await startFakeHttpServer(handle);
  });
  afterAll(() => server.close());

  const connect = (user = 'analyst') =>
    trinoConnector({ server: server.url, catalog: 'hive', schema: 'shop', user });

  it('submits validated SQL with catalog, schema, user and time limit, and follows nextUri pages', async () => {
    const connector = connect();
    const sql = validateSqlSync('SELECT region, SUM(amount) AS revenue FROM orders GROUP BY region', {
      dialect: 'trino',
      maxRows: 1000,
    }).sql;
    const result = await connector.execute(sql, { maxRows: 100, timeoutMs: 20_000 });
    const post = server.requests.findLast((request) => request.method === 'POST') as RecordedRequest;
    expect(post.body).toBe(sql);
    expect(post.headers).toMatchObject({
      'x-trino-user': 'analyst',
      'x-trino-catalog': 'hive',
      'x-trino-schema': 'shop',
      'x-trino-source': 'askdata',
      'x-trino-session': 'query_max_execution_time=20s',
    });
    expect(result.columns.map((column) => `${column.name}:${column.logicalType}`)).toEqual([
      'region:text',
      'revenue:decimal',
      'orders:integer',
      'first_order:date',
      'last_seen:timestamp',
    ]);
    expect(result.rows).toEqual([
      ['North', 1520.5, 12, '2024-01-03', '2024-06-30T18:04:05.000'],
      ['South', 980.25, 9, '2024-02-11', '2024-06-29T09:00:00.000'],
      [null, 12, 1, '2024-03-01', '2024-03-01T00:00:00.000'],
    ]);
    expect(result.truncated).toBe(false);
  });

  it('introspects columns from information_schema and maps failures', async () => {
    const connector = connect();
    const schema = await connector.introspect();
    expect(schema.tables.map((table) => `${table.namespace}.${table.name}:${table.columns.length}`)).toEqual([
      'shop.customers:2',
      'shop.orders:3',
    ]);
    expect(schema.tables[1]?.columns[1]).toEqual({
      name: 'amount',
      sourceType: 'decimal(12,2)',
      logicalType: 'decimal',
      nullable: true,
    });
    const missing = await failure(
      connector.execute('SELECT * FROM "missing"' as ValidatedSql, { maxRows: 10, timeoutMs: 5000 }),
    );
    expect(missing.code).toBe('table_not_found');
    expect(missing.message).toBe("line 1:15: Table 'hive.shop.missing' does not exist");
    const refused = await failure(connect('intruder').connect());
    expect(refused.code).toBe('auth_failed');
  });

  it('cancels a running statement with DELETE /v1/query/{id} on timeout', async () => {
    const connector = connect();
    const started = Date.now();
    const error = await failure(
      connector.execute('SELECT count(*) FROM "events"' as ValidatedSql, { maxRows: 10, timeoutMs: 400 }),
    );
    expect(error.code).toBe('query_timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    const id = [...statements.entries()].find(([, sql]) => sql.includes('"events"'))?.[0];
    expect(
      await eventually(() =>
        server.requests.some(
          (request) => request.method === 'DELETE' && request.url.pathname === `/v1/query/${id}`,
        ),
      ),
    ).toBe(true);
    // After the DELETE the coordinator reports the statement as cancelled and the client stops polling.
    const polls = () => server.requests.filter((request) => request.url.pathname.includes(`/${id}/`)).length;
    const settled = polls();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(polls() - settled).toBeLessThanOrEqual(1);
  });
});
