/**
 * BigQuery at the REST boundary: the official `@google-cloud/bigquery` client (pointed at `apiEndpoint`) talks
 * to a local HTTP server answering jobs.insert, jobs.getQueryResults, jobs.cancel, datasets.get and
 * tables.list/get with recorded responses (__fixtures__, written from the API reference). BigQuery's own
 * evaluation of the SQL is not exercised here.
 */
import type { ServerResponse } from 'node:http';
import type { ValidatedSql } from '@askdata/core';
import { validateSqlSync } from '@askdata/guard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../../test/support/failure';
import {
  eventually,
  type FakeHttpServer,
  type RecordedRequest,
  startFakeHttpServer,
} from '../../../test/support/fake-http-server';
import errors from './__fixtures__/errors.json';
import results from './__fixtures__/query-results.json';
import tables from './__fixtures__/tables.json';
import { bigqueryConnector } from './index';

const base = '/bigquery/v2/projects/analytics-prod';
const jobs = new Map<string, string>();

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

function handle(request: RecordedRequest, response: ServerResponse) {
  if (request.headers.authorization !== 'Bearer good-token')
    return json(response, errors.unauthenticated.status, errors.unauthenticated.body);
  const path = request.url.pathname;
  if (request.method === 'POST' && path === `${base}/jobs`) {
    const job = JSON.parse(request.body) as { jobReference: { jobId: string }; configuration: unknown };
    const sql = (job.configuration as { query: { query: string } }).query.query;
    jobs.set(job.jobReference.jobId, sql);
    return json(response, 200, { kind: 'bigquery#job', ...job, status: { state: 'RUNNING' } });
  }
  if (request.method === 'POST' && path.endsWith('/cancel'))
    return json(response, 200, { kind: 'bigquery#jobCancelResponse' });
  const query = /\/queries\/([^/]+)$/.exec(path);
  if (query) {
    const sql = jobs.get(query[1] ?? '') ?? '';
    if (sql.includes('missing')) return json(response, 404, errors.tableNotFound.body);
    if (sql.includes('events')) {
      setTimeout(
        () => json(response, 200, { kind: 'bigquery#getQueryResultsResponse', jobComplete: false }),
        50,
      );
      return;
    }
    const page = request.url.searchParams.get('pageToken') ? results.pages[1] : results.pages[0];
    return json(response, 200, {
      kind: 'bigquery#getQueryResultsResponse',
      jobComplete: true,
      schema: results.schema,
      totalRows: '3',
      ...page,
    });
  }
  if (path === `${base}/datasets/nope`) return json(response, 404, errors.datasetNotFound.body);
  if (path === `${base}/datasets/shop`)
    return json(response, 200, { kind: 'bigquery#dataset', id: 'analytics-prod:shop' });
  if (path === `${base}/datasets/shop/tables`) return json(response, 200, tables.list);
  const table = /\/datasets\/shop\/tables\/([^/]+)$/.exec(path)?.[1] as keyof typeof tables.get | undefined;
  if (table && tables.get[table]) return json(response, 200, tables.get[table]);
  return json(response, 404, errors.tableNotFound.body);
}

describe('BigQuery connector (recorded REST responses)', () => {
  let server: FakeHttpServer;
  beforeAll(async () => {
    server = await startFakeHttpServer(handle);
  });
  afterAll(() => server.close());

  const connect = (overrides: { accessToken?: string; dataset?: string } = {}) =>
    bigqueryConnector({
      projectId: 'analytics-prod',
      dataset: overrides.dataset ?? 'shop',
      location: 'US',
      accessToken: overrides.accessToken ?? 'good-token',
      maximumBytesBilled: 10_000_000_000,
      apiEndpoint: server.url,
    });

  it('inserts a query job with the default dataset, limits and labels, and reads every page', async () => {
    const sql = validateSqlSync('SELECT region, SUM(amount) AS revenue FROM orders GROUP BY region', {
      dialect: 'bigquery',
      maxRows: 1000,
    }).sql;
    const result = await connect().execute(sql, { maxRows: 100, timeoutMs: 30_000 });
    const insert = server.requests.find(
      (request) => request.method === 'POST' && request.url.pathname === `${base}/jobs`,
    );
    expect(JSON.parse(insert?.body ?? '{}').configuration).toEqual({
      query: {
        query: sql,
        useLegacySql: false,
        defaultDataset: { projectId: 'analytics-prod', datasetId: 'shop' },
        maximumBytesBilled: '10000000000',
      },
      jobTimeoutMs: '30000',
      labels: { source: 'askdata' },
    });
    expect(result.columns.map((column) => `${column.name}:${column.logicalType}`)).toEqual([
      'region:text',
      'revenue:decimal',
      'orders:integer',
      'first_order:date',
      'last_seen:timestamp',
      'is_active:boolean',
      'tags:json',
    ]);
    expect(result.rows).toEqual([
      ['North', 1520.5, 12, '2024-01-03', '2024-06-30T18:04:05.000Z', true, '[{"v":"vip"}]'],
      ['South', 980.25, '9007199254740993', '2024-02-11', '2024-06-29T09:00:00.123456Z', false, '[]'],
      [null, 12, 1, '2024-03-01', '2024-03-01T00:00:00.000Z', null, '[]'],
    ]);
  });

  it('describes the dataset tables with comments, modes and row counts', async () => {
    const schema = await connect().introspect();
    expect(schema.tables.map((table) => `${table.namespace}.${table.name}:${table.rowCount}`)).toEqual([
      'shop.customers:3',
      'shop.orders:1200',
    ]);
    expect(schema.tables[1]?.description).toBe('One row per order');
    expect(schema.tables[1]?.columns[2]).toEqual({
      name: 'amount',
      sourceType: 'NUMERIC',
      logicalType: 'decimal',
      nullable: true,
      description: 'Order total in EUR',
    });
    expect(schema.tables[1]?.columns[0]?.nullable).toBe(false);
  });

  it('maps refused tokens, a missing dataset and a missing table', async () => {
    expect((await failure(connect({ accessToken: 'stale' }).connect())).code).toBe('auth_failed');
    expect((await failure(connect({ dataset: 'nope' }).connect())).code).toBe('database_not_found');
    const missing = await failure(
      connect().execute('SELECT * FROM missing' as ValidatedSql, { maxRows: 10, timeoutMs: 5000 }),
    );
    expect(missing.code).toBe('table_not_found');
    expect(missing.message).toContain('shop.missing was not found');
  });

  it('cancels the job with jobs.cancel when the time limit passes', async () => {
    const error = await failure(
      connect().execute('SELECT COUNT(*) FROM events' as ValidatedSql, { maxRows: 10, timeoutMs: 300 }),
    );
    expect(error.code).toBe('query_timeout');
    const jobId = [...jobs.entries()].find(([, sql]) => sql.includes('events'))?.[0];
    expect(
      await eventually(() =>
        server.requests.some((request) => request.url.pathname === `${base}/jobs/${jobId}/cancel`),
      ),
    ).toBe(true);
  });
});
