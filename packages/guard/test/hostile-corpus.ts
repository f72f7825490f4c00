import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DialectName, TableSchema } from '@askdata/core';
import type { ColumnAccess } from '../src/types';

export interface HostileStatement {
  line: number;
  dialect: DialectName;
  sql: string;
  why: string;
}

function unescapeField(value: string): string {
  return value.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char === 't' ? '\t' : char));
}

export function loadHostileCorpus(): HostileStatement[] {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/hostile.tsv');
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, index) => ({ text, line: index + 1 }))
    .filter(({ text }) => text.trim() !== '' && !text.startsWith('#'))
    .map(({ text, line }) => {
      const [dialect = '', sql = '', why = ''] = text.split('\t');
      return { line, dialect: dialect as DialectName, sql: unescapeField(sql), why };
    });
}

const column = (name: string) => ({
  name,
  sourceType: 'VARCHAR',
  logicalType: 'text' as const,
  nullable: true,
});

/** The data source the hostile corpus is aimed at: a denied `ssn`, a masked `email`, a 50M-row table. */
export const hostileSchema: TableSchema[] = [
  {
    name: 'orders',
    columns: ['id', 'customer_id', 'amount', 'status', 'created_at'].map(column),
    rowCount: 1_000,
  },
  {
    name: 'customers',
    columns: ['id', 'name', 'email', 'ssn', 'credit_limit', 'update_date'].map(column),
    rowCount: 500,
  },
  { name: 'big_events', columns: ['id', 'kind'].map(column), rowCount: 50_000_000 },
];

export function hostilePolicy(_table: string, name: string): ColumnAccess {
  if (name === 'ssn') return 'deny';
  if (name === 'email') return 'mask';
  return 'allow';
}
