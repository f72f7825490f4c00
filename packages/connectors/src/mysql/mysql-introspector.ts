import type { ColumnSchema, DatabaseSchema, TableSchema } from '@askdata/core';
import type mysql from 'mysql2/promise';
import type { TableRef } from '../connector';
import { logicalTypeOf } from '../result-builder';

interface TableRow {
  namespace: string;
  name: string;
  kind: string;
  estimate: number | string | null;
  description: string | null;
}

interface ColumnRow {
  namespace: string;
  table_name: string;
  name: string;
  data_type: string;
  column_type: string;
  nullable: string;
  description: string | null;
}

interface KeyRow {
  namespace: string;
  table_name: string;
  constraint_name: string;
  column_name: string;
  referenced_table: string | null;
  referenced_column: string | null;
}

const tablesSql = `
SELECT TABLE_SCHEMA AS namespace, TABLE_NAME AS name, TABLE_TYPE AS kind, TABLE_ROWS AS estimate,
       TABLE_COMMENT AS description
FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (?) ORDER BY 1, 2`;

const columnsSql = `
SELECT TABLE_SCHEMA AS namespace, TABLE_NAME AS table_name, COLUMN_NAME AS name, DATA_TYPE AS data_type,
       COLUMN_TYPE AS column_type, IS_NULLABLE AS nullable, COLUMN_COMMENT AS description
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (?) ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`;

const keysSql = `
SELECT TABLE_SCHEMA AS namespace, TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name,
       COLUMN_NAME AS column_name, REFERENCED_TABLE_NAME AS referenced_table,
       REFERENCED_COLUMN_NAME AS referenced_column
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA IN (?) AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)
ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`;

/**
 * Reads tables, views, columns, comments and keys from `information_schema`. Row counts are the storage
 * engine's figure (`TABLE_ROWS`: an estimate for InnoDB, exact for MyISAM/Aria).
 */
export async function introspectMysql(
  pool: mysql.Pool,
  options: { databases: readonly string[]; tables?: readonly TableRef[] },
): Promise<DatabaseSchema> {
  if (options.databases.length === 0) return { tables: [] };
  const databases = [options.databases];
  const [tables] = await pool.query(tablesSql, databases);
  const [columns] = await pool.query(columnsSql, databases);
  const [keys] = await pool.query(keysSql, databases);
  const key = (namespace: string, name: string) => `${namespace}\u0000${name}`;
  const byTable = new Map<string, TableSchema>();
  for (const row of tables as TableRow[]) {
    const table: TableSchema = { name: row.name, namespace: row.namespace, columns: [] };
    // MySQL reports "VIEW" as the comment of every view.
    if (row.description && !(row.kind === 'VIEW' && row.description === 'VIEW'))
      table.description = row.description;
    if (row.kind !== 'VIEW' && row.estimate !== null) table.rowCount = Number(row.estimate);
    byTable.set(key(row.namespace, row.name), table);
  }
  for (const row of columns as ColumnRow[]) {
    const table = byTable.get(key(row.namespace, row.table_name));
    if (!table) continue;
    const column: ColumnSchema = {
      name: row.name,
      sourceType: row.column_type,
      logicalType: row.column_type === 'tinyint(1)' ? 'boolean' : logicalTypeOf(row.data_type),
      nullable: row.nullable === 'YES',
    };
    if (row.description) column.description = row.description;
    table.columns.push(column);
  }
  const foreign = new Map<
    string,
    { columns: string[]; referencedTable: string; referencedColumns: string[] }
  >();
  for (const row of keys as KeyRow[]) {
    const table = byTable.get(key(row.namespace, row.table_name));
    if (!table) continue;
    if (row.constraint_name === 'PRIMARY') {
      table.primaryKey = [...(table.primaryKey ?? []), row.column_name];
      continue;
    }
    const id = `${key(row.namespace, row.table_name)}\u0000${row.constraint_name}`;
    let entry = foreign.get(id);
    if (!entry) {
      entry = { columns: [], referencedTable: row.referenced_table ?? '', referencedColumns: [] };
      foreign.set(id, entry);
      table.foreignKeys = [...(table.foreignKeys ?? []), entry];
    }
    entry.columns.push(row.column_name);
    entry.referencedColumns.push(row.referenced_column ?? row.column_name);
  }
  const wanted = options.tables;
  const rank = (table: TableSchema) => options.databases.indexOf(table.namespace ?? '');
  const ordered = [...byTable.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return {
    tables: ordered.filter(
      (table) =>
        !wanted ||
        wanted.some(
          (ref) =>
            ref.name === table.name && (ref.namespace === undefined || ref.namespace === table.namespace),
        ),
    ),
  };
}
