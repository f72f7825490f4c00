/**
 * Test-only: a stand-in for ClickHouse's HTTP interface on 127.0.0.1 that evaluates SQL with DuckDB (database
 * = DuckDB schema). It answers in JSONCompactEachRowWithNamesAndTypes with ClickHouse type names (64-bit
 * integers quoted, as ClickHouse does by default), answers askdata's `system.tables`/`system.columns` queries
 * from DuckDB's catalog, refuses writes under `readonly`, and interrupts the statement when the client closes
 * the request (as `cancel_http_readonly_queries_on_client_close` does). It is not ClickHouse: SQL semantics are
 * DuckDB's.
 */
import type { ServerResponse } from 'node:http';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { type RecordedRequest, startFakeHttpServer } from './fake-http-server';

export interface DuckdbClickhouseServer {
  url: string;
  admin(sql: string): Promise<void>;
  close(): Promise<void>;
}

function clickhouseType(duckdbType: string, nullable = false): string {
  const type = duckdbType.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(type);
  const base = decimal
    ? `Decimal(${decimal[1]}, ${decimal[2]})`
    : ({
        INTEGER: 'Int32',
        BIGINT: 'Int64',
        HUGEINT: 'Int128',
        SMALLINT: 'Int16',
        DOUBLE: 'Float64',
        FLOAT: 'Float32',
        VARCHAR: 'String',
        DATE: 'Date',
        TIMESTAMP: 'DateTime64(6)',
        BOOLEAN: 'Bool',
      }[type] ?? 'String');
  return nullable ? `Nullable(${base})` : base;
}

function quotedBig(type: string): boolean {
  return /Int64|Int128|UInt64/.test(type);
}

const exception = (code: number, message: string, name: string) =>
  `Code: ${code}. DB::Exception: ${message}. (${name}) (version 24.8.4.13 (official build))\n`;

export async function startDuckdbClickhouseServer(options: {
  user: string;
  password: string;
}): Promise<DuckdbClickhouseServer> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const setup = await instance.connect();
  const open = new Set<DuckDBConnection>();

  const fail = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, { 'content-type': 'text/plain' });
    response.end(body);
  };

  async function introspection(connection: DuckDBConnection, sql: string, database: string) {
    const schema = `'${database.replaceAll("'", "''")}'`;
    if (/FROM system\.tables/i.test(sql)) {
      const tables = (
        await connection.runAndReadAll(
          `SELECT table_name, coalesce(comment, '') FROM duckdb_tables() WHERE schema_name = ${schema} ORDER BY table_name`,
        )
      ).getRowsJson() as string[][];
      const rows: unknown[][] = [];
      for (const [name, comment] of tables) {
        const count = (
          await connection.runAndReadAll(`SELECT count(*) FROM "${database}"."${name}"`)
        ).getRowsJson();
        rows.push([name, comment, String(count[0]?.[0])]);
      }
      return {
        names: ['name', 'comment', 'total_rows'],
        types: ['String', 'String', 'Nullable(UInt64)'],
        rows,
      };
    }
    const keys = (
      await connection.runAndReadAll(
        `SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE schema_name = ${schema} AND constraint_type = 'PRIMARY KEY'`,
      )
    ).getRowsJson() as Array<[string, string[]]>;
    const columns = (
      await connection.runAndReadAll(
        `SELECT table_name, column_name, data_type, is_nullable, coalesce(comment, '') FROM duckdb_columns() WHERE schema_name = ${schema} ORDER BY table_name, column_index`,
      )
    ).getRowsJson() as Array<[string, string, string, boolean, string]>;
    return {
      names: ['table', 'name', 'type', 'comment', 'is_in_primary_key'],
      types: ['String', 'String', 'String', 'String', 'UInt8'],
      rows: columns.map(([table, name, type, nullable, comment]) => [
        table,
        name,
        clickhouseType(type, nullable),
        comment,
        keys.some(([keyTable, names]) => keyTable === table && names.includes(name)) ? 1 : 0,
      ]),
    };
  }

  const handle = async (request: RecordedRequest, response: ServerResponse) => {
    const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
    if (request.headers.authorization !== expected)
      return fail(
        response,
        516,
        exception(
          516,
          `${options.user}: Authentication failed: password is incorrect, or there is no user with such name`,
          'AUTHENTICATION_FAILED',
        ),
      );
    const database = request.url.searchParams.get('database') ?? 'default';
    const sql = request.body.replace(/\s*FORMAT JSONCompactEachRowWithNamesAndTypes\s*$/, '');
    const connection = await instance.connect();
    open.add(connection);
    // A closed request interrupts the statement, like cancel_http_readonly_queries_on_client_close.
    response.on('close', () => {
      if (!response.writableFinished) connection.interrupt();
    });
    try {
      const exists = await connection.runAndReadAll(
        `SELECT 1 FROM duckdb_schemas() WHERE schema_name = '${database.replaceAll("'", "''")}'`,
      );
      if (exists.currentRowCount === 0)
        return fail(response, 404, exception(81, `Database ${database} does not exist`, 'UNKNOWN_DATABASE'));
      if (request.url.searchParams.get('readonly') !== null && !/^\s*(SELECT|WITH)\b/i.test(sql))
        return fail(
          response,
          500,
          exception(164, `${options.user}: Cannot execute query in readonly mode`, 'READONLY'),
        );
      await connection.run(`USE memory."${database}"`);
      let answer: { names: string[]; types: string[]; rows: unknown[][] };
      if (/FROM system\.(tables|columns)/i.test(sql)) {
        answer = await introspection(connection, sql, database);
      } else {
        const reader = await connection.runAndReadAll(sql);
        const types = reader.columnTypes().map((type) => clickhouseType(String(type)));
        answer = {
          names: reader.columnNames(),
          types,
          rows: (reader.getRowsJson() as unknown[][]).map((row) =>
            row.map((value, index) => {
              const type = types[index] ?? '';
              if (value === null || quotedBig(type)) return value;
              return type.startsWith('Decimal') ? Number(value) : value;
            }),
          ),
        };
      }
      response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      for (const row of [answer.names, answer.types, ...answer.rows])
        response.write(`${JSON.stringify(row)}\n`);
      response.end();
    } catch (error) {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      if (!response.writableEnded) fail(response, 500, exception(1, message, 'UNKNOWN_EXCEPTION'));
    } finally {
      open.delete(connection);
      connection.closeSync();
    }
  };

  const server = await startFakeHttpServer(handle);
  return {
    url: server.url,
    admin: async (sql) => {
      await setup.run(sql);
    },
    async close() {
      for (const connection of open) connection.interrupt();
      await server.close();
      setup.closeSync();
      instance.closeSync();
    },
  };
}
