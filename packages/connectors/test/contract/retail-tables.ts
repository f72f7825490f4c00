/**
 * The retail demo (engine's `generateRetailDemo`, the same rows as the demo CSV files) as database tables
 * with keys and comments, and the statements that load it into PostgreSQL, MariaDB/MySQL or SQLite.
 * Column names are those of the CSV files, so the same SQL runs on every source, DuckDB files included.
 */
import { generateRetailDemo } from '@askdata/engine';
import { identifierQuoter, insertStatements, type LoadDialect, sqlLiteral } from '../support/load-sql';
import type { Cell, CellType } from '../support/retail-data';

/** The value and column types of the cross-engine dataset (support/retail-data.ts) that the demo uses. */
export type RetailColumnType = Extract<CellType, 'integer' | 'decimal' | 'text' | 'date'>;
export type RetailCell = Exclude<Cell, boolean>;

export interface RetailTable {
  name: string;
  comment: string;
  columns: Array<{ name: string; type: RetailColumnType; nullable?: boolean; comment?: string }>;
  primaryKey: string[];
  foreignKeys: Array<{ columns: string[]; table: string; references: string[] }>;
  rows: RetailCell[][];
}

const isoDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

let cached: RetailTable[] | undefined;

export function retailTables(): RetailTable[] {
  if (cached) return cached;
  const demo = generateRetailDemo();
  cached = [
    {
      name: 'customers',
      comment: 'People and companies who bought from the shop.',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'name', type: 'text' },
        { name: 'email', type: 'text', nullable: true },
        { name: 'segment', type: 'text' },
        { name: 'region', type: 'text', comment: 'Sales region: Americas, EMEA or APAC.' },
        { name: 'country', type: 'text' },
        { name: 'city', type: 'text' },
        { name: 'signup_date', type: 'date' },
      ],
      primaryKey: ['id'],
      foreignKeys: [],
      rows: demo.customers.map((c) => [
        c.id,
        c.name,
        c.email,
        c.segment,
        c.region,
        c.country,
        c.city,
        isoDate(c.signupDay),
      ]),
    },
    {
      name: 'products',
      comment: 'The catalogue, with list price and unit cost.',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'name', type: 'text' },
        { name: 'category', type: 'text' },
        { name: 'subcategory', type: 'text' },
        { name: 'price', type: 'decimal' },
        { name: 'cost', type: 'decimal' },
      ],
      primaryKey: ['id'],
      foreignKeys: [],
      rows: demo.products.map((p) => [p.id, p.name, p.category, p.subcategory, p.price, p.cost]),
    },
    {
      name: 'orders',
      comment: 'One row per order placed in the shop.',
      columns: [
        { name: 'order_id', type: 'integer' },
        { name: 'customer_id', type: 'integer' },
        { name: 'order_date', type: 'date' },
        { name: 'ship_date', type: 'date', nullable: true },
        { name: 'status', type: 'text', comment: 'Delivered, Shipped, Pending, Cancelled or Returned.' },
        { name: 'channel', type: 'text' },
      ],
      primaryKey: ['order_id'],
      foreignKeys: [{ columns: ['customer_id'], table: 'customers', references: ['id'] }],
      rows: demo.orders.map((o) => [
        o.orderId,
        o.customerId,
        isoDate(o.orderDay),
        o.shipDay === null ? null : isoDate(o.shipDay),
        o.status,
        o.channel,
      ]),
    },
    {
      name: 'order_lines',
      comment: 'Products, quantities and revenue of each order.',
      columns: [
        { name: 'order_id', type: 'integer' },
        { name: 'line_no', type: 'integer' },
        { name: 'product_id', type: 'integer' },
        { name: 'quantity', type: 'integer' },
        { name: 'unit_price', type: 'decimal' },
        { name: 'discount', type: 'decimal' },
        { name: 'revenue', type: 'decimal' },
      ],
      primaryKey: ['order_id', 'line_no'],
      foreignKeys: [
        { columns: ['order_id'], table: 'orders', references: ['order_id'] },
        { columns: ['product_id'], table: 'products', references: ['id'] },
      ],
      rows: demo.orderLines.map((l) => [
        l.orderId,
        l.lineNo,
        l.productId,
        l.quantity,
        l.unitPrice,
        l.discount,
        l.revenue,
      ]),
    },
  ];
  return cached;
}

/** DuckDB files are loaded from CSV (support/load-retail-duckdb.ts), not from these statements. */
type StatementDialect = Exclude<LoadDialect, 'duckdb'>;

const columnTypes = {
  postgres: { integer: 'INTEGER', decimal: 'NUMERIC(12,2)', text: 'TEXT', date: 'DATE' },
  mysql: { integer: 'INT', decimal: 'DECIMAL(12,2)', text: 'VARCHAR(200)', date: 'DATE' },
  sqlite: { integer: 'INTEGER', decimal: 'NUMERIC(12,2)', text: 'TEXT', date: 'DATE' },
} satisfies Record<StatementDialect, Record<RetailColumnType, string>>;

/** CREATE TABLE (keys, and comments where the dialect has them) and INSERT statements, in load order. */
export function retailStatements(dialect: StatementDialect, namespace?: string, batchRows = 2000): string[] {
  const quote = identifierQuoter(dialect);
  const qualified = (name: string) => (namespace ? `${quote(namespace)}.${quote(name)}` : quote(name));
  const statements: string[] = [];
  for (const table of retailTables()) {
    const definitions = table.columns.map((column) => {
      const comment =
        dialect === 'mysql' && column.comment ? ` COMMENT ${sqlLiteral(column.comment, dialect)}` : '';
      return `${quote(column.name)} ${columnTypes[dialect][column.type]}${column.nullable ? '' : ' NOT NULL'}${comment}`;
    });
    definitions.push(`PRIMARY KEY (${table.primaryKey.map(quote).join(', ')})`);
    for (const key of table.foreignKeys) {
      definitions.push(
        `FOREIGN KEY (${key.columns.map(quote).join(', ')}) REFERENCES ${qualified(key.table)} (${key.references.map(quote).join(', ')})`,
      );
    }
    const tableComment = dialect === 'mysql' ? ` COMMENT=${sqlLiteral(table.comment, dialect)}` : '';
    statements.push(`CREATE TABLE ${qualified(table.name)} (${definitions.join(', ')})${tableComment}`);
    if (dialect === 'postgres') {
      statements.push(`COMMENT ON TABLE ${qualified(table.name)} IS ${sqlLiteral(table.comment, dialect)}`);
      for (const column of table.columns) {
        if (column.comment)
          statements.push(
            `COMMENT ON COLUMN ${qualified(table.name)}.${quote(column.name)} IS ${sqlLiteral(column.comment, dialect)}`,
          );
      }
    }
    statements.push(...insertStatements(qualified(table.name), table.rows, dialect, batchRows));
  }
  return statements;
}

/** Figures the contract checks results against, computed from the generated rows (not from any database). */
export function retailFigures() {
  const tables = retailTables();
  const rows = (name: string) => tables.find((table) => table.name === name)?.rows ?? [];
  const revenueIndex = 6;
  const revenueCents = rows('order_lines').reduce(
    (sum, row) => sum + Math.round(Number(row[revenueIndex]) * 100),
    0,
  );
  return {
    customers: rows('customers').length,
    orders: rows('orders').length,
    orderLines: rows('order_lines').length,
    revenue: revenueCents / 100,
    regions: [...new Set(rows('customers').map((row) => row[4]))].sort() as string[],
    statuses: [...new Set(rows('orders').map((row) => row[4]))].sort() as string[],
  };
}
