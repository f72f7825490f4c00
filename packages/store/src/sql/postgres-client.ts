import { AskdataError } from '@askdata/core';
import pg from 'pg';
import { quoteIdentifier, type Row, type SqlClient } from './sql-client';

/** A `pg` pool; `schema` becomes every connection's search_path so tests can share one database. */
export async function openPostgresClient(url: string, schema?: string, poolSize = 10): Promise<SqlClient> {
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    // It travels in the connection's startup options, where spaces and quotes would break it.
    throw new AskdataError('invalid_input', `"${schema}" is not a usable schema name (letters, digits, _).`);
  }
  if (schema !== undefined) {
    // Create the schema on a lone connection first: the pool's search_path needs it to exist.
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query('SELECT pg_advisory_lock(hashtext($1))', [`askdata.schema.${schema}`]);
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema === undefined ? {} : { options: `-c search_path=${quoteIdentifier(schema)}` }),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const statement = preparedStatements();
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await pool.query(statement(sql, params))).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(work: (client: SqlClient) => Promise<T>) {
      const connection = await pool.connect();
      const client = connectionClient(connection, statement);
      try {
        await connection.query('BEGIN');
        const result = await work(client);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Most distinct statements named for preparing; later ones run unnamed (parsed and planned each time). */
const maxPreparedStatements = 256;

/**
 * Names each statement text, so every connection parses and plans it once and then only binds and runs it.
 * The store's statements are fixed texts (their rows travel as one JSON parameter), so the names stay few;
 * the bound keeps it so should a caller build texts on the fly.
 */
function preparedStatements(): (sql: string, params: unknown[]) => pg.QueryConfig {
  const names = new Map<string, string>();
  return (text, values) => {
    let name = names.get(text);
    if (name === undefined && names.size < maxPreparedStatements) {
      name = `askdata_${names.size + 1}`;
      names.set(text, name);
    }
    return name === undefined ? { text, values } : { name, text, values };
  };
}

function connectionClient(
  connection: pg.PoolClient,
  statement: (sql: string, params: unknown[]) => pg.QueryConfig,
): SqlClient {
  const client: SqlClient = {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await connection.query(statement(sql, params))).rows as T[];
    },
    async exec(sql: string) {
      await connection.query(sql);
    },
    transaction: (work) => work(client),
    close: async () => {},
  };
  return client;
}
