import type { ColumnSchema, DatabaseSchema, TableSchema } from '@askdata/core';
import type pg from 'pg';
import type { TableRef } from '../connector';
import { logicalTypeOf } from '../result-builder';

interface TableRow {
  namespace: string;
  name: string;
  description: string | null;
  estimate: string | null;
}

interface ColumnRow {
  namespace: string;
  table_name: string;
  name: string;
  type: string;
  nullable: boolean;
  description: string | null;
}

interface ConstraintRow {
  namespace: string;
  table_name: string;
  kind: 'p' | 'f';
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[] | null;
}

const tablesSql = `
SELECT n.nspname AS namespace, c.relname AS name, obj_description(c.oid, 'pg_class') AS description,
       CASE WHEN c.relkind IN ('v') THEN NULL
            WHEN c.reltuples >= 0 THEN c.reltuples::bigint
            ELSE s.n_live_tup END AS estimate
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  AND n.nspname = ANY($1::text[]) AND has_table_privilege(c.oid, 'SELECT')
ORDER BY 1, 2`;

const columnsSql = `
SELECT n.nspname AS namespace, c.relname AS table_name, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
       col_description(c.oid, a.attnum) AS description
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname = ANY($1::text[])
ORDER BY n.nspname, c.relname, a.attnum`;

const constraintsSql = `
SELECT n.nspname AS namespace, c.relname AS table_name, con.contype AS kind,
       (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS columns,
       fc.relname AS referenced_table,
       (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num) AS referenced_columns
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
WHERE con.contype IN ('p', 'f') AND n.nspname = ANY($1::text[])
ORDER BY 1, 2, con.conname`;

/** The schemas to describe: those configured, else the existing schemas on the search path. */
async function schemasToRead(client: pg.PoolClient, configured: readonly string[] | undefined) {
  if (configured && configured.length > 0) return [...configured];
  const result = await client.query<{ schemas: string[] }>(
    'SELECT current_schemas(false)::text[] AS schemas',
  );
  return result.rows[0]?.schemas ?? ['public'];
}

/**
 * Reads tables, views, columns, comments, keys and row estimates from the catalogs in three queries.
 * Row counts are the planner's estimate (`reltuples`, or the live-tuple counter before the first ANALYZE).
 */
export async function introspectPostgres(
  pool: pg.Pool,
  options: { schemas?: readonly string[]; tables?: readonly TableRef[] },
): Promise<DatabaseSchema> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const schemas = await schemasToRead(client, options.schemas);
    const [tables, columns, constraints] = [
      (await client.query<TableRow>(tablesSql, [schemas])).rows,
      (await client.query<ColumnRow>(columnsSql, [schemas])).rows,
      (await client.query<ConstraintRow>(constraintsSql, [schemas])).rows,
    ];
    await client.query('COMMIT');
    const key = (namespace: string, name: string) => `${namespace}\u0000${name}`;
    const byTable = new Map<string, TableSchema>();
    for (const row of tables) {
      const table: TableSchema = { name: row.name, namespace: row.namespace, columns: [] };
      if (row.description) table.description = row.description;
      if (row.estimate !== null) table.rowCount = Number(row.estimate);
      byTable.set(key(row.namespace, row.name), table);
    }
    for (const row of columns) {
      const table = byTable.get(key(row.namespace, row.table_name));
      if (!table) continue;
      const column: ColumnSchema = {
        name: row.name,
        sourceType: row.type,
        logicalType: logicalTypeOf(row.type),
        nullable: row.nullable,
      };
      if (row.description) column.description = row.description;
      table.columns.push(column);
    }
    for (const row of constraints) {
      const table = byTable.get(key(row.namespace, row.table_name));
      if (!table) continue;
      if (row.kind === 'p') table.primaryKey = row.columns;
      else if (row.referenced_table && row.referenced_columns) {
        table.foreignKeys ??= [];
        table.foreignKeys.push({
          columns: row.columns,
          referencedTable: row.referenced_table,
          referencedColumns: row.referenced_columns,
        });
      }
    }
    const wanted = options.tables;
    // Schemas in the order given (or of the search path), so the first of two same-named tables is the one
    // an unqualified name would find.
    const rank = (table: TableSchema) => schemas.indexOf(table.namespace ?? '');
    const ordered = [...byTable.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
    const result = ordered.filter(
      (table) =>
        !wanted ||
        wanted.some(
          (ref) =>
            ref.name === table.name && (ref.namespace === undefined || ref.namespace === table.namespace),
        ),
    );
    return { tables: result };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
