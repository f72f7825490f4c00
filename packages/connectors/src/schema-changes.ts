import { createHash } from 'node:crypto';
import type { DatabaseSchema, TableSchema } from '@askdata/core';

/**
 * A schema as it was when last profiled: kept with the profile, compared on the next connect to tell
 * whether the semantic model and value samples need refreshing.
 */
export interface SchemaSnapshot {
  fingerprint: string;
  takenAt: string;
  schema: DatabaseSchema;
}

export type SchemaChange =
  | { kind: 'table_added'; table: string }
  | { kind: 'table_removed'; table: string }
  | { kind: 'column_added'; table: string; column: string; sourceType: string }
  | { kind: 'column_removed'; table: string; column: string }
  | { kind: 'column_type_changed'; table: string; column: string; before: string; after: string }
  | { kind: 'column_nullability_changed'; table: string; column: string; nullable: boolean }
  | { kind: 'primary_key_changed'; table: string; before: string[]; after: string[] }
  | { kind: 'foreign_keys_changed'; table: string };

function qualified(table: TableSchema): string {
  return table.namespace === undefined ? table.name : `${table.namespace}.${table.name}`;
}

function foreignKeyText(table: TableSchema): string {
  return (table.foreignKeys ?? [])
    .map((key) => `${key.columns.join(',')}>${key.referencedTable}(${key.referencedColumns.join(',')})`)
    .sort()
    .join(';');
}

/**
 * The structure that questions depend on, in a canonical order: names, types, nullability and keys.
 * Row counts and comments are left out: they change without breaking any SQL.
 */
function canonical(schema: DatabaseSchema): unknown {
  return [...schema.tables]
    .sort((a, b) => qualified(a).localeCompare(qualified(b)))
    .map((table) => [
      qualified(table),
      table.columns.map((column) => [column.name, column.sourceType.toLowerCase(), column.nullable]),
      table.primaryKey ?? [],
      foreignKeyText(table),
    ]);
}

export function schemaFingerprint(schema: DatabaseSchema): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(schema)))
    .digest('hex')
    .slice(0, 32);
}

export function schemaSnapshot(schema: DatabaseSchema, takenAt = new Date()): SchemaSnapshot {
  return { fingerprint: schemaFingerprint(schema), takenAt: takenAt.toISOString(), schema };
}

/** What changed from `before` to `after`, table by table, in a stable order. */
export function diffSchemas(before: DatabaseSchema, after: DatabaseSchema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const old = new Map(before.tables.map((table) => [qualified(table), table]));
  const current = new Map(after.tables.map((table) => [qualified(table), table]));
  for (const name of [...old.keys()].sort()) {
    if (!current.has(name)) changes.push({ kind: 'table_removed', table: name });
  }
  for (const name of [...current.keys()].sort()) {
    const now = current.get(name) as TableSchema;
    const was = old.get(name);
    if (!was) {
      changes.push({ kind: 'table_added', table: name });
      continue;
    }
    const wasColumns = new Map(was.columns.map((column) => [column.name, column]));
    const nowColumns = new Map(now.columns.map((column) => [column.name, column]));
    for (const column of was.columns) {
      if (!nowColumns.has(column.name))
        changes.push({ kind: 'column_removed', table: name, column: column.name });
    }
    for (const column of now.columns) {
      const previous = wasColumns.get(column.name);
      if (!previous) {
        changes.push({
          kind: 'column_added',
          table: name,
          column: column.name,
          sourceType: column.sourceType,
        });
        continue;
      }
      if (previous.sourceType.toLowerCase() !== column.sourceType.toLowerCase()) {
        changes.push({
          kind: 'column_type_changed',
          table: name,
          column: column.name,
          before: previous.sourceType,
          after: column.sourceType,
        });
      }
      if (previous.nullable !== column.nullable) {
        changes.push({
          kind: 'column_nullability_changed',
          table: name,
          column: column.name,
          nullable: column.nullable,
        });
      }
    }
    const beforeKey = was.primaryKey ?? [];
    const afterKey = now.primaryKey ?? [];
    if (beforeKey.join(',') !== afterKey.join(','))
      changes.push({ kind: 'primary_key_changed', table: name, before: beforeKey, after: afterKey });
    if (foreignKeyText(was) !== foreignKeyText(now))
      changes.push({ kind: 'foreign_keys_changed', table: name });
  }
  return changes;
}

/** Introspects again and reports what changed since `previous` (an empty list when the fingerprint matches). */
export async function schemaChangesSince(
  connector: { introspect(): Promise<DatabaseSchema> },
  previous: SchemaSnapshot,
): Promise<{ changes: SchemaChange[]; snapshot: SchemaSnapshot }> {
  const snapshot = schemaSnapshot(await connector.introspect());
  const changes =
    snapshot.fingerprint === previous.fingerprint ? [] : diffSchemas(previous.schema, snapshot.schema);
  return { changes, snapshot };
}

/** One line per change, for people: "shop.orders: column note (text) added". */
export function describeSchemaChange(change: SchemaChange): string {
  switch (change.kind) {
    case 'table_added':
      return `${change.table}: new table`;
    case 'table_removed':
      return `${change.table}: table removed`;
    case 'column_added':
      return `${change.table}: column ${change.column} (${change.sourceType}) added`;
    case 'column_removed':
      return `${change.table}: column ${change.column} removed`;
    case 'column_type_changed':
      return `${change.table}: column ${change.column} changed type from ${change.before} to ${change.after}`;
    case 'column_nullability_changed':
      return `${change.table}: column ${change.column} ${change.nullable ? 'may now be empty' : 'may no longer be empty'}`;
    case 'primary_key_changed':
      return `${change.table}: primary key changed from (${change.before.join(', ')}) to (${change.after.join(', ')})`;
    case 'foreign_keys_changed':
      return `${change.table}: foreign keys changed`;
  }
}
