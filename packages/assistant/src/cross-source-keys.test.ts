import type { ColumnSchema, LogicalType, TableSchema } from '@askdata/core';
import { describe, expect, it } from 'vitest';
import { keyPairsByName, namedJoinKey } from './cross-source-keys';

const column = (name: string, logicalType: LogicalType): ColumnSchema => ({
  name,
  logicalType,
  sourceType: logicalType,
  nullable: true,
});
const table = (name: string, columns: ColumnSchema[], primaryKey?: string[]): TableSchema => ({
  name,
  columns,
  ...(primaryKey ? { primaryKey } : {}),
});

describe('join keys named in a question', () => {
  it('reads the key and leaves the rest of the question for the language engine', () => {
    expect(namedJoinKey('revenue by segment, join on customer_id')).toEqual({
      key: 'customerid',
      question: 'revenue by segment',
    });
    expect(namedJoinKey('Average score by region joined by customer id?')).toEqual({
      key: 'customerid',
      question: 'Average score by region?',
    });
    expect(namedJoinKey('orders by region matching on the email column')?.key).toBe('email');
  });

  it('does not take an ordinary "by" grouping for a key', () => {
    expect(namedJoinKey('orders by customer id')).toBeUndefined();
  });
});

describe('key pairs by name and type', () => {
  const visits = table('visits', [
    column('id', 'integer'),
    column('customer_id', 'integer'),
    column('page', 'text'),
  ]);
  const customers = table('customers', [column('id', 'integer'), column('name', 'text')], ['id']);
  const orders = table('orders', [column('order_id', 'integer'), column('customer_id', 'text')]);

  it('pairs <table>_id with that table key and same-named columns of a compatible type', () => {
    expect(keyPairsByName([visits], [customers, orders])).toEqual([
      {
        file: { table: 'visits', column: 'customer_id' },
        database: { table: 'customers', column: 'id' },
        reason: 'table-key',
      },
    ]);
  });

  it('never pairs two bare ids of unrelated tables', () => {
    const pairs = keyPairsByName([visits], [customers]);
    expect(pairs.some((pair) => pair.file.column === 'id')).toBe(false);
  });

  it('keeps only the columns a named key points at', () => {
    const products = table('products', [column('id', 'integer'), column('page', 'text')]);
    expect(keyPairsByName([visits], [customers, products], 'page')).toEqual([
      {
        file: { table: 'visits', column: 'page' },
        database: { table: 'products', column: 'page' },
        reason: 'named',
      },
    ]);
  });
});
