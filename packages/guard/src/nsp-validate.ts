import { AskdataError, type TableSchema } from '@askdata/core';
import nodeSqlParser from 'node-sql-parser';
import type { AccessPolicy } from './access-policy';
import { refuseBigqueryLexemes } from './bigquery-lexemes';
import { defaultMaxCartesianRows } from './cartesian-check';
import { allowedFunctions } from './function-allowlist';
import { checkNspCartesian } from './nsp-cartesian';
import { isJson, type Json } from './pg-tree';
import { sqlSpan, wordsLength } from './sql-span';
import type { StatementType } from './types';

const parser = new nodeSqlParser.Parser();

/** node-sql-parser grammar names; SQLite reaches this parser only for syntax PostgreSQL's grammar lacks. */
const grammars: Record<NspDialect, string> = {
  mysql: 'mariadb',
  bigquery: 'bigquery',
  sqlite: 'sqlite',
  'sqlite-compound': 'postgresql',
};

/** `sqlite-compound` is SQLite text read with the PostgreSQL grammar (INTERSECT/EXCEPT after a JOIN without ON). */
export type NspDialect = 'mysql' | 'bigquery' | 'sqlite' | 'sqlite-compound';
type FunctionDialect = 'mysql' | 'bigquery' | 'sqlite';

/** Node `type` values that denote a statement or a side effect rather than an expression. */
const forbiddenTypes: Record<string, string> = {
  insert: 'would insert rows',
  replace: 'would replace rows',
  update: 'would update rows',
  delete: 'would delete rows',
  create: 'would create objects',
  drop: 'would drop objects',
  alter: 'would alter objects',
  truncate: 'would empty a table',
  rename: 'would rename objects',
  use: 'would switch databases',
  set: 'would change a setting',
  lock: 'would lock tables',
  unlock: 'would unlock tables',
  grant: 'would change permissions',
  revoke: 'would change permissions',
  show: 'would show server state',
  desc: 'would describe objects',
  call: 'would call a procedure',
  transaction: 'would control transactions',
  load_data: 'would read a file',
  explain: 'is an EXPLAIN (use the dry run instead)',
  declare: 'would declare variables',
  exec: 'would execute a procedure',
  execute: 'would execute a prepared statement',
  attach: 'would attach a database',
  var: 'reads or assigns a server variable',
  assign: 'assigns a variable',
};

const maskTemplates: Record<FunctionDialect, string> = {
  mysql: `SELECT CASE WHEN LOCATE('@', CAST(askdata_mask_target AS CHAR)) > 1 THEN CONCAT(SUBSTRING(CAST(askdata_mask_target AS CHAR), 1, 2), '***', SUBSTRING(CAST(askdata_mask_target AS CHAR), LOCATE('@', CAST(askdata_mask_target AS CHAR)))) ELSE CONCAT(SUBSTRING(CAST(askdata_mask_target AS CHAR), 1, 2), '***') END`,
  bigquery: `SELECT CASE WHEN STRPOS(CAST(askdata_mask_target AS STRING), '@') > 1 THEN CONCAT(SUBSTR(CAST(askdata_mask_target AS STRING), 1, 2), '***', SUBSTR(CAST(askdata_mask_target AS STRING), STRPOS(CAST(askdata_mask_target AS STRING), '@'))) ELSE CONCAT(SUBSTR(CAST(askdata_mask_target AS STRING), 1, 2), '***') END`,
  sqlite: `SELECT CASE WHEN instr(CAST(askdata_mask_target AS TEXT), '@') > 1 THEN substr(CAST(askdata_mask_target AS TEXT), 1, 2) || '***' || substr(CAST(askdata_mask_target AS TEXT), instr(CAST(askdata_mask_target AS TEXT), '@')) ELSE substr(CAST(askdata_mask_target AS TEXT), 1, 2) || '***' END`,
};

interface Collected {
  tables: Array<{ alias: string; name: string; schema: TableSchema | undefined }>;
  columns: Array<{ node: Json; holder: Json | unknown[]; key: string | number }>;
  stars: Array<string | null>;
  /** "…" text: a string in MySQL's default mode but an identifier under ANSI_QUOTES, so checked as both. */
  quoted: string[];
  maxCartesianRows: number;
  /** The original text, only to point errors at a span (node-sql-parser keeps no positions). */
  sql: string;
}

function columnName(node: Json): string {
  const column = node.column;
  if (typeof column === 'string') return column;
  if (isJson(column) && isJson(column.expr) && typeof column.expr.value === 'string')
    return column.expr.value;
  return '';
}

/**
 * Validates with node-sql-parser (MySQL/MariaDB, and SQLite syntax that PostgreSQL's grammar cannot read).
 * Scoping is flattened: a column is checked against every table of the query that could hold it, which can
 * refuse more than needed but never less.
 */
export function validateWithNsp(
  sql: string,
  nspDialect: NspDialect,
  policy: AccessPolicy,
  maxRows?: number,
  maxCartesianRows = defaultMaxCartesianRows,
): { sql: string; statementType: StatementType; parser: 'node-sql-parser' } {
  const database = grammars[nspDialect];
  const dialect: FunctionDialect = nspDialect === 'sqlite-compound' ? 'sqlite' : nspDialect;
  if (dialect === 'mysql' && hasExecutableComment(sql)) {
    // MySQL runs the text of `/*! … */` comments that every other parser skips.
    throw new AskdataError('sql_invalid', 'MySQL executable comments (/*! … */) are not accepted');
  }
  if (dialect === 'bigquery') refuseBigqueryLexemes(sql);
  let parsed: unknown;
  try {
    parsed = parser.astify(sql, { database });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AskdataError('sql_invalid', `The query is not valid SQL: ${reason}`, { cause: error });
  }
  const statements = (Array.isArray(parsed) ? parsed : [parsed]).filter(isJson);
  if (statements.length === 0) throw new AskdataError('sql_invalid', 'The query is empty.');
  if (statements.length > 1)
    throw new AskdataError('sql_multiple_statements', 'Only one statement is allowed per query');
  const ast = statements[0] as Json;
  if (ast.type !== 'select') {
    const effect = forbiddenTypes[String(ast.type)] ?? 'is not a read query';
    const start = sql.search(/\S/);
    throw new AskdataError(
      'sql_not_read_only',
      `Only read queries are allowed: this statement ${effect}${sqlSpan(sql, start, wordsLength(sql, start, 3))}`,
    );
  }
  const collected: Collected = { tables: [], columns: [], stars: [], quoted: [], maxCartesianRows, sql };
  const cteNames = new Set<string>();
  walk(ast, dialect, policy, collected, cteNames, { holder: [], key: 0 });

  const masked: Array<{ node: Json; holder: Json | unknown[]; key: string | number }> = [];
  for (const site of collected.columns) {
    if (checkColumn(site.node, collected, policy, wordOffset(sql, columnName(site.node))) === 'mask')
      masked.push(site);
  }
  for (const name of collected.quoted) {
    const node = { type: 'column_ref', table: null, column: name };
    if (checkColumn(node, collected, policy, wordOffset(sql, name)) === 'mask') {
      throw new AskdataError(
        'sql_forbidden_column',
        `Column \`${name}\` can only be shown masked: write it without quotes`,
      );
    }
  }
  for (const qualifier of collected.stars) {
    for (const table of collected.tables) {
      if (qualifier === null || qualifier.toLowerCase() === table.alias)
        policy.checkStar(table.schema, table.name, wordOffset(sql, '*'));
    }
  }
  let changed = false;
  if (masked.length > 0) {
    const template = maskExpression(dialect);
    for (const site of masked) {
      const replacement = substitute(structuredClone(template), site.node);
      (site.holder as Record<string | number, unknown>)[site.key] = replacement;
      // Keep the output name of a bare masked column.
      if (
        !Array.isArray(site.holder) &&
        site.key === 'expr' &&
        'as' in site.holder &&
        site.holder.as === null
      ) {
        site.holder.as = columnName(site.node);
      }
    }
    changed = true;
  }
  if (dialect === 'bigquery' && !changed && maxRows !== undefined) {
    // The BigQuery printer drops back-quotes from column names, so the cap is written as text instead.
    return { sql: capBigqueryAsText(sql, ast, maxRows), statementType: 'select', parser: 'node-sql-parser' };
  }
  if (maxRows !== undefined && capRows(ast, maxRows)) changed = true;
  if (!changed) return { sql, statementType: 'select', parser: 'node-sql-parser' };
  const rewritten = parser.sqlify(ast as never, { database });
  // The regenerated text is parsed again: what runs must itself pass the structural rules.
  const check = parser.astify(rewritten, { database });
  if (Array.isArray(check) && check.length !== 1)
    throw new AskdataError('internal', 'Rewriting the query failed.');
  return { sql: rewritten, statementType: 'select', parser: 'node-sql-parser' };
}

function walk(
  value: unknown,
  dialect: FunctionDialect,
  policy: AccessPolicy,
  collected: Collected,
  cteNames: Set<string>,
  place: { holder: Json | unknown[]; key: string | number },
): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      walk(item, dialect, policy, collected, cteNames, { holder: value, key: index });
    }
    return;
  }
  if (!isJson(value)) return;
  const type = typeof value.type === 'string' ? value.type : undefined;
  if (type && type !== 'select' && forbiddenTypes[type]) {
    throw new AskdataError(
      'sql_not_read_only',
      `Only read queries are allowed: this statement ${forbiddenTypes[type]}${sqlSpan(collected.sql, wordOffset(collected.sql, type))}`,
    );
  }
  if (type === 'select') {
    if (isJson(value.into) && value.into.position !== null && value.into.position !== undefined) {
      throw new AskdataError(
        'sql_not_read_only',
        'Only read queries are allowed: SELECT … INTO would write a file or variable',
      );
    }
    if (value.locking_read) {
      throw new AskdataError(
        'sql_not_read_only',
        'Only read queries are allowed: FOR UPDATE/SHARE would lock rows',
      );
    }
    for (const cte of Array.isArray(value.with) ? value.with : []) {
      const name = isJson(cte) && isJson(cte.name) ? cte.name.value : undefined;
      if (typeof name === 'string') cteNames.add(name.toLowerCase());
    }
    checkNspCartesian(value, policy, collected.maxCartesianRows);
    for (const item of Array.isArray(value.from) ? value.from : []) {
      if (!isJson(item)) continue;
      if (typeof item.table === 'string') {
        const { name, namespace } = tableReference(item.table, item.db, dialect);
        const alias = (typeof item.as === 'string' ? item.as : name).toLowerCase();
        if (!namespace && cteNames.has(name.toLowerCase())) continue;
        const schema = policy.checkTable(name, namespace, wordOffset(collected.sql, name));
        collected.tables.push({ alias, name: schema?.name ?? name, schema });
      } else if (isJson(item.expr) && !isJson(item.expr.ast) && item.expr.type !== 'select') {
        throw new AskdataError('sql_forbidden_function', 'Table functions are not allowed in FROM');
      }
    }
  }
  if (type === 'function' || type === 'aggr_func') {
    const name = functionName(value);
    if (!allowedFunctions[dialect].has(name)) {
      throw new AskdataError(
        'sql_forbidden_function',
        `The function \`${name}\` is not allowed: queries may only use analytic functions${sqlSpan(collected.sql, wordOffset(collected.sql, name.split('.').at(-1) ?? name))}`,
        { details: { function: name } },
      );
    }
  }
  if (type === 'double_quote_string' && dialect === 'mysql' && typeof value.value === 'string') {
    collected.quoted.push(value.value);
  }
  if (type === 'column_ref') {
    const name = columnName(value);
    if (name === '*') collected.stars.push(typeof value.table === 'string' ? value.table : null);
    else collected.columns.push({ node: value, holder: place.holder, key: place.key });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    walk(child, dialect, policy, collected, cteNames, { holder: value, key });
  }
}

/** BigQuery writes `project.dataset.table` inside one pair of back-quotes; the last part is the table. */
function tableReference(
  table: string,
  db: unknown,
  dialect: FunctionDialect,
): { name: string; namespace: string | undefined } {
  const parts = dialect === 'bigquery' ? table.split('.') : [table];
  const name = parts.pop() ?? table;
  const namespace = [typeof db === 'string' && db !== '' ? db : undefined, ...parts]
    .filter(Boolean)
    .join('.');
  return { name, namespace: namespace || undefined };
}

/** Appends the cap to a plain SELECT, or wraps anything else in a capped subquery; the result is parsed again. */
function capBigqueryAsText(sql: string, ast: Json, maxRows: number): string {
  const limit = isJson(ast.limit) ? ast.limit : undefined;
  const values = Array.isArray(limit?.value) ? limit.value : [];
  const count = values[limit?.seperator === ',' ? 1 : 0];
  if (isJson(count) && typeof count.value === 'number' && count.value <= maxRows && values.length === 1)
    return sql;
  const trimmed = sql.replace(/[\s;]+$/u, '');
  const candidate =
    values.length === 0 && !ast._next
      ? `${trimmed}\nLIMIT ${maxRows}`
      : `SELECT * FROM (\n${trimmed}\n) AS askdata_limited\nLIMIT ${maxRows}`;
  let check: unknown;
  try {
    check = parser.astify(candidate, { database: 'bigquery' });
  } catch (error) {
    throw new AskdataError('internal', 'Writing the row cap into the query failed.', { cause: error });
  }
  const statement = Array.isArray(check) ? (check.length === 1 ? check[0] : undefined) : check;
  const written = isJson(statement) && isJson(statement.limit) ? statement.limit.value : undefined;
  const value = Array.isArray(written) && isJson(written[0]) ? written[0].value : undefined;
  if (value !== maxRows) throw new AskdataError('internal', 'Writing the row cap into the query failed.');
  return candidate;
}

function functionName(node: Json): string {
  if (typeof node.name === 'string') return node.name.toLowerCase();
  const parts = isJson(node.name) && Array.isArray(node.name.name) ? node.name.name : [];
  // The BigQuery grammar puts a one-part name (and a routine's dataset) in `schema`.
  const schema = isJson(node.name) && isJson(node.name.schema) ? [node.name.schema] : [];
  return [...schema, ...parts]
    .map((part) => (isJson(part) && typeof part.value === 'string' ? part.value.toLowerCase() : ''))
    .join('.');
}

function checkColumn(
  node: Json,
  collected: Collected,
  policy: AccessPolicy,
  offset: number | undefined,
): 'allow' | 'mask' {
  const column = columnName(node).toLowerCase();
  const qualifier = typeof node.table === 'string' ? node.table.toLowerCase() : undefined;
  const candidates = collected.tables.filter((table) =>
    qualifier !== undefined
      ? table.alias === qualifier || table.name.toLowerCase() === qualifier
      : !table.schema || table.schema.columns.some((candidate) => candidate.name.toLowerCase() === column),
  );
  let decision: 'allow' | 'mask' = 'allow';
  for (const table of candidates) {
    const actual =
      table.schema?.columns.find((candidate) => candidate.name.toLowerCase() === column)?.name ?? column;
    if (table.schema && !table.schema.columns.some((candidate) => candidate.name.toLowerCase() === column))
      continue;
    if (policy.checkColumn(table.name, actual, offset) === 'mask') decision = 'mask';
  }
  return decision;
}

const templates = new Map<string, Json>();

function maskExpression(dialect: FunctionDialect): Json {
  const cached = templates.get(dialect);
  if (cached) return cached;
  const ast = parser.astify(maskTemplates[dialect], { database: grammars[dialect] }) as unknown as Json;
  const columns = Array.isArray(ast.columns) ? ast.columns : [];
  const expression = (columns[0] as Json).expr as Json;
  templates.set(dialect, expression);
  return expression;
}

function substitute(value: unknown, column: Json): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, column));
  if (!isJson(value)) return value;
  if (value.type === 'column_ref') return structuredClone(column);
  const copy: Json = {};
  for (const [key, child] of Object.entries(value)) copy[key] = substitute(child, column);
  return copy;
}

/** Writes the cap into the tree; a set operation is wrapped so the cap applies to the whole result. */
function capRows(ast: Json, maxRows: number): boolean {
  const cap = { seperator: '', value: [{ type: 'number', value: maxRows }] };
  if (ast._next) {
    const inner = { ...ast };
    for (const key of Object.keys(ast)) delete ast[key];
    Object.assign(ast, {
      with: null,
      type: 'select',
      options: null,
      distinct: null,
      columns: [{ expr: { type: 'column_ref', table: null, column: '*' }, as: null }],
      into: { position: null },
      from: [{ expr: { ast: inner, parentheses: true }, as: 'askdata_limited' }],
      where: null,
      groupby: null,
      having: null,
      orderby: null,
      limit: cap,
    });
    return true;
  }
  const limit = isJson(ast.limit) ? ast.limit : undefined;
  const values = Array.isArray(limit?.value) ? limit.value : [];
  if (values.length === 0) {
    ast.limit = cap;
    return true;
  }
  const countIndex = limit?.seperator === ',' ? 1 : 0;
  const count = values[countIndex];
  if (isJson(count) && typeof count.value === 'number' && count.value <= maxRows) return false;
  values[countIndex] = { type: 'number', value: maxRows };
  return true;
}

/** True when a block comment outside quotes starts with `!` or `M!` (MySQL/MariaDB run those). */
export function hasExecutableComment(sql: string): boolean {
  let quote: string | undefined;
  for (let index = 0; index < sql.length; index += 1) {
    const char = sql[index];
    if (quote) {
      if (char === '\\' && quote !== '`') index += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '#' || (char === '-' && sql[index + 1] === '-')) {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end;
    } else if (char === '/' && sql[index + 1] === '*') {
      if (sql[index + 2] === '!' || (sql[index + 2] === 'M' && sql[index + 3] === '!')) return true;
      const end = sql.indexOf('*/', index + 2);
      index = end < 0 ? sql.length : end + 1;
    }
  }
  return false;
}

/** Where a name first appears as a whole word: only to show the span, never to decide anything. */
function wordOffset(sql: string, word: string): number | undefined {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(word === '*' ? '\\*' : `(?<![\\w$])${escaped}(?![\\w$])`, 'i').exec(sql);
  return match ? match.index : undefined;
}
