/**
 * Test-only: a stand-in Trino coordinator on 127.0.0.1 that speaks the client REST protocol (POST
 * /v1/statement, paged `nextUri` GETs, DELETE /v1/query/{id}) and evaluates the SQL with DuckDB, where the
 * retail tables live in catalog `hive`, schema `shop`. It lets the connector contract suite run through the
 * real `trino-client`; it is not Trino: SQL semantics are DuckDB's, and only the protocol and the error
 * shapes (TABLE_NOT_FOUND, CATALOG_NOT_FOUND, PERMISSION_DENIED for writes, USER_CANCELED) follow Trino.
 */
import type { ServerResponse } from 'node:http';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { type FakeHttpServer, type RecordedRequest, startFakeHttpServer } from './fake-http-server';

interface Statement {
  id: string;
  state: 'RUNNING' | 'FINISHED' | 'FAILED';
  columns?: Array<{ name: string; type: string }>;
  rows?: unknown[][];
  error?: { message: string; errorCode: number; errorName: string; errorType: string };
  sent: number;
  done: Promise<void>;
  connection: DuckDBConnection;
}

export interface DuckdbTrinoCoordinator {
  url: string;
  /** Runs setup SQL directly in DuckDB (outside the protocol). */
  admin(sql: string): Promise<void>;
  close(): Promise<void>;
}

const pageRows = 4000;

function trinoType(duckdbType: string): string {
  const type = duckdbType.toLowerCase();
  if (type === 'hugeint') return 'decimal(38,0)';
  if (type === 'varchar') return 'varchar';
  return type;
}

function trinoError(message: string): Statement['error'] {
  const name = /^Catalog '.*' does not exist/i.test(message)
    ? 'CATALOG_NOT_FOUND'
    : /Schema .* does not exist/i.test(message)
      ? 'SCHEMA_NOT_FOUND'
      : /Table .* does not exist/i.test(message)
        ? 'TABLE_NOT_FOUND'
        : /interrupted/i.test(message)
          ? 'USER_CANCELED'
          : 'GENERIC_USER_ERROR';
  return {
    message: message.split('\n')[0] ?? message,
    errorCode: 1,
    errorName: name,
    errorType: 'USER_ERROR',
  };
}

/**
 * Trino has an information_schema per catalog (`"hive".information_schema.columns`); DuckDB has one for all
 * catalogs. Such references become DuckDB's views filtered to that catalog, and a missing catalog fails as in
 * Trino.
 */
async function catalogViews(connection: DuckDBConnection, sql: string): Promise<string> {
  const pattern = /"([^"]+)"\.information_schema\.(schemata|tables|columns)\b/g;
  for (const [, catalog = ''] of sql.matchAll(pattern)) {
    const found = await connection.runAndReadAll(
      `SELECT 1 FROM duckdb_databases() WHERE database_name = '${catalog.replaceAll("'", "''")}'`,
    );
    if (found.currentRowCount === 0) throw new Error(`Catalog '${catalog}' does not exist`);
  }
  return sql.replace(pattern, (_, catalog: string, view: string) => {
    const column = view === 'schemata' ? 'catalog_name' : 'table_catalog';
    return `(SELECT * FROM information_schema.${view} WHERE ${column} = '${catalog.replaceAll("'", "''")}') AS ${view}`;
  });
}

export async function startDuckdbTrinoCoordinator(options: {
  user: string;
}): Promise<DuckdbTrinoCoordinator> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const setup = await instance.connect();
  await setup.run(`ATTACH ':memory:' AS hive; USE hive;`);
  const statements = new Map<string, Statement>();
  let counter = 0;
  let server: FakeHttpServer;

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const page = (statement: Statement, step: number) => {
    const base = { id: statement.id, infoUri: `${server.url}/ui/query.html?${statement.id}` };
    if (statement.state === 'FAILED') return { ...base, stats: { state: 'FAILED' }, error: statement.error };
    if (statement.state === 'RUNNING')
      return {
        ...base,
        nextUri: `${server.url}/v1/statement/executing/${statement.id}/${step + 1}`,
        stats: { state: 'RUNNING' },
      };
    const rows = statement.rows ?? [];
    const data = rows.slice(statement.sent, statement.sent + pageRows);
    statement.sent += data.length;
    const more = statement.sent < rows.length;
    return {
      ...base,
      columns: statement.columns,
      ...(data.length > 0 ? { data } : {}),
      ...(more ? { nextUri: `${server.url}/v1/statement/executing/${statement.id}/${step + 1}` } : {}),
      stats: { state: more ? 'RUNNING' : 'FINISHED' },
    };
  };

  const submit = async (sql: string, catalog: string | undefined, schema: string | undefined) => {
    const id = `20260101_000000_${String(counter++).padStart(5, '0')}_duckd`;
    const connection = await instance.connect();
    const statement: Statement = { id, state: 'RUNNING', sent: 0, connection, done: Promise.resolve() };
    statements.set(id, statement);
    statement.done = (async () => {
      try {
        if (!/^\s*(SELECT|WITH|VALUES)\b/i.test(sql)) {
          statement.state = 'FAILED';
          statement.error = {
            message: `Access Denied: Cannot run this statement as user ${options.user}`,
            errorCode: 4,
            errorName: 'PERMISSION_DENIED',
            errorType: 'USER_ERROR',
          };
          return;
        }
        // Trino resolves the session catalog and schema only when a query uses them.
        await connection.run(`USE ${catalog ?? 'hive'}${schema ? `.${schema}` : ''}`).catch(() => undefined);
        const reader = await connection.runAndReadAll(await catalogViews(connection, sql));
        const types = reader.columnTypes();
        statement.columns = reader
          .columnNames()
          .map((name, index) => ({ name, type: trinoType(String(types[index])) }));
        statement.rows = reader.getRowsJson() as unknown[][];
        statement.state = 'FINISHED';
      } catch (error) {
        statement.state = 'FAILED';
        statement.error = trinoError(error instanceof Error ? error.message : String(error));
      } finally {
        connection.closeSync();
      }
    })();
    return statement;
  };

  const handle = async (request: RecordedRequest, response: ServerResponse) => {
    if (request.headers['x-trino-user'] !== options.user)
      return json(response, 401, { message: 'Unauthorized' });
    const path = request.url.pathname;
    if (request.method === 'POST' && path === '/v1/statement') {
      const catalog = request.headers['x-trino-catalog'] as string | undefined;
      const schema = request.headers['x-trino-schema'] as string | undefined;
      const statement = await submit(request.body, catalog, schema);
      return json(response, 200, {
        id: statement.id,
        nextUri: `${server.url}/v1/statement/executing/${statement.id}/1`,
        stats: { state: 'QUEUED' },
      });
    }
    const parts = path.split('/');
    if (request.method === 'DELETE' && parts[2] === 'query') {
      const statement = statements.get(parts[3] ?? '');
      if (statement?.state === 'RUNNING') {
        statement.connection.interrupt();
        await statement.done;
      }
      return json(response, 204, {});
    }
    const statement = statements.get(parts[4] ?? '');
    if (!statement) return json(response, 404, { message: 'Query not found' });
    // Like Trino, wait a little for progress before answering "still running".
    await Promise.race([statement.done, new Promise((resolve) => setTimeout(resolve, 200))]);
    const body = page(statement, Number(parts[5] ?? 1));
    if (statement.state !== 'RUNNING' && !('nextUri' in body)) statements.delete(statement.id);
    return json(response, 200, body);
  };

  server = await startFakeHttpServer(handle);
  return {
    url: server.url,
    admin: async (sql) => {
      await setup.run(sql);
    },
    async close() {
      for (const statement of statements.values())
        if (statement.state === 'RUNNING') statement.connection.interrupt();
      await Promise.all([...statements.values()].map((statement) => statement.done));
      await server.close();
      setup.closeSync();
      instance.closeSync();
    },
  };
}
