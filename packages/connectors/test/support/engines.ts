/**
 * Test-only: loads the retail dataset into DuckDB (in memory), SQLite (in memory), PostgreSQL (schema
 * askdata_xengine) and MariaDB (database askdata_xengine), and runs SQL returning normalised rows.
 * Only the dedicated schema/database is dropped and recreated; nothing else is touched.
 */

import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { probeService, serviceAddresses } from '../../../../test-support/services';
import { identifierQuoter, insertStatements, type LoadDialect } from './load-sql';
import type { Cell, CellType, RetailData } from './retail-data';

/** Process-specific, so two test runs against the same servers (CI, several people) never collide. */
/** The engines that run on this machine (warehouses are tested with recorded responses elsewhere). */
export type EngineDialect = LoadDialect;

export const testNamespace = `askdata_xengine_${process.pid}`;

export interface TestEngine {
  dialect: EngineDialect;
  namespace: string | undefined;
  query(sql: string): Promise<Cell[][]>;
  close(): Promise<void>;
}

const columnTypes = {
  duckdb: {
    integer: 'INTEGER',
    decimal: 'DECIMAL(12,2)',
    text: 'VARCHAR',
    date: 'DATE',
    timestamp: 'TIMESTAMP',
    boolean: 'BOOLEAN',
  },
  postgres: {
    integer: 'INTEGER',
    decimal: 'NUMERIC(12,2)',
    text: 'TEXT',
    date: 'DATE',
    timestamp: 'TIMESTAMP',
    boolean: 'BOOLEAN',
  },
  mysql: {
    integer: 'INT',
    decimal: 'DECIMAL(12,2)',
    text: 'VARCHAR(200)',
    date: 'DATE',
    timestamp: 'DATETIME',
    boolean: 'BOOLEAN',
  },
  sqlite: {
    integer: 'INTEGER',
    decimal: 'REAL',
    text: 'TEXT',
    date: 'TEXT',
    timestamp: 'TEXT',
    boolean: 'INTEGER',
  },
} satisfies Record<EngineDialect, Record<CellType, string>>;

function loadStatements(data: RetailData, dialect: EngineDialect, prefix: string): string[] {
  const quote = identifierQuoter(dialect);
  const statements: string[] = [];
  for (const table of data.tables) {
    const columns = table.columns.map(
      (column) =>
        `${quote(column.name)} ${columnTypes[dialect][column.type]}${column.nullable ? '' : ' NOT NULL'}`,
    );
    columns.push(`PRIMARY KEY (${table.primaryKey.map(quote).join(', ')})`);
    statements.push(`CREATE TABLE ${prefix}${quote(table.name)} (${columns.join(', ')})`);
    statements.push(
      ...insertStatements(`${prefix}${quote(table.name)}`, data.rows[table.name] ?? [], dialect, 200),
    );
  }
  return statements;
}

async function duckdbEngine(data: RetailData): Promise<TestEngine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const statement of loadStatements(data, 'duckdb', '')) await connection.run(statement);
  return {
    dialect: 'duckdb',
    namespace: undefined,
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowsJson() as Cell[][];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function sqliteEngine(data: RetailData): Promise<TestEngine> {
  const database = new Database(':memory:');
  for (const statement of loadStatements(data, 'sqlite', '')) database.exec(statement);
  return {
    dialect: 'sqlite',
    namespace: undefined,
    async query(sql) {
      return database.prepare(sql).raw(true).all() as Cell[][];
    },
    async close() {
      database.close();
    },
  };
}

async function postgresEngine(data: RetailData, namespace: string): Promise<TestEngine> {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === 1082 || oid === 1114 || oid === 1184
        ? (value: string) => value
        : pg.types.getTypeParser(oid, format as 'text'),
  };
  const client = new pg.Client({
    connectionString: serviceAddresses.postgres.url,
    types: types as pg.CustomTypesConfig,
  });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
  await client.query(`CREATE SCHEMA ${namespace}`);
  for (const statement of loadStatements(data, 'postgres', `${namespace}.`)) await client.query(statement);
  return {
    dialect: 'postgres',
    namespace,
    async query(sql) {
      const result = await client.query({ text: sql, rowMode: 'array' });
      return result.rows as Cell[][];
    },
    async close() {
      await client.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
      await client.end();
    },
  };
}

async function mariadbEngine(data: RetailData, namespace: string): Promise<TestEngine> {
  const connection = await mysql.createConnection({
    uri: serviceAddresses.mariadb.url,
    dateStrings: true,
    supportBigNumbers: true,
    decimalNumbers: true,
  });
  await connection.query(`DROP DATABASE IF EXISTS ${namespace}`);
  await connection.query(`CREATE DATABASE ${namespace}`);
  for (const statement of loadStatements(data, 'mysql', `${namespace}.`)) await connection.query(statement);
  return {
    dialect: 'mysql',
    namespace,
    async query(sql) {
      const [rows] = await connection.query({ sql, rowsAsArray: true });
      return rows as Cell[][];
    },
    async close() {
      await connection.query(`DROP DATABASE IF EXISTS ${namespace}`);
      await connection.end();
    },
  };
}

/**
 * Every engine that can run here: DuckDB and SQLite always, the servers when reachable. Each suite passes
 * its own namespace: suites run in parallel and must not drop each other's schema.
 */
export async function openEngines(data: RetailData, namespace = testNamespace): Promise<TestEngine[]> {
  const engines = [await duckdbEngine(data), await sqliteEngine(data)];
  if (await probeService('postgres')) engines.push(await postgresEngine(data, namespace));
  if (await probeService('mariadb')) engines.push(await mariadbEngine(data, namespace));
  return engines;
}

/** Comparable form: numbers (from numeric strings, bigints, booleans) and ISO text without T or zero fractions. */
export function normaliseCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date)
    return value
      .toISOString()
      .replace('T', ' ')
      .replace(/\.000Z$/, '');
  const text = String(value);
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return Number(text);
  return text.replace(/^(\d{4}-\d{2}-\d{2})T/, '$1 ').replace(/(\d{2}:\d{2}:\d{2})(\.0+)?$/, '$1');
}
