import { AskdataError } from '@askdata/core';
import type { AccessPolicy } from './access-policy';
import { allowedFunctions, allowedTableFunctions } from './function-allowlist';
import { isJson, type Json } from './pg-tree';
import type { DuckdbParse } from './types';

/** Names DuckDB's parser gives to SQL syntax (operators, EXTRACT, LIKE, subscripts) rather than to calls. */
const syntaxFunctions = new Set([
  'date_part',
  '~~',
  '!~~',
  '~~*',
  '!~~*',
  '~~~',
  'array_extract',
  'list_extract',
  'struct_extract',
  'array_slice',
  'list_slice',
  'list_value',
  'row',
  'like_escape',
  'not_like_escape',
  'ilike_escape',
  'not_ilike_escape',
  'regexp_full_match',
  'trim',
  'ltrim',
  'rtrim',
  'substring',
  'position',
  'timezone',
]);

const tableReferenceTypes = new Set([
  'BASE_TABLE',
  'JOIN',
  'SUBQUERY',
  'TABLE_FUNCTION',
  'EMPTY',
  'EXPRESSION_LIST',
]);

/**
 * A second opinion from DuckDB's own parser (`json_serialize_sql`) on SQL that already passed the
 * PostgreSQL-grammar checks: DuckDB must also see exactly one SELECT, call only allow-listed functions and
 * read only permitted base tables. This catches DuckDB-only readings such as `FROM 'file.csv'`.
 */
export async function checkWithDuckdb(sql: string, parse: DuckdbParse, policy: AccessPolicy): Promise<void> {
  const tree = await parse(sql);
  if (!isJson(tree) || tree.error !== false) {
    const message =
      isJson(tree) && typeof tree.error_message === 'string' ? tree.error_message : 'not a SELECT';
    throw new AskdataError('sql_not_read_only', `DuckDB does not read this as a single query: ${message}`);
  }
  const statements = Array.isArray(tree.statements) ? tree.statements : [];
  if (statements.length !== 1)
    throw new AskdataError('sql_multiple_statements', 'Only one statement is allowed per query');
  const cteNames = new Set<string>();
  collectCtes(statements[0], cteNames);
  visit(statements[0], policy, cteNames);
}

function collectCtes(value: unknown, names: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectCtes(item, names);
    return;
  }
  if (!isJson(value)) return;
  if (isJson(value.cte_map) && Array.isArray(value.cte_map.map)) {
    for (const entry of value.cte_map.map)
      if (isJson(entry) && typeof entry.key === 'string') names.add(entry.key.toLowerCase());
  }
  for (const child of Object.values(value)) collectCtes(child, names);
}

function visit(value: unknown, policy: AccessPolicy, cteNames: ReadonlySet<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, policy, cteNames);
    return;
  }
  if (!isJson(value)) return;
  // Table references carry a `sample` key; only plain kinds may appear (SHOW_REF is SUMMARIZE/DESCRIBE/SHOW).
  const tableReference = 'sample' in value && 'alias' in value && !('modifiers' in value);
  if (tableReference && typeof value.type === 'string' && !tableReferenceTypes.has(value.type)) {
    throw new AskdataError('sql_forbidden_table', `This kind of table source (${value.type}) is not allowed`);
  }
  if (value.class === 'PARAMETER')
    throw new AskdataError('sql_invalid', 'Query parameters are not supported');
  if (value.type === 'TABLE_FUNCTION' && isJson(value.function)) {
    const name = functionName(value.function);
    if (!allowedTableFunctions.duckdb.has(name)) refuseFunction(name, true);
    visit((value.function as Json).children, policy, cteNames);
    return;
  }
  if (value.type === 'BASE_TABLE' && typeof value.table_name === 'string') {
    const schema = typeof value.schema_name === 'string' && value.schema_name ? value.schema_name : undefined;
    const catalog =
      typeof value.catalog_name === 'string' && value.catalog_name ? value.catalog_name : undefined;
    if (!schema && !catalog && cteNames.has(value.table_name.toLowerCase())) return;
    policy.checkTable(value.table_name, [catalog, schema].filter(Boolean).join('.') || undefined, undefined);
  }
  if (value.class === 'FUNCTION' && typeof value.function_name === 'string') {
    const name = functionName(value);
    const operator = value.is_operator === true || /^[^a-z_]+$/.test(name);
    if (!operator && !syntaxFunctions.has(name) && !allowedFunctions.duckdb.has(name))
      refuseFunction(name, false);
  }
  for (const child of Object.values(value)) visit(child, policy, cteNames);
}

function functionName(node: Json): string {
  const name = typeof node.function_name === 'string' ? node.function_name.toLowerCase() : '';
  const schema = typeof node.schema === 'string' ? node.schema.toLowerCase() : '';
  return schema && schema !== 'main' && schema !== 'pg_catalog' ? `${schema}.${name}` : name;
}

function refuseFunction(name: string, inFrom: boolean): never {
  throw new AskdataError(
    'sql_forbidden_function',
    `The function \`${name}\` is not allowed${inFrom ? ' as a table source' : ''}: queries may only use analytic functions`,
    { details: { function: name } },
  );
}
