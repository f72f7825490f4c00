import type { DatabaseSchema } from '@askdata/core';
import { describe, expect, it } from 'vitest';
import {
  describeSchemaChange,
  diffSchemas,
  schemaChangesSince,
  schemaFingerprint,
  schemaSnapshot,
} from './schema-changes';

const base: DatabaseSchema = {
  tables: [
    {
      name: 'orders',
      namespace: 'shop',
      columns: [
        { name: 'id', sourceType: 'integer', logicalType: 'integer', nullable: false },
        { name: 'status', sourceType: 'text', logicalType: 'text', nullable: true },
      ],
      primaryKey: ['id'],
      rowCount: 10,
    },
    {
      name: 'customers',
      namespace: 'shop',
      columns: [{ name: 'id', sourceType: 'integer', logicalType: 'integer', nullable: false }],
    },
  ],
};

function changed(edit: (schema: DatabaseSchema) => void): DatabaseSchema {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

describe('schema fingerprint and diff', () => {
  it('ignores table order, row counts and comments', () => {
    const same = changed((schema) => {
      schema.tables.reverse();
      const [first] = schema.tables;
      if (first) {
        first.rowCount = 99;
        first.description = 'now with a comment';
      }
    });
    expect(schemaFingerprint(same)).toBe(schemaFingerprint(base));
    expect(diffSchemas(base, same)).toEqual([]);
  });

  it('names every structural change', () => {
    const after = changed((schema) => {
      const orders = schema.tables[0];
      if (!orders) return;
      orders.columns[1] = { name: 'status', sourceType: 'varchar(20)', logicalType: 'text', nullable: false };
      orders.columns.push({ name: 'note', sourceType: 'text', logicalType: 'text', nullable: true });
      orders.primaryKey = ['id', 'status'];
      orders.foreignKeys = [{ columns: ['id'], referencedTable: 'customers', referencedColumns: ['id'] }];
      schema.tables.splice(1, 1, {
        name: 'products',
        namespace: 'shop',
        columns: [{ name: 'sku', sourceType: 'text', logicalType: 'text', nullable: false }],
      });
    });
    expect(schemaFingerprint(after)).not.toBe(schemaFingerprint(base));
    expect(diffSchemas(base, after)).toEqual([
      { kind: 'table_removed', table: 'shop.customers' },
      {
        kind: 'column_type_changed',
        table: 'shop.orders',
        column: 'status',
        before: 'text',
        after: 'varchar(20)',
      },
      { kind: 'column_nullability_changed', table: 'shop.orders', column: 'status', nullable: false },
      { kind: 'column_added', table: 'shop.orders', column: 'note', sourceType: 'text' },
      { kind: 'primary_key_changed', table: 'shop.orders', before: ['id'], after: ['id', 'status'] },
      { kind: 'foreign_keys_changed', table: 'shop.orders' },
      { kind: 'table_added', table: 'shop.products' },
    ]);
    const dropped = changed((schema) => {
      schema.tables[0]?.columns.pop();
    });
    expect(diffSchemas(base, dropped)).toEqual([
      { kind: 'column_removed', table: 'shop.orders', column: 'status' },
    ]);
  });

  it('compares a new introspection with the snapshot taken at the last profile', async () => {
    const snapshot = schemaSnapshot(base, new Date('2026-01-01T00:00:00Z'));
    expect(snapshot.takenAt).toBe('2026-01-01T00:00:00.000Z');
    let current = base;
    const connector = { introspect: async () => current };
    expect((await schemaChangesSince(connector, snapshot)).changes).toEqual([]);
    current = changed((schema) => {
      schema.tables.pop();
    });
    const result = await schemaChangesSince(connector, snapshot);
    expect(result.changes).toEqual([{ kind: 'table_removed', table: 'shop.customers' }]);
    expect(result.snapshot.fingerprint).toBe(schemaFingerprint(current));
  });

  it('says each change in one line', () => {
    expect(
      describeSchemaChange({
        kind: 'column_added',
        table: 'shop.orders',
        column: 'note',
        sourceType: 'text',
      }),
    ).toBe('shop.orders: column note (text) added');
    expect(
      describeSchemaChange({
        kind: 'column_type_changed',
        table: 'shop.orders',
        column: 'status',
        before: 'text',
        after: 'varchar(20)',
      }),
    ).toBe('shop.orders: column status changed type from text to varchar(20)');
  });
});
