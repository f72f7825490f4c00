import type { DatabaseSchema, TableSchema } from '@askdata/core';
import Database from 'better-sqlite3';
import type { TableRef } from '../connector';
import { logicalTypeOf } from '../result-builder';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Reads tables and views, declared column types, primary and foreign keys from a SQLite file opened
 * read-only for the occasion; row counts are exact (`count(*)`). SQLite keeps no comments.
 */
export function introspectSqlite(file: string, tables?: readonly TableRef[]): DatabaseSchema {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = database
      .prepare(
        "SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as Array<{ name: string; type: 'table' | 'view' }>;
    const known = new Map(names.map((entry) => [entry.name.toLowerCase(), entry.name]));
    const result: TableSchema[] = [];
    for (const { name, type } of names) {
      if (tables && !tables.some((ref) => ref.name === name)) continue;
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
      const table: TableSchema = {
        name,
        columns: columns.map((column) => ({
          name: column.name,
          sourceType: column.type || 'ANY',
          // SQLite's type affinity: a declared type without a known word holds numbers (NUMERIC).
          logicalType: column.type ? logicalTypeOf(column.type) : 'other',
          nullable: column.notnull === 0 && column.pk === 0,
        })),
      };
      const primaryKey = columns
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name);
      if (primaryKey.length > 0) table.primaryKey = primaryKey;
      const foreign = new Map<
        number,
        { columns: string[]; referencedTable: string; referencedColumns: string[] }
      >();
      for (const key of keys) {
        const referencedTable = known.get(key.table.toLowerCase());
        if (!referencedTable) continue;
        const entry = foreign.get(key.id) ?? { columns: [], referencedTable, referencedColumns: [] };
        entry.columns.push(key.from);
        entry.referencedColumns.push(key.to ?? key.from);
        foreign.set(key.id, entry);
      }
      if (foreign.size > 0) table.foreignKeys = [...foreign.values()];
      if (type === 'table') {
        const row = database.prepare(`SELECT count(*) AS n FROM ${quote(name)}`).get() as { n: number };
        table.rowCount = Number(row.n);
      }
      result.push(table);
    }
    return { tables: result };
  } finally {
    database.close();
  }
}
