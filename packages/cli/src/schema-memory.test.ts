import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSchema } from '@askdata/core';
import { afterAll, describe, expect, it } from 'vitest';
import { rememberSchema } from './schema-memory';

const home = mkdtempSync(join(tmpdir(), 'askdata-schema-memory-'));

const schema = (columns: string[]): DatabaseSchema => ({
  tables: [
    {
      name: 'orders',
      namespace: 'shop',
      columns: columns.map((name) => ({ name, sourceType: 'text', logicalType: 'text', nullable: true })),
    },
  ],
});

describe('rememberSchema', () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('reports what changed since the last look at the same database, and never stores the password', async () => {
    const target = 'postgres://me:hunter2@db:5432/shop';
    const first = await rememberSchema(home, target, undefined, schema(['id']));
    expect(first.previous).toBeUndefined();
    expect(first.changes).toEqual([]);
    const same = await rememberSchema(home, 'postgres://me:other@db:5432/shop', undefined, schema(['id']));
    expect(same.previous).toBeDefined();
    expect(same.changes).toEqual([]);
    const changed = await rememberSchema(home, target, undefined, schema(['id', 'note']));
    expect(changed.changes).toEqual([
      { kind: 'column_added', table: 'shop.orders', column: 'note', sourceType: 'text' },
    ]);
    const otherSchemas = await rememberSchema(home, target, 'archive', schema(['id']));
    expect(otherSchemas.previous).toBeUndefined();
    const files = readdirSync(join(home, 'schemas'));
    expect(files).toHaveLength(2);
    for (const file of files)
      expect(readFileSync(join(home, 'schemas', file), 'utf8')).not.toContain('hunter2');
  });
});
