import { AskdataError, type TableSchema, type ValidatedSql } from '@askdata/core';
import { AccessPolicy } from './access-policy';
import { checkWithDuckdb } from './duckdb-check';
import { isJson, type Json } from './pg-tree';
import { sqlSpan, wordsLength } from './sql-span';
import type { DuckdbParse, ValidateOptions, ValidationResult } from './types';

/**
 * DuckDB SQL that PostgreSQL's grammar cannot read (`INTERVAL 1 YEAR`, QUALIFY, `* EXCLUDE`, list literals) is
 * validated on DuckDB's own tree: the same one-SELECT, function and table rules (`checkWithDuckdb`), column
 * permissions checked against every table of the query that has the column (flattened, so it may refuse
 * more than needed, never less), no masking (a masked column is refused: there is no deparser for this tree),
 * and the row cap applied by wrapping the statement, verified by parsing the wrapper again.
 */
export async function validateWithDuckdb(
  sql: string,
  options: ValidateOptions,
  parse: DuckdbParse,
): Promise<ValidationResult> {
  const policy = new AccessPolicy(options, sql);
  const tree = await parse(sql);
  if (!isJson(tree) || tree.error !== false) {
    const message =
      isJson(tree) && typeof tree.error_message === 'string' ? tree.error_message : 'not a query';
    if (/only select/i.test(message)) {
      const start = Math.max(0, sql.search(/\S/));
      throw new AskdataError(
        'sql_not_read_only',
        `Only read queries are allowed: this statement is not a SELECT${sqlSpan(sql, start, wordsLength(sql, start, 3))}`,
      );
    }
    throw new AskdataError('sql_invalid', `The query is not valid SQL: ${message}`);
  }
  await checkWithDuckdb(sql, async () => tree, policy);
  const node = statementNode(tree);
  const tables: Array<{ alias: string; schema: TableSchema | undefined; name: string }> = [];
  collectTables(node, policy, tables);
  checkColumns(node, tables, policy, sql);

  let finalSql = sql;
  if (options.maxRows !== undefined && !hasSmallLimit(node, options.maxRows)) {
    const body = sql.replace(/[\s;]+$/, '');
    finalSql = `SELECT * FROM (\n${body}\n) AS askdata_limited LIMIT ${options.maxRows}`;
    const wrapped = statementNode(await parse(finalSql));
    const from = isJson(wrapped.from_table) ? wrapped.from_table : undefined;
    const inner = isJson(from?.subquery) && isJson(from.subquery.node) ? from.subquery.node : undefined;
    if (from?.type !== 'SUBQUERY' || !inner || !sameNode(inner, node)) {
      throw new AskdataError('sql_invalid', 'The row cap could not be applied to this query safely.');
    }
  }
  return {
    sql: finalSql as ValidatedSql,
    statementType: 'select',
    parser: 'duckdb',
    tables: [...policy.tablesRead],
    columns: [...policy.columnsRead],
    maskedColumns: [],
    warnings: [],
  };
}

function statementNode(tree: unknown): Json {
  const statements = isJson(tree) && Array.isArray(tree.statements) ? tree.statements : [];
  const first = statements[0];
  if (statements.length !== 1 || !isJson(first) || !isJson(first.node)) {
    throw new AskdataError('sql_multiple_statements', 'Only one statement is allowed per query');
  }
  return first.node;
}

function collectTables(
  value: unknown,
  policy: AccessPolicy,
  tables: Array<{ alias: string; schema: TableSchema | undefined; name: string }>,
): void {
  if (Array.isArray(value)) {
    for (const item of value) collectTables(item, policy, tables);
    return;
  }
  if (!isJson(value)) return;
  if (value.type === 'BASE_TABLE' && typeof value.table_name === 'string') {
    const schemaName =
      typeof value.schema_name === 'string' && value.schema_name ? value.schema_name : undefined;
    const schema = policy.findTable(value.table_name, schemaName);
    const alias = typeof value.alias === 'string' && value.alias ? value.alias : value.table_name;
    tables.push({ alias: alias.toLowerCase(), schema, name: schema?.name ?? value.table_name });
  }
  for (const child of Object.values(value)) collectTables(child, policy, tables);
}

function checkColumns(
  value: unknown,
  tables: Array<{ alias: string; schema: TableSchema | undefined; name: string }>,
  policy: AccessPolicy,
  sql: string,
): void {
  if (Array.isArray(value)) {
    for (const item of value) checkColumns(item, tables, policy, sql);
    return;
  }
  if (!isJson(value)) return;
  const offset =
    typeof value.query_location === 'number' && value.query_location < sql.length
      ? value.query_location
      : undefined;
  if (value.class === 'STAR') {
    const relation = typeof value.relation_name === 'string' ? value.relation_name.toLowerCase() : '';
    for (const table of tables) {
      if (!relation || table.alias === relation) policy.checkStar(table.schema, table.name, offset);
    }
  }
  if (value.class === 'COLUMN_REF' && Array.isArray(value.column_names)) {
    const names = value.column_names.map((name) => String(name).toLowerCase());
    const column = names.at(-1) ?? '';
    const qualifier = names.length >= 2 ? names[names.length - 2] : undefined;
    const candidates = tables.filter((table) =>
      qualifier !== undefined
        ? table.alias === qualifier
        : !table.schema || table.schema.columns.some((candidate) => candidate.name.toLowerCase() === column),
    );
    if (qualifier === undefined && candidates.length === 0) {
      // A bare table alias is a whole-row reference.
      for (const table of tables)
        if (table.alias === column) policy.checkStar(table.schema, table.name, offset);
    }
    for (const table of candidates) {
      const actual = table.schema?.columns.find((candidate) => candidate.name.toLowerCase() === column)?.name;
      if (table.schema && !actual) continue;
      if (policy.checkColumn(table.name, actual ?? column, offset) === 'mask') {
        throw new AskdataError(
          'sql_forbidden_column',
          `Column \`${actual ?? column}\` can only be shown masked, which this DuckDB-specific query cannot do: write it in standard SQL${sqlSpan(sql, offset)}`,
        );
      }
    }
  }
  for (const child of Object.values(value)) checkColumns(child, tables, policy, sql);
}

function hasSmallLimit(node: Json, maxRows: number): boolean {
  const modifiers = Array.isArray(node.modifiers) ? node.modifiers : [];
  return modifiers.some((modifier) => {
    if (!isJson(modifier) || modifier.type !== 'LIMIT_MODIFIER' || modifier.offset !== null) return false;
    const limit = isJson(modifier.limit) ? modifier.limit : undefined;
    const value = isJson(limit?.value) ? limit.value.value : undefined;
    return limit?.class === 'CONSTANT' && typeof value === 'number' && value <= maxRows;
  });
}

/** Deep equality ignoring DuckDB's `query_location` offsets (the wrapper shifts them). */
function sameNode(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left)) {
    return (
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => sameNode(item, right[index]))
    );
  }
  if (!isJson(left) || !isJson(right)) return false;
  const keys = Object.keys(left).filter((key) => key !== 'query_location');
  if (keys.length !== Object.keys(right).filter((key) => key !== 'query_location').length) return false;
  return keys.every((key) => sameNode(left[key], right[key]));
}
