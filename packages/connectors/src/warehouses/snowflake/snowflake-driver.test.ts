/**
 * Snowflake without a Snowflake: `snowflake-sdk` is not installed by default (about 120 MB), so the driver is
 * tested against a stand-in of the SDK surface it uses (createConnection, connectAsync, execute with
 * streamResult, streamRows, cancel) replaying recorded responses. This checks the statements and parameters
 * askdata sends, value mapping and error mapping; the SDK's own wire protocol is not exercised.
 */
import { Readable } from 'node:stream';
import type { ValidatedSql } from '@askdata/core';
import { loadPgParser, validateSqlSync } from '@askdata/guard';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../../test/support/failure';
import errors from './__fixtures__/errors.json';
import revenue from './__fixtures__/revenue-by-region.json';
import { snowflakeConnector } from './index';
import type { SnowflakeSdk, SnowflakeStatement } from './snowflake-sdk-types';

interface Executed {
  sqlText: string;
  parameters: Record<string, unknown> | undefined;
  fetchAsString: string[] | undefined;
  cancelled: boolean;
}

function recordedSdk(executed: Executed[], created: Record<string, unknown>[]): SnowflakeSdk {
  const fail = (error: { code: number | string; message: string }) =>
    Object.assign(new Error(error.message), { code: error.code });
  return {
    createConnection(options) {
      created.push(options);
      const connection = {
        connectAsync: async () => {
          if (options.password !== 'right') throw fail(errors.login);
          return connection;
        },
        execute(request: Parameters<ReturnType<SnowflakeSdk['createConnection']>['execute']>[0]) {
          const record: Executed = {
            sqlText: request.sqlText,
            parameters: request.parameters,
            fetchAsString: request.fetchAsString,
            cancelled: false,
          };
          executed.push(record);
          const answer = request.sqlText.includes('MISSING') ? undefined : revenue;
          const statement: SnowflakeStatement = {
            getQueryId: () => '01b2c3d4-0000-1111-0000-000000000001',
            getColumns: () =>
              answer?.columns.map((column) => ({
                getName: () => column.name,
                getType: () => column.type,
                getScale: () => column.scale,
                isNullable: () => column.nullable,
              })),
            streamRows: () => Readable.from(answer?.rows ?? []),
            cancel: (callback) => {
              record.cancelled = true;
              request.complete?.(fail(errors.cancelled), statement);
              callback?.(undefined);
            },
          };
          // A long statement answers only when cancelled; the others answer on the next tick.
          if (!request.sqlText.includes('EVENTS'))
            setImmediate(() =>
              request.complete?.(
                request.sqlText.includes('MISSING') ? fail(errors.tableNotFound) : undefined,
                statement,
              ),
            );
          return statement;
        },
        destroy: (callback: (error: undefined) => void) => callback(undefined),
      };
      return connection;
    },
  };
}

describe('Snowflake connector (recorded SDK responses)', () => {
  beforeAll(() => loadPgParser());
  const executed: Executed[] = [];
  const created: Record<string, unknown>[] = [];
  const connect = (password = 'right') =>
    snowflakeConnector({
      account: 'myorg-analytics',
      username: 'ASKDATA',
      password,
      warehouse: 'REPORTING',
      database: 'SHOP',
      schema: 'PUBLIC',
      role: 'ANALYST_READONLY',
      loadSdk: async () => recordedSdk(executed, created),
    });

  it('runs validated SQL with the time limit and output formats as statement parameters', async () => {
    const sql = validateSqlSync(
      'SELECT "REGION", SUM("AMOUNT") AS "REVENUE" FROM "ORDERS" GROUP BY "REGION"',
      {
        dialect: 'snowflake',
        maxRows: 1000,
      },
    ).sql;
    const connector = connect();
    const result = await connector.execute(sql, { maxRows: 100, timeoutMs: 45_000 });
    expect(created[0]).toMatchObject({
      account: 'myorg-analytics',
      database: 'SHOP',
      schema: 'PUBLIC',
      role: 'ANALYST_READONLY',
      application: 'askdata',
    });
    const sent = executed.at(-1);
    expect(sent?.sqlText).toBe(sql);
    expect(sent?.fetchAsString).toEqual(['Number', 'Date', 'JSON']);
    expect(sent?.parameters).toMatchObject({
      STATEMENT_TIMEOUT_IN_SECONDS: 45,
      QUERY_TAG: 'askdata',
      DATE_OUTPUT_FORMAT: 'YYYY-MM-DD',
    });
    expect(
      result.columns.map((column) => `${column.name}:${column.sourceType}:${column.logicalType}`),
    ).toEqual([
      'REGION:TEXT:text',
      'REVENUE:NUMBER(38,2):decimal',
      'ORDERS:NUMBER(38,0):integer',
      'FIRST_ORDER:DATE:date',
      'LAST_SEEN:TIMESTAMP_NTZ:timestamp',
      'IS_ACTIVE:BOOLEAN:boolean',
      'ATTRIBUTES:VARIANT:json',
    ]);
    expect(result.rows).toEqual([
      ['North', 1520.5, 12, '2024-01-03', '2024-06-30T18:04:05.000', true, '{"tier":"gold"}'],
      ['South', 980.25, '9007199254740993', '2024-02-11', '2024-06-29T09:00:00.000', false, null],
      [null, 12, 1, '2024-03-01', '2024-03-01T00:00:00.000', null, null],
    ]);
    await connector.close();
  });

  it('maps a refused login and a missing table, and cancels the statement on timeout', async () => {
    const login = await failure(connect('wrong').connect());
    expect(login.code).toBe('auth_failed');
    expect(login.message).not.toContain('wrong');
    const connector = connect();
    const missing = await failure(
      connector.execute('SELECT * FROM MISSING' as ValidatedSql, { maxRows: 10, timeoutMs: 5000 }),
    );
    expect(missing.code).toBe('table_not_found');
    const slow = await failure(
      connector.execute('SELECT COUNT(*) FROM EVENTS' as ValidatedSql, { maxRows: 10, timeoutMs: 200 }),
    );
    expect(slow.code).toBe('query_timeout');
    expect(executed.find((record) => record.sqlText.includes('EVENTS'))?.cancelled).toBe(true);
    await connector.close();
  });

  it('names the npm package when snowflake-sdk is not installed', async () => {
    const connector = snowflakeConnector({ account: 'a', username: 'u', database: 'd', schema: 's' });
    const error = await failure(connector.connect());
    expect(error.code).toBe('engine_unavailable');
    expect(error.message).toBe(
      'Connecting to Snowflake needs the npm package snowflake-sdk, which is not installed.',
    );
  });
});
