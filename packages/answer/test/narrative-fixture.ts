/**
 * Test data for narrative and verification suites: a small deterministic retail dataset (seeded
 * PRNG) in an in-memory DuckDB, and a runner that turns DuckDB rows into a `QueryResult` the way
 * producers must (JSON-safe cells, logical types).
 */

import type { CellValue, LogicalType, QueryResult } from '@askdata/core';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const regions = ['North', 'South', 'East', 'West', 'Central', 'Islands'] as const;
const regionWeights = [0.3, 0.22, 0.18, 0.15, 0.1, 0.05];
const products = [
  ['Laptop', 'Electronics', 900],
  ['Phone', 'Electronics', 600],
  ['Headphones', 'Electronics', 120],
  ['Desk', 'Furniture', 300],
  ['Chair', 'Furniture', 150],
  ['Lamp', 'Furniture', 40],
  ['Notebook', 'Stationery', 5],
  ['Pen', 'Stationery', 2],
] as const;
const statuses = ['complete', 'complete', 'complete', 'returned', 'cancelled'] as const;

function pick<T>(random: () => number, items: readonly T[], weights?: number[]): T {
  if (!weights) return items[Math.floor(random() * items.length)]!;
  let roll = random();
  for (let index = 0; index < items.length; index += 1) {
    roll -= weights[index]!;
    if (roll <= 0) return items[index]!;
  }
  return items[items.length - 1]!;
}

function sqlText(value: string | number | null): string {
  if (value === null) return 'NULL';
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

/** Orders from 2023-01-01 to 2024-06-15 (June 2024 is partial), some amounts null. */
export async function createRetailDatabase(): Promise<DuckDBConnection> {
  const random = mulberry32(20240615);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR, segment VARCHAR, region VARCHAR)`,
  );
  await connection.run(
    `CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, order_date DATE, region VARCHAR, product VARCHAR,
      category VARCHAR, quantity INTEGER, amount DOUBLE, status VARCHAR)`,
  );
  await connection.run(`CREATE TABLE order_notes (order_id INTEGER, note VARCHAR)`);
  const customers: string[] = [];
  for (let id = 1; id <= 80; id += 1) {
    customers.push(
      `(${id}, ${sqlText(`Customer ${id}`)}, ${sqlText(pick(random, ['Consumer', 'Business', 'Public']))}, ${sqlText(pick(random, regions, regionWeights))})`,
    );
  }
  await connection.run(`INSERT INTO customers VALUES ${customers.join(', ')}`);
  const start = Date.UTC(2023, 0, 1);
  const days = Math.round((Date.UTC(2024, 5, 15) - start) / 86_400_000) + 1;
  const orders: string[] = [];
  const notes: string[] = [];
  for (let id = 1; id <= 900; id += 1) {
    // Later days are more likely, so the series has an upward trend.
    const day = Math.floor(Math.sqrt(random()) * days);
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    const [product, category, price] = pick(random, products);
    const quantity = 1 + Math.floor(random() * 4);
    const amount = random() < 0.03 ? null : Math.round(price * quantity * (0.8 + random() * 0.4) * 100) / 100;
    orders.push(
      `(${id}, ${1 + Math.floor(random() * 80)}, DATE '${date}', ${sqlText(pick(random, regions, regionWeights))}, ${sqlText(product)}, ${sqlText(category)}, ${quantity}, ${sqlText(amount)}, ${sqlText(pick(random, statuses))})`,
    );
    // Some orders have several notes: joining them fans out the order's amount.
    const noteCount = random() < 0.3 ? 1 + Math.floor(random() * 3) : 0;
    for (let note = 0; note < noteCount; note += 1) notes.push(`(${id}, ${sqlText(`note ${note}`)})`);
  }
  await connection.run(`INSERT INTO orders VALUES ${orders.join(', ')}`);
  await connection.run(`INSERT INTO order_notes VALUES ${notes.join(', ')}`);
  // Store sales with one clear outlier, for the robust z-score.
  await connection.run(`CREATE TABLE store_sales (store VARCHAR, sales DOUBLE)`);
  const stores: string[] = [];
  for (let index = 1; index <= 15; index += 1) {
    const sales = index === 7 ? 98_000 : Math.round(10_000 + random() * 4_000);
    stores.push(`(${sqlText(`Store ${index}`)}, ${sales})`);
  }
  await connection.run(`INSERT INTO store_sales VALUES ${stores.join(', ')}`);
  return connection;
}

function logicalType(typeName: string): LogicalType {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(typeName))
    return 'integer';
  if (typeName.startsWith('DECIMAL')) return 'decimal';
  if (typeName === 'DOUBLE' || typeName === 'FLOAT') return 'float';
  if (typeName === 'BOOLEAN') return 'boolean';
  if (typeName === 'DATE') return 'date';
  if (typeName.startsWith('TIMESTAMP')) return 'timestamp';
  if (typeName === 'VARCHAR') return 'text';
  return 'other';
}

export async function runQuery(
  connection: DuckDBConnection,
  sql: string,
  maxRows?: number,
): Promise<QueryResult> {
  const reader = await connection.runAndReadAll(sql);
  const types = reader.columnTypes().map((type) => type.toString());
  const columns = reader.columnNames().map((name, index) => ({
    name,
    sourceType: types[index]!,
    logicalType: logicalType(types[index]!),
  }));
  const all = reader.getRowsJson().map((row) =>
    row.map((cell, index): CellValue => {
      if (cell === null) return null;
      const logical = columns[index]!.logicalType;
      if (logical === 'integer' || logical === 'decimal' || logical === 'float') return Number(cell);
      if (logical === 'timestamp' && typeof cell === 'string') return cell.replace(' ', 'T');
      return typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean'
        ? cell
        : String(cell);
    }),
  );
  const rows = maxRows === undefined ? all : all.slice(0, maxRows);
  return { columns, rows, rowCount: rows.length, truncated: rows.length < all.length, elapsedMs: 0 };
}

export async function scalar(connection: DuckDBConnection, sql: string): Promise<number | null> {
  const reader = await connection.runAndReadAll(sql);
  const value = reader.getRowsJson()[0]?.[0];
  return value === null || value === undefined ? null : Number(value);
}

export async function column(connection: DuckDBConnection, sql: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowsJson().map((row) => String(row[0]));
}
