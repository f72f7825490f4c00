import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogicalType, TableSchema } from '@askdata/core';
import Database from 'better-sqlite3';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const spiderDir = path.resolve(repoRoot, '../shared/bench/spider');

export interface BenignQuery {
  sql: string;
  dbId: string;
}

/** The benign corpus: `SQL<TAB>db_id` per line, 8,659 real SELECTs written for SQLite. */
export function loadBenignCorpus(): BenignQuery[] {
  const file = path.join(spiderDir, 'benign-sql.tsv');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [sql = '', dbId = ''] = line.split('\t');
      return { sql, dbId };
    });
}

function logicalType(declared: string): LogicalType {
  const type = declared.toLowerCase();
  if (type.includes('int')) return 'integer';
  if (/real|floa|doub|num|dec/.test(type)) return 'float';
  if (type.includes('date') || type.includes('time')) return 'timestamp';
  return 'text';
}

const schemaCache = new Map<string, TableSchema[] | undefined>();

/** Introspects a Spider database (read-only) into the shared schema shape; undefined when the file is absent. */
export function spiderSchema(dbId: string): TableSchema[] | undefined {
  if (schemaCache.has(dbId)) return schemaCache.get(dbId);
  const file = path.join(spiderDir, 'db', `${dbId}.sqlite`);
  let schema: TableSchema[] | undefined;
  if (existsSync(file)) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table','view')")
      .all() as Array<{ name: string }>;
    schema = tables.map(({ name }) => ({
      name,
      columns: (
        db.prepare(`SELECT name, type, "notnull" FROM pragma_table_info(?)`).all(name) as Array<{
          name: string;
          type: string;
          notnull: number;
        }>
      ).map((column) => ({
        name: column.name,
        sourceType: column.type,
        logicalType: logicalType(column.type),
        nullable: column.notnull === 0,
      })),
    }));
    db.close();
  }
  schemaCache.set(dbId, schema);
  return schema;
}
