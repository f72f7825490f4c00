/**
 * A small deterministic retail dataset (customers, products, orders, order_lines, tickets) generated
 * from a seed, for cross-engine equivalence tests. Includes nulls, a customer with no orders, orders
 * with no lines, and a second fact table (tickets) for chasm-trap tests.
 */
import type { DatabaseSchema, LogicalType, TableSchema } from '@askdata/core';

export type CellType = 'integer' | 'decimal' | 'text' | 'date' | 'timestamp' | 'boolean';
export type Cell = string | number | boolean | null;

export interface TableDefinition {
  name: string;
  columns: Array<{ name: string; type: CellType; nullable?: boolean }>;
  primaryKey: string[];
  foreignKeys: Array<{ column: string; table: string; references: string }>;
}

export interface RetailData {
  tables: TableDefinition[];
  rows: Record<string, Cell[][]>;
}

export const retailTables: TableDefinition[] = [
  {
    name: 'customers',
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'name', type: 'text' },
      { name: 'region', type: 'text', nullable: true },
      { name: 'segment', type: 'text' },
      { name: 'signup_date', type: 'date' },
      { name: 'is_active', type: 'boolean' },
    ],
    primaryKey: ['id'],
    foreignKeys: [],
  },
  {
    name: 'products',
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'name', type: 'text' },
      { name: 'category', type: 'text' },
      { name: 'list_price', type: 'decimal' },
    ],
    primaryKey: ['id'],
    foreignKeys: [],
  },
  {
    name: 'orders',
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'customer_id', type: 'integer' },
      { name: 'order_date', type: 'date' },
      { name: 'created_at', type: 'timestamp' },
      { name: 'status', type: 'text' },
      { name: 'total_amount', type: 'decimal' },
      { name: 'discount', type: 'decimal', nullable: true },
    ],
    primaryKey: ['id'],
    foreignKeys: [{ column: 'customer_id', table: 'customers', references: 'id' }],
  },
  {
    name: 'order_lines',
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'order_id', type: 'integer' },
      { name: 'product_id', type: 'integer' },
      { name: 'quantity', type: 'integer' },
      { name: 'unit_price', type: 'decimal' },
    ],
    primaryKey: ['id'],
    foreignKeys: [
      { column: 'order_id', table: 'orders', references: 'id' },
      { column: 'product_id', table: 'products', references: 'id' },
    ],
  },
  {
    name: 'tickets',
    columns: [
      { name: 'id', type: 'integer' },
      { name: 'customer_id', type: 'integer' },
      { name: 'opened_date', type: 'date' },
      { name: 'priority', type: 'text' },
      { name: 'minutes_spent', type: 'integer', nullable: true },
    ],
    primaryKey: ['id'],
    foreignKeys: [{ column: 'customer_id', table: 'customers', references: 'id' }],
  },
];

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

const day = 86_400_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

export function generateRetailData(seed = 42): RetailData {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const cents = (min: number, max: number) => Math.round((min + random() * (max - min)) * 100) / 100;
  const regions = ['North', 'South', 'East', 'West'] as const;
  const segments = ['Consumer', 'Corporate', 'Small Business'] as const;
  const categories = ['Books', 'Garden', 'Kitchen', 'Toys', 'Electronics'] as const;
  const start = Date.UTC(2023, 0, 1);
  const span = Date.UTC(2024, 5, 30) - start;

  const customers: Cell[][] = [];
  for (let id = 1; id <= 60; id++) {
    const region = id % 13 === 0 ? null : pick(regions);
    customers.push([
      id,
      `Customer ${String(id).padStart(2, '0')}`,
      region,
      pick(segments),
      isoDate(start + Math.floor(random() * 300) * day),
      random() > 0.2,
    ]);
  }
  const products: Cell[][] = [];
  for (let id = 1; id <= 20; id++) {
    products.push([
      id,
      `Product ${String.fromCharCode(64 + id)}${id % 3 === 0 ? ' 100%_pure' : ''}`,
      categories[id % categories.length] as string,
      cents(2, 200),
    ]);
  }
  const orders: Cell[][] = [];
  const lines: Cell[][] = [];
  let lineId = 1;
  for (let id = 1; id <= 300; id++) {
    // Customer 60 never orders (empty groups); others weighted towards low ids.
    const customer = 1 + Math.floor(random() * random() * 59);
    const time = start + Math.floor(random() * (span / day)) * day;
    const status = pick(['completed', 'completed', 'completed', 'shipped', 'cancelled', 'returned'] as const);
    const lineCount = id % 25 === 0 ? 0 : 1 + Math.floor(random() * 4);
    let total = 0;
    for (let index = 0; index < lineCount; index++) {
      const product = products[Math.floor(random() * products.length)] as Cell[];
      const quantity = 1 + Math.floor(random() * 5);
      const price = product[3] as number;
      total += quantity * price;
      lines.push([lineId++, id, product[0] as number, quantity, price]);
    }
    const discount = random() < 0.3 ? null : cents(0, 20);
    const hour = Math.floor(random() * 24);
    const minute = Math.floor(random() * 60);
    const createdAt = `${isoDate(time)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
    orders.push([id, customer, isoDate(time), createdAt, status, Math.round(total * 100) / 100, discount]);
  }
  const tickets: Cell[][] = [];
  for (let id = 1; id <= 90; id++) {
    const customer = 1 + Math.floor(random() * 60);
    tickets.push([
      id,
      customer,
      isoDate(start + Math.floor(random() * (span / day)) * day),
      pick(['low', 'medium', 'high'] as const),
      random() < 0.15 ? null : 5 + Math.floor(random() * 120),
    ]);
  }
  return {
    tables: retailTables,
    rows: { customers, products, orders, order_lines: lines, tickets },
  };
}

const logicalTypes = {
  integer: 'integer',
  decimal: 'decimal',
  text: 'text',
  date: 'date',
  timestamp: 'timestamp',
  boolean: 'boolean',
} satisfies Record<CellType, LogicalType>;

/** The introspection shape of the dataset, as a connector would report it. */
export function retailSchema(namespace?: string): DatabaseSchema {
  return {
    tables: retailTables.map(
      (table): TableSchema => ({
        name: table.name,
        ...(namespace === undefined ? {} : { namespace }),
        columns: table.columns.map((column) => ({
          name: column.name,
          sourceType: column.type,
          logicalType: logicalTypes[column.type],
          nullable: column.nullable === true,
        })),
        primaryKey: table.primaryKey,
        foreignKeys: table.foreignKeys.map((key) => ({
          columns: [key.column],
          referencedTable: key.table,
          referencedColumns: [key.references],
        })),
      }),
    ),
  };
}
