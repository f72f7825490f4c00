/** Reads a SQLite file's tables, columns and foreign keys (read-only), and samples text values. */
import type { DatabaseSchema, LogicalType, TableSchema } from '@askdata/core';
import type { Database } from 'better-sqlite3';
import type { ValueSample } from './value-index';

export function sqliteLogicalType(declared: string): LogicalType {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'integer';
  if (/BOOL/.test(type)) return 'boolean';
  if (/REAL|FLOA|DOUB/.test(type)) return 'float';
  if (/DEC|NUM/.test(type)) return 'decimal';
  if (/TIMESTAMP|DATETIME/.test(type)) return 'timestamp';
  if (/DATE/.test(type)) return 'date';
  if (/BLOB/.test(type)) return 'blob';
  return 'text';
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function introspectSqlite(database: Database): DatabaseSchema {
  const names = database
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  const tables = names.map(({ name }): TableSchema => {
    const columns = database.prepare(`PRAGMA table_info(${quote(name)})`).all() as Array<{
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }>;
    const keys = database.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as Array<{
      id: number;
      table: string;
      from: string;
      to: string | null;
    }>;
    const byId = new Map<
      number,
      { columns: string[]; referencedTable: string; referencedColumns: string[] }
    >();
    for (const key of keys) {
      const entry = byId.get(key.id) ?? { columns: [], referencedTable: key.table, referencedColumns: [] };
      entry.columns.push(key.from);
      entry.referencedColumns.push(key.to ?? key.from);
      byId.set(key.id, entry);
    }
    const { count } = database.prepare(`SELECT count(*) AS count FROM ${quote(name)}`).get() as {
      count: number;
    };
    const primaryKey = columns
      .filter((column) => column.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((column) => column.name);
    return {
      name,
      columns: columns.map((column) => ({
        name: column.name,
        sourceType: column.type,
        logicalType: sqliteLogicalType(column.type),
        nullable: column.notnull === 0,
      })),
      ...(primaryKey.length > 0 ? { primaryKey } : {}),
      foreignKeys: [...byId.values()]
        .filter((key) =>
          names.some((table) => table.name.toLowerCase() === key.referencedTable.toLowerCase()),
        )
        .map((key) => ({
          ...key,
          referencedTable:
            names.find((table) => table.name.toLowerCase() === key.referencedTable.toLowerCase())?.name ??
            key.referencedTable,
        })),
      rowCount: count,
    };
  });
  return { tables };
}

/** Distinct values of each text column (up to `limit` per column) for the value index. */
export function sampleSqliteValues(database: Database, schema: DatabaseSchema, limit = 2000): ValueSample[] {
  const samples: ValueSample[] = [];
  for (const table of schema.tables) {
    for (const column of table.columns) {
      if (column.logicalType !== 'text') continue;
      const rows = database
        .prepare(
          `SELECT DISTINCT ${quote(column.name)} AS v FROM ${quote(table.name)} WHERE ${quote(column.name)} IS NOT NULL LIMIT ${limit}`,
        )
        .all() as Array<{ v: unknown }>;
      samples.push({
        table: table.name,
        column: column.name,
        values: rows.map((row) => (typeof row.v === 'string' ? row.v : null)),
        complete: rows.length < limit,
      });
    }
  }
  return samples;
}
