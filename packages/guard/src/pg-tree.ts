import { AskdataError } from '@askdata/core';
import { sqlSpan, wordsLength } from './sql-span';

/** A node of libpg-query's JSON tree; fields are read defensively because the tree is untyped JSON. */
export type Json = Record<string, unknown>;

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(node: Json | undefined, name: string): Json | undefined {
  const value = node?.[name];
  return isJson(value) ? value : undefined;
}

export function list(node: Json | undefined, name: string): unknown[] {
  const value = node?.[name];
  return Array.isArray(value) ? value : [];
}

export function text(node: Json | undefined, name: string): string | undefined {
  const value = node?.[name];
  return typeof value === 'string' ? value : undefined;
}

export function location(node: Json | undefined): number | undefined {
  const value = node?.location;
  return typeof value === 'number' ? value : undefined;
}

/** `{ String: { sval } }` items, as used in names and column references. */
export function stringItems(items: unknown[]): string[] {
  const names: string[] = [];
  for (const item of items) {
    const sval = text(field(isJson(item) ? item : undefined, 'String'), 'sval');
    if (sval !== undefined) names.push(sval);
  }
  return names;
}

/** The single node type key of a wrapper object such as `{ SelectStmt: {...} }`. */
export function nodeType(value: unknown): [string, Json] | undefined {
  if (!isJson(value)) return undefined;
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !/^[A-Z]/.test(key)) return undefined;
  const body = value[key];
  return isJson(body) ? [key, body] : undefined;
}

/** What a non-read statement would do, phrased for the person who wrote it. */
const statementEffects: Record<string, string> = {
  InsertStmt: 'would insert rows',
  UpdateStmt: 'would update rows',
  DeleteStmt: 'would delete rows',
  MergeStmt: 'would merge rows',
  CreateStmt: 'would create a table',
  CreateTableAsStmt: 'would create a table',
  ViewStmt: 'would create a view',
  IndexStmt: 'would create an index',
  CreateFunctionStmt: 'would create a function',
  CreateExtensionStmt: 'would install an extension',
  DropStmt: 'would drop objects',
  TruncateStmt: 'would empty a table',
  AlterTableStmt: 'would alter a table',
  RenameStmt: 'would rename objects',
  CopyStmt: 'would read or write files',
  VariableSetStmt: 'would change a setting',
  VariableShowStmt: 'would show a setting',
  TransactionStmt: 'would control transactions',
  GrantStmt: 'would change permissions',
  GrantRoleStmt: 'would change permissions',
  CreateRoleStmt: 'would create a role',
  AlterRoleStmt: 'would alter a role',
  VacuumStmt: 'would run maintenance',
  ExplainStmt: 'is an EXPLAIN (use the dry run instead)',
  CallStmt: 'would call a procedure',
  DoStmt: 'would run code',
  LoadStmt: 'would load a library',
  LockStmt: 'would lock tables',
  ListenStmt: 'would listen for notifications',
  NotifyStmt: 'would send a notification',
  PrepareStmt: 'would prepare a statement',
  ExecuteStmt: 'would execute a prepared statement',
  CheckPointStmt: 'would force a checkpoint',
  DiscardStmt: 'would discard session state',
  ClusterStmt: 'would rewrite a table',
  ReindexStmt: 'would rebuild indexes',
  RefreshMatViewStmt: 'would refresh a view',
  AlterSystemStmt: 'would change server settings',
  CreateSchemaStmt: 'would create a schema',
  CreatedbStmt: 'would create a database',
  DropdbStmt: 'would drop a database',
  CommentStmt: 'would change a comment',
  SecLabelStmt: 'would change a label',
  DeclareCursorStmt: 'would open a cursor',
  FetchStmt: 'would read from a cursor',
  ClosePortalStmt: 'would close a cursor',
};

/** The node types that, anywhere in a tree, make it something other than a read. */
export function isWriteStatement(type: string): boolean {
  return type.endsWith('Stmt') && type !== 'SelectStmt';
}

export function notReadOnly(sql: string, type: string, offset: number | undefined, words = 3): AskdataError {
  const effect = statementEffects[type] ?? 'is not a read query';
  const span = offset === undefined ? '' : sqlSpan(sql, offset, wordsLength(sql, offset, words));
  return new AskdataError(
    'sql_not_read_only',
    `Only read queries are allowed: this statement ${effect}${span}`,
    {
      details: { statement: type },
    },
  );
}

/** The first location found anywhere inside a node (statements themselves carry none). */
export function firstLocation(value: unknown): number | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstLocation(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isJson(value)) return undefined;
  const own = location(value);
  if (own !== undefined) return own;
  for (const child of Object.values(value)) {
    const found = firstLocation(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A copy of the tree without positions and with sorted keys, to compare two parses of the same query. */
export function withoutLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (!isJson(value)) return value;
  const copy: Json = {};
  for (const key of Object.keys(value).sort()) {
    if (key === 'location' || key === 'stmt_location' || key === 'stmt_len') continue;
    copy[key] = withoutLocations(value[key]);
  }
  return copy;
}

const positionKeys = new Set(['location', 'stmt_location', 'stmt_len']);

/** Deep equality of two trees ignoring positions and key order, without copying either. */
export function sameTreeShape(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => sameTreeShape(item, right[index]));
  }
  if (!isJson(left) || !isJson(right)) return false;
  const leftKeys = Object.keys(left).filter((key) => !positionKeys.has(key));
  const rightKeys = Object.keys(right).filter((key) => !positionKeys.has(key));
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every((key) => key in right && sameTreeShape(left[key], right[key]));
}
