import { AskdataError, type DialectName } from '@askdata/core';
import { loadModule, parseSync } from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';
import type { AccessPolicy } from './access-policy';
import { findForeignLexeme } from './foreign-lexemes';
import { field, isJson, type Json, list, nodeType, notReadOnly, sameTreeShape } from './pg-tree';
import { type MaskSite, PgWalker } from './pg-walker';
import { sqlSpan } from './sql-span';
import type { StatementType } from './types';

let ready: Promise<void> | undefined;
let loaded = false;

/** libpg-query is WebAssembly: it must be loaded once before the synchronous parser can run. */
export function loadPgParser(): Promise<void> {
  ready ??= loadModule().then(() => {
    loaded = true;
  });
  return ready;
}

/** The masking expression per dialect; `askdata_mask_target` is replaced by the masked column. */
const maskTemplates: Record<'postgres' | 'duckdb' | 'sqlite', string> = {
  postgres: `SELECT CASE WHEN strpos(CAST(askdata_mask_target AS text), '@') > 1 THEN substr(CAST(askdata_mask_target AS text), 1, 2) || '***' || substr(CAST(askdata_mask_target AS text), strpos(CAST(askdata_mask_target AS text), '@')) ELSE substr(CAST(askdata_mask_target AS text), 1, 2) || '***' END`,
  duckdb: `SELECT CASE WHEN strpos(CAST(askdata_mask_target AS text), '@') > 1 THEN substr(CAST(askdata_mask_target AS text), 1, 2) || '***' || substr(CAST(askdata_mask_target AS text), strpos(CAST(askdata_mask_target AS text), '@')) ELSE substr(CAST(askdata_mask_target AS text), 1, 2) || '***' END`,
  // SQLite's instr/substr take any value as text, and its grammar has no `::` cast that the deparser writes.
  sqlite: `SELECT CASE WHEN instr(askdata_mask_target, '@') > 1 THEN substr(askdata_mask_target, 1, 2) || '***' || substr(askdata_mask_target, instr(askdata_mask_target, '@')) ELSE substr(askdata_mask_target, 1, 2) || '***' END`,
};

export interface PgOutcome {
  sql: string;
  statementType: StatementType;
  parser: 'libpg-query';
}

type PgDialect = Exclude<DialectName, 'mysql'>;

/**
 * Validates with the real PostgreSQL grammar. For DuckDB and SQLite this accepts the PostgreSQL-compatible
 * subset; text the grammar reads differently from those engines (nested comments, dollar quotes, E'' strings)
 * is refused before parsing so both sides see the same statement.
 */
export function validateWithPg(
  sql: string,
  dialect: PgDialect,
  policy: AccessPolicy,
  maxRows?: number,
  maxCartesianRows?: number,
): PgOutcome {
  if (dialect !== 'postgres') refuseForeignLexemes(sql, dialect);
  const tree = parseTree(sql);
  const statements = list(tree, 'stmts');
  if (statements.length === 0) throw new AskdataError('sql_invalid', 'The query is empty.');
  if (statements.length > 1) {
    const second = statements[1];
    const offset =
      isJson(second) && typeof second.stmt_location === 'number' ? second.stmt_location : undefined;
    throw new AskdataError(
      'sql_multiple_statements',
      `Only one statement is allowed per query${sqlSpan(sql, offset)}`,
    );
  }
  const entry = statements[0] as Json;
  const start = typeof entry.stmt_location === 'number' ? entry.stmt_location : 0;
  const end = typeof entry.stmt_len === 'number' && entry.stmt_len > 0 ? start + entry.stmt_len : sql.length;
  const typed = nodeType(entry.stmt);
  if (!typed) throw new AskdataError('sql_invalid', 'The query could not be understood.');
  const [type, body] = typed;
  if (type !== 'SelectStmt') throw notReadOnly(sql, type, start);
  const walker = new PgWalker(sql, dialect, policy, maxCartesianRows);
  walker.select(body, [], new Map());
  const statementType: StatementType = body.valuesLists !== undefined ? 'values' : 'select';

  if (walker.maskSites.length > 0) {
    applyMasks(walker.maskSites, dialect);
    if (maxRows !== undefined) setLimit(body, maxRows);
    const rewritten = deparseSync(
      { version: tree.version, stmts: [{ stmt: { SelectStmt: body } }] } as never,
      {
        pretty: false,
      },
    );
    return { sql: rewritten, statementType, parser: 'libpg-query' };
  }
  if (maxRows === undefined) return { sql: sql.slice(0, end), statementType, parser: 'libpg-query' };
  return { sql: capRows(sql.slice(0, end), tree, body, maxRows), statementType, parser: 'libpg-query' };
}

function parseTree(sql: string): Json {
  if (!loaded) {
    // Without this, the unloaded module's error would read as a syntax error in the person's SQL.
    throw new AskdataError(
      'internal',
      'The SQL parser is not loaded: await loadPgParser() before validateSqlSync().',
    );
  }
  try {
    return parseSync(sql) as unknown as Json;
  } catch (error) {
    const cursor = isJson(error) && isJson(error.sqlDetails) ? error.sqlDetails.cursorPosition : undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AskdataError(
      'sql_invalid',
      `The query is not valid SQL: ${reason}${sqlSpan(sql, typeof cursor === 'number' ? cursor : undefined)}`,
      { cause: error },
    );
  }
}

function refuseForeignLexemes(sql: string, dialect: PgDialect): void {
  const found = findForeignLexeme(sql);
  if (found) {
    throw new AskdataError(
      'sql_invalid',
      `This syntax is read differently by ${dialect} and is not accepted${sqlSpan(sql, found.offset, found.length)}`,
    );
  }
}

const templateCache = new Map<PgDialect, Json>();

function maskTemplate(dialect: PgDialect): Json {
  const cached = templateCache.get(dialect);
  if (cached) return cached;
  const parsed = parseSync(maskTemplates[dialect]) as unknown as Json;
  const select = nodeType((list(parsed, 'stmts')[0] as Json).stmt)?.[1];
  const target = field(list(select, 'targetList')[0] as Json, 'ResTarget');
  const expression = target?.val as Json;
  templateCache.set(dialect, expression);
  return expression;
}

function applyMasks(sites: MaskSite[], dialect: PgDialect): void {
  const template = maskTemplate(dialect);
  for (const site of sites) {
    const original = (site.container as Record<string | number, unknown>)[site.key];
    const replaced = substitute(structuredClone(template), original);
    (site.container as Record<string | number, unknown>)[site.key] = replaced;
  }
}

function substitute(value: unknown, column: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, column));
  if (!isJson(value)) return value;
  const typed = nodeType(value);
  if (typed && typed[0] === 'ColumnRef') return structuredClone(column);
  const copy: Json = {};
  for (const [key, child] of Object.entries(value)) copy[key] = substitute(child, column);
  return copy;
}

function constantLimit(body: Json): { value: number; offset: number | undefined } | undefined {
  const limit = field(body, 'limitCount');
  const constant = field(limit, 'A_Const');
  if (!constant || body.limitOption !== 'LIMIT_OPTION_COUNT') return undefined;
  const ival = field(constant, 'ival');
  if (!ival) return undefined;
  const value = typeof ival.ival === 'number' ? ival.ival : 0;
  return { value, offset: typeof constant.location === 'number' ? constant.location : undefined };
}

function setLimit(body: Json, maxRows: number): void {
  const existing = constantLimit(body);
  if (existing && existing.value <= maxRows) return;
  body.limitCount = { A_Const: { ival: { ival: maxRows } } };
  body.limitOption = 'LIMIT_OPTION_COUNT';
}

/**
 * The row cap is decided on the tree (is there a LIMIT at the top, how big) and written into the text the
 * person wrote, so the SQL that runs reads as theirs. The result is parsed again and must be the same tree
 * with the cap: if it is not, the regenerated SQL is used instead.
 */
function capRows(statement: string, tree: Json, body: Json, maxRows: number): string {
  const existing = constantLimit(body);
  if (existing && existing.value <= maxRows) return statement;
  let candidate: string | undefined;
  if (body.limitCount === undefined && body.limitOffset === undefined) {
    candidate = `${statement}\nLIMIT ${maxRows}`;
  } else if (existing?.offset !== undefined) {
    const digits = /^\d+/.exec(statement.slice(existing.offset))?.[0];
    if (digits) {
      candidate = `${statement.slice(0, existing.offset)}${maxRows}${statement.slice(existing.offset + digits.length)}`;
    }
  }
  setLimit(body, maxRows);
  if (candidate !== undefined && sameTree(candidate, body)) return candidate;
  return deparseSync({ version: tree.version, stmts: [{ stmt: { SelectStmt: body } }] } as never, {
    pretty: false,
  });
}

function sameTree(candidate: string, expected: Json): boolean {
  try {
    const reparsed = list(parseSync(candidate) as unknown as Json, 'stmts');
    if (reparsed.length !== 1) return false;
    const typed = nodeType((reparsed[0] as Json).stmt);
    return typed?.[0] === 'SelectStmt' && sameTreeShape(typed[1], expected);
  } catch {
    return false;
  }
}
