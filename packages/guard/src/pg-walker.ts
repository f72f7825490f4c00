import { AskdataError, type DialectName, type TableSchema } from '@askdata/core';
import type { AccessPolicy } from './access-policy';
import { checkCartesian, defaultMaxCartesianRows } from './cartesian-check';
import { allowedFunctions, allowedTableFunctions } from './function-allowlist';
import {
  field,
  isJson,
  isWriteStatement,
  type Json,
  list,
  location,
  nodeType,
  notReadOnly,
  stringItems,
  text,
} from './pg-tree';
import { sqlSpan } from './sql-span';
import { sqliteKeywordFunctions } from './sqlite-keyword-functions';

interface ScopeEntry {
  alias: string;
  kind: 'table' | 'derived';
  table?: TableSchema;
  tableName?: string;
  /** Output columns of a derived table or CTE, when known. */
  columns?: string[];
  /** The tables inside an aliased join, which answer for `alias.column`. */
  members?: ScopeEntry[];
}
type Scope = ScopeEntry[];
type Ctes = ReadonlyMap<string, string[] | undefined>;

/** A column reference to wrap in the masking expression once the walk is over. */
export interface MaskSite {
  container: Json | unknown[];
  key: string | number;
}

/**
 * Walks a libpg-query tree (PostgreSQL, and the PostgreSQL-compatible subset of DuckDB and SQLite) and
 * enforces the read-only, function, table and column rules. Every node is visited: a rule that only
 * looked at known places would miss the unknown ones.
 */
export class PgWalker {
  readonly maskSites: MaskSite[] = [];
  private readonly functions: ReadonlySet<string>;
  private readonly tableFunctions: ReadonlySet<string>;

  constructor(
    private readonly sql: string,
    private readonly dialect: DialectName,
    private readonly policy: AccessPolicy,
    private readonly maxCartesianRows = defaultMaxCartesianRows,
  ) {
    this.functions = allowedFunctions[dialect];
    this.tableFunctions = allowedTableFunctions[dialect];
  }

  /** Checks one SELECT (with its CTEs, set operations and subqueries); returns its output column names. */
  select(node: Json, outer: Scope[], ctes: Ctes): string[] | undefined {
    const into = field(node, 'intoClause');
    if (into) throw notReadOnly(this.sql, 'CreateTableAsStmt', location(field(into, 'rel')), 2);
    if (list(node, 'lockingClause').length > 0) {
      throw new AskdataError(
        'sql_not_read_only',
        'Only read queries are allowed: FOR UPDATE/SHARE would lock rows',
      );
    }
    const localCtes = new Map(ctes);
    const withClause = field(node, 'withClause');
    if (withClause?.recursive === true) {
      // A recursive CTE can loop without end; analytic questions do not need one and the time limit is a backstop.
      throw new AskdataError(
        'sql_too_expensive',
        `Recursive queries are not allowed${sqlSpan(this.sql, location(withClause))}`,
      );
    }
    for (const item of list(withClause, 'ctes')) {
      const cte = field(isJson(item) ? item : undefined, 'CommonTableExpr');
      const name = (text(cte, 'ctename') ?? '').toLowerCase();
      const query = nodeType(cte?.ctequery);
      if (query?.[0] !== 'SelectStmt') {
        // Point at the inner statement (`DELETE FROM orders`), which starts after the CTE's parenthesis.
        const cteStart = location(cte) ?? 0;
        const open = this.sql.indexOf('(', cteStart);
        const inner = open < 0 ? cteStart : open + 1 + Math.max(0, this.sql.slice(open + 1).search(/\S/));
        throw notReadOnly(this.sql, query?.[0] ?? 'unknown', inner);
      }
      const columns = this.select(query[1], outer, localCtes);
      const named = stringItems(list(cte, 'aliascolnames')).map((column) => column.toLowerCase());
      localCtes.set(name, named.length > 0 ? named : columns);
    }
    const op = text(node, 'op');
    if (op && op !== 'SETOP_NONE') {
      const left = field(node, 'larg');
      const right = field(node, 'rarg');
      const columns = left ? this.select(left, outer, localCtes) : undefined;
      if (right) this.select(right, outer, localCtes);
      for (const key of ['sortClause', 'limitCount', 'limitOffset'])
        this.walk(node[key], [[], ...outer], localCtes, node, key);
      return columns;
    }
    if (node.valuesLists !== undefined) {
      this.walk(node.valuesLists, outer, localCtes, node, 'valuesLists');
      return undefined;
    }
    const scope: Scope = [];
    for (const item of list(node, 'fromClause')) this.fromItem(item, scope, outer, localCtes);
    checkCartesian(
      this.sql,
      node,
      (name, namespace) => this.policy.findTable(name, namespace),
      this.maxCartesianRows,
    );
    const scopes = [scope, ...outer];
    const columns: string[] = [];
    for (const item of list(node, 'targetList')) {
      const target = field(isJson(item) ? item : undefined, 'ResTarget');
      if (!target) continue;
      const ref = field(target, 'val') && nodeType(target.val);
      const fields = ref && ref[0] === 'ColumnRef' ? list(ref[1], 'fields') : [];
      if (fields.some((part) => isJson(part) && 'A_Star' in part)) {
        this.star(stringItems(fields), scope, location(ref?.[1]));
        continue;
      }
      this.walk(target.val, scopes, localCtes, target, 'val');
      const named = text(target, 'name') ?? stringItems(fields).at(-1);
      if (named) columns.push(named.toLowerCase());
    }
    for (const key of [
      'distinctClause',
      'whereClause',
      'groupClause',
      'havingClause',
      'windowClause',
      'sortClause',
      'limitCount',
      'limitOffset',
    ]) {
      this.walk(node[key], scopes, localCtes, node, key);
    }
    return columns;
  }

  private fromItem(item: unknown, scope: Scope, outer: Scope[], ctes: Ctes): void {
    const typed = nodeType(item);
    if (!typed) return;
    const [type, body] = typed;
    const alias = text(field(body, 'alias'), 'aliasname')?.toLowerCase();
    if (type === 'RangeVar') {
      const name = text(body, 'relname') ?? '';
      const namespace =
        [text(body, 'catalogname'), text(body, 'schemaname')].filter(Boolean).join('.') || undefined;
      if (!namespace && ctes.has(name.toLowerCase())) {
        scope.push({
          alias: alias ?? name.toLowerCase(),
          kind: 'derived',
          columns: ctes.get(name.toLowerCase()),
        });
        return;
      }
      const table = this.policy.checkTable(name, namespace, location(body));
      scope.push({
        alias: alias ?? name.toLowerCase(),
        kind: 'table',
        table,
        tableName: table?.name ?? name,
      });
      return;
    }
    if (type === 'JoinExpr') {
      const before = scope.length;
      this.fromItem(body.larg, scope, outer, ctes);
      this.fromItem(body.rarg, scope, outer, ctes);
      if (alias !== undefined) {
        // `(a JOIN b) AS j` hides a and b: `j.column` must resolve to the tables inside the join.
        const members = scope.splice(before);
        scope.push({ alias, kind: 'derived', members });
        scope.push(...members.map((member) => ({ ...member, alias: `\u0000${member.alias}` })));
      }
      if (body.isNatural === true && this.policy.hasColumnPolicy) {
        throw new AskdataError(
          'sql_invalid',
          'NATURAL JOIN cannot be checked against column permissions: join with ON',
        );
      }
      for (const column of stringItems(list(body, 'usingClause'))) this.usingColumn(column, scope);
      this.walk(body.quals, [scope, ...outer], ctes, body, 'quals');
      return;
    }
    if (type === 'RangeSubselect') {
      const query = nodeType(body.subquery);
      if (query?.[0] !== 'SelectStmt') throw notReadOnly(this.sql, query?.[0] ?? 'unknown', undefined);
      const columns = this.select(query[1], body.lateral === true ? [scope, ...outer] : outer, ctes);
      const named = stringItems(list(field(body, 'alias'), 'colnames')).map((column) => column.toLowerCase());
      scope.push({ alias: alias ?? '', kind: 'derived', columns: named.length > 0 ? named : columns });
      return;
    }
    if (type === 'RangeFunction') {
      for (const entry of list(body, 'functions')) {
        for (const part of list(field(isJson(entry) ? entry : undefined, 'List'), 'items')) {
          const call = nodeType(part);
          if (!call) continue;
          const keywordTable = this.sqliteKeywordName(call);
          if (keywordTable !== undefined) {
            // SQLite reads `FROM user` as the table "user"; PostgreSQL's grammar reads a function.
            const table = this.policy.checkTable(keywordTable, undefined, location(call[1]));
            scope.push({
              alias: alias ?? keywordTable,
              kind: 'table',
              table,
              tableName: table?.name ?? keywordTable,
            });
            return;
          }
          if (call[0] !== 'FuncCall') throw this.forbiddenFunction(call[0], location(call[1]));
          const name = this.functionName(call[1]);
          if (!this.tableFunctions.has(name)) throw this.forbiddenFunction(name, location(call[1]), true);
          this.walk(call[1].args, [scope, ...outer], ctes, call[1], 'args');
        }
      }
      scope.push({ alias: alias ?? '', kind: 'derived' });
      return;
    }
    if (type === 'RangeTableSample') {
      this.fromItem(body.relation, scope, outer, ctes);
      this.walk(body.args, [scope, ...outer], ctes, body, 'args');
      return;
    }
    throw new AskdataError(
      'sql_invalid',
      `This kind of FROM item (${type}) is not supported${sqlSpan(this.sql, location(body))}`,
    );
  }

  /** The generic visit: every object and array is entered, typed nodes get their rule. */
  private walk(
    value: unknown,
    scopes: Scope[],
    ctes: Ctes,
    container: Json | unknown[],
    key: string | number,
  ): void {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) this.walk(item, scopes, ctes, value, index);
      return;
    }
    if (!isJson(value)) return;
    const typed = nodeType(value);
    if (!typed) {
      for (const [name, child] of Object.entries(value)) this.walk(child, scopes, ctes, value, name);
      return;
    }
    const [type, body] = typed;
    if (type === 'SelectStmt') {
      this.select(body, scopes, ctes);
      return;
    }
    if (isWriteStatement(type)) throw notReadOnly(this.sql, type, location(body));
    if (type === 'FuncCall') {
      const name = this.functionName(body);
      if (!this.functions.has(name)) throw this.forbiddenFunction(name, location(body));
    } else if (type === 'ColumnRef') {
      this.column(body, scopes, container, key);
      return;
    } else if (this.sqliteKeywordName(typed) !== undefined) {
      // In SQLite `user` is an ordinary column name.
      const name = this.sqliteKeywordName(typed) ?? '';
      this.column({ fields: [{ String: { sval: name } }], location: location(body) }, scopes, container, key);
      return;
    } else if (type === 'ParamRef') {
      throw new AskdataError(
        'sql_invalid',
        `Query parameters are not supported${sqlSpan(this.sql, location(body))}`,
      );
    } else if (type === 'TypeCast' || type === 'TypeName') {
      const typeName = type === 'TypeName' ? body : field(body, 'typeName');
      const names = stringItems(list(typeName, 'names')).map((name) => name.toLowerCase());
      // Casts to reg* types look objects up in the catalog (e.g. `'pg_sleep'::regproc`).
      const last = names.at(-1) ?? '';
      if (last.startsWith('reg')) throw this.forbiddenFunction(`::${last}`, location(body));
    } else if (type === 'RangeVar' || type === 'RangeFunction') {
      throw new AskdataError('sql_invalid', `Unexpected table reference${sqlSpan(this.sql, location(body))}`);
    }
    for (const [name, child] of Object.entries(body)) this.walk(child, scopes, ctes, body, name);
  }

  /** SQL keywords PostgreSQL turns into functions but SQLite treats as plain identifiers. */
  private sqliteKeywordName([type, body]: [string, Json]): string | undefined {
    if (this.dialect !== 'sqlite' || type !== 'SQLValueFunction') return undefined;
    return sqliteKeywordFunctions[String(body.op)];
  }

  private functionName(call: Json): string {
    const parts = stringItems(list(call, 'funcname')).map((part) => part.toLowerCase());
    const name = parts.at(-1) ?? '';
    // A schema other than the built-in catalog could hold anything; pg_catalog.* only names built-ins.
    if (parts.length > 1 && parts[0] !== 'pg_catalog') return parts.join('.');
    return name;
  }

  private forbiddenFunction(name: string, offset: number | undefined, inFrom = false): AskdataError {
    const where = inFrom ? ' as a table source' : '';
    return new AskdataError(
      'sql_forbidden_function',
      `The function \`${name}\` is not allowed${where}: queries may only use analytic functions${sqlSpan(this.sql, offset)}`,
      { details: { function: name } },
    );
  }

  private usingColumn(column: string, scope: Scope): void {
    for (const entry of scope) {
      if (entry.kind !== 'table') continue;
      const actual = entry.table?.columns.find(
        (candidate) => candidate.name.toLowerCase() === column.toLowerCase(),
      );
      if (entry.table && !actual) continue;
      const decision = this.policy.checkColumn(
        entry.tableName ?? entry.alias,
        actual?.name ?? column,
        undefined,
      );
      if (decision === 'mask') {
        throw new AskdataError(
          'sql_forbidden_column',
          `Column \`${column}\` is masked and cannot be used in JOIN USING`,
        );
      }
    }
  }

  private star(qualifiers: string[], scope: Scope, offset: number | undefined): void {
    const qualifier = qualifiers.at(-1)?.toLowerCase();
    for (const entry of scope) {
      if (qualifier !== undefined && entry.alias !== qualifier) continue;
      const tables = entry.kind === 'table' ? [entry] : qualifier !== undefined ? (entry.members ?? []) : [];
      for (const table of tables) {
        if (table.kind === 'table')
          this.policy.checkStar(table.table, table.tableName ?? table.alias, offset);
      }
    }
  }

  private column(body: Json, scopes: Scope[], container: Json | unknown[], key: string | number): void {
    const fields = list(body, 'fields');
    const offset = location(body);
    const names = stringItems(fields).map((name) => name.toLowerCase());
    if (fields.some((part) => isJson(part) && 'A_Star' in part)) {
      const innermost = scopes[0] ?? [];
      this.star(names, innermost, offset);
      return;
    }
    const column = names.at(-1);
    if (column === undefined) return;
    const qualifier = names.length >= 2 ? names[names.length - 2] : undefined;
    const targets: ScopeEntry[] = [];
    let resolved = false;
    for (const scope of scopes) {
      if (qualifier !== undefined) {
        const entry = scope.find((candidate) => candidate.alias === qualifier);
        if (!entry) continue;
        if (entry.kind === 'table') targets.push(entry);
        for (const member of entry.members ?? []) {
          const holds =
            !member.table ||
            member.table.columns.some((candidate) => candidate.name.toLowerCase() === column);
          if (member.kind === 'table' && holds) targets.push(member);
        }
        break;
      }
      const matches = scope.filter((entry) =>
        entry.kind === 'table'
          ? !entry.table || entry.table.columns.some((candidate) => candidate.name.toLowerCase() === column)
          : (entry.columns?.includes(column) ?? false),
      );
      if (matches.length === 0) continue;
      targets.push(...matches.filter((entry) => entry.kind === 'table'));
      resolved = true;
      break;
    }
    if (qualifier === undefined && !resolved) {
      // A bare table alias is a whole-row reference (`SELECT c FROM customers c`): it carries every column.
      const whole = scopes
        .flat()
        .find((entry) => entry.alias === column && (entry.kind === 'table' || entry.members));
      if (whole) this.star([column], scopes.flat(), offset);
    }
    let masked = false;
    for (const entry of targets) {
      const actual =
        entry.table?.columns.find((candidate) => candidate.name.toLowerCase() === column)?.name ?? column;
      if (this.policy.checkColumn(entry.tableName ?? entry.alias, actual, offset) === 'mask') masked = true;
    }
    if (!masked) return;
    this.maskSites.push({ container, key });
    // Keep the output name: `SELECT email` stays a column called email once masked.
    if (!Array.isArray(container) && key === 'val' && container.name === undefined) container.name = column;
  }
}
