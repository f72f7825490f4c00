import { AskdataError, type TableSchema } from '@askdata/core';
import { field, isJson, type Json, list, location, nodeType, stringItems, text } from './pg-tree';
import { sqlSpan } from './sql-span';

/** Default ceiling on the rows a join without a condition may produce before the query is refused. */
export const defaultMaxCartesianRows = 100_000_000;

interface Item {
  alias: string;
  rows: number | undefined;
}

/**
 * Refuses a FROM clause whose unconstrained product (CROSS JOIN, JOIN without ON, comma lists not tied by an
 * equality in WHERE) would exceed `maxRows` by the schema's row counts or constant `generate_series`/`range`
 * bounds. Unknown sizes are not guessed: the EXPLAIN dry run covers those with a warning.
 */
export function checkCartesian(
  sql: string,
  select: Json,
  findTable: (name: string, namespace?: string) => TableSchema | undefined,
  maxRows: number,
): void {
  const components: Item[][] = [];
  for (const item of list(select, 'fromClause')) components.push(...fromComponents(item, findTable));
  if (components.length < 2) return;
  // Equalities in WHERE between two aliases join their components.
  for (const [left, right] of equalities(select.whereClause)) {
    const a = components.findIndex((component) => component.some((entry) => entry.alias === left));
    const b = components.findIndex((component) => component.some((entry) => entry.alias === right));
    if (a >= 0 && b >= 0 && a !== b) {
      const merged = [...(components[a] ?? []), ...(components[b] ?? [])];
      components.splice(Math.max(a, b), 1);
      components.splice(Math.min(a, b), 1, merged);
    }
  }
  let product = 1;
  for (const component of components) {
    const sizes = component.map((entry) => entry.rows);
    if (sizes.some((size) => size === undefined)) return;
    product *= Math.max(...(sizes as number[]));
  }
  if (product > maxRows) {
    throw new AskdataError(
      'sql_too_expensive',
      `This query joins tables without a join condition and would produce about ${product.toExponential(1)} rows; add a join condition${sqlSpan(sql, firstFromLocation(select))}`,
    );
  }
}

function firstFromLocation(select: Json): number | undefined {
  const first = nodeType(list(select, 'fromClause')[0]);
  return first ? (location(first[1]) ?? undefined) : undefined;
}

/** Each returned group is joined internally by a condition; groups multiply with each other. */
function fromComponents(
  item: unknown,
  findTable: (name: string, namespace?: string) => TableSchema | undefined,
): Item[][] {
  const typed = nodeType(item);
  if (!typed) return [];
  const [type, body] = typed;
  const alias = text(field(body, 'alias'), 'aliasname')?.toLowerCase();
  if (type === 'RangeVar') {
    const name = text(body, 'relname') ?? '';
    return [
      [{ alias: alias ?? name.toLowerCase(), rows: findTable(name, text(body, 'schemaname'))?.rowCount }],
    ];
  }
  if (type === 'RangeFunction') return [[{ alias: alias ?? '', rows: seriesRows(body) }]];
  if (type === 'JoinExpr') {
    const left = fromComponents(body.larg, findTable);
    const right = fromComponents(body.rarg, findTable);
    const constrained =
      body.quals !== undefined || list(body, 'usingClause').length > 0 || body.isNatural === true;
    if (!constrained) return [...left, ...right];
    return [[...left.flat(), ...right.flat()]];
  }
  return [[{ alias: alias ?? '', rows: undefined }]];
}

function seriesRows(body: Json): number | undefined {
  for (const entry of list(body, 'functions')) {
    for (const part of list(field(isJson(entry) ? entry : undefined, 'List'), 'items')) {
      const call = nodeType(part);
      if (call?.[0] !== 'FuncCall') continue;
      const numbers = list(call[1], 'args').map((arg) => {
        const constant = field(isJson(arg) ? arg : undefined, 'A_Const');
        const ival = field(constant, 'ival');
        const fval = field(constant, 'fval');
        if (ival) return typeof ival.ival === 'number' ? ival.ival : 0;
        if (fval && typeof fval.fval === 'string') return Number(fval.fval);
        return undefined;
      });
      if (numbers.length < 1 || numbers.some((value) => value === undefined)) return undefined;
      const [a = 0, b, step = 1] = numbers as number[];
      const [start, stop] = b === undefined ? [0, a] : [a, b];
      return Math.max(0, Math.floor((stop - start) / (step || 1)) + 1);
    }
  }
  return undefined;
}

function equalities(where: unknown): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isJson(value)) return;
    const typed = nodeType(value);
    if (typed?.[0] === 'A_Expr' && stringItems(list(typed[1], 'name'))[0] === '=') {
      const left = qualifier(typed[1].lexpr);
      const right = qualifier(typed[1].rexpr);
      if (left && right) pairs.push([left, right]);
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(where);
  return pairs;
}

function qualifier(value: unknown): string | undefined {
  const typed = nodeType(value);
  if (typed?.[0] !== 'ColumnRef') return undefined;
  const names = stringItems(list(typed[1], 'fields'));
  return names.length >= 2 ? names[names.length - 2]?.toLowerCase() : undefined;
}
