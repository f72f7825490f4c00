/**
 * The shape of a gold SQL query, read from its tokens (string literals and quoted identifiers are skipped,
 * so words inside them never count): used to decide whether row order matters and to group questions by
 * difficulty. Spider's hardness levels follow the upstream evaluation's component counts.
 */
export interface SqlShape {
  /** ORDER BY on the outermost query: the gold result's row order is meaningful. */
  ordered: boolean;
  joins: number;
  aggregates: number;
  /** SELECTs nested inside the outer query (subqueries), not counting set-operation branches. */
  nested: number;
  setOperations: number;
  groupBy: boolean;
  having: boolean;
  limit: boolean;
  whereConditions: number;
  selectColumns: number;
  hardness: 'easy' | 'medium' | 'hard' | 'extra';
}

interface Token {
  text: string;
  depth: number;
}

const aggregateNames = new Set(['count', 'sum', 'avg', 'min', 'max']);

/** Splits SQL into lower-cased word and symbol tokens with their parenthesis depth. */
export function sqlTokens(sql: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let index = 0;
  while (index < sql.length) {
    const char = sql[index] ?? '';
    if (char === "'" || char === '"' || char === '`' || char === '[') {
      const close = char === '[' ? ']' : char;
      let end = index + 1;
      while (end < sql.length) {
        if (sql[end] === close) {
          if (sql[end + 1] === close && close !== ']') end += 2;
          else break;
        } else end += 1;
      }
      tokens.push({ text: char === "'" ? "'…'" : '"…"', depth });
      index = end + 1;
    } else if (char === '-' && sql[index + 1] === '-') {
      while (index < sql.length && sql[index] !== '\n') index += 1;
    } else if (char === '(') {
      tokens.push({ text: '(', depth });
      depth += 1;
      index += 1;
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
      tokens.push({ text: ')', depth });
      index += 1;
    } else if (/[A-Za-z_0-9.]/.test(char)) {
      let end = index;
      while (end < sql.length && /[A-Za-z_0-9.$]/.test(sql[end] ?? '')) end += 1;
      tokens.push({ text: sql.slice(index, end).toLowerCase(), depth });
      index = end;
    } else if (/\s/.test(char)) {
      index += 1;
    } else {
      tokens.push({ text: char, depth });
      index += 1;
    }
  }
  return tokens;
}

function countWhereConditions(tokens: Token[]): number {
  let conditions = 0;
  let inWhere = false;
  for (const token of tokens) {
    if (token.text === 'where') {
      inWhere = true;
      conditions += 1;
    } else if (['group', 'order', 'limit', 'union', 'intersect', 'except', 'having'].includes(token.text)) {
      inWhere = false;
    } else if (inWhere && (token.text === 'and' || token.text === 'or')) {
      conditions += 1;
    }
  }
  return conditions;
}

function countSelectColumns(tokens: Token[]): number {
  const start = tokens.findIndex((token) => token.text === 'select');
  if (start < 0) return 0;
  const depth = tokens[start]?.depth ?? 0;
  let columns = 1;
  for (const token of tokens.slice(start + 1)) {
    if (token.depth === depth && token.text === 'from') break;
    if (token.depth === depth && token.text === ',') columns += 1;
  }
  return columns;
}

function hardnessOf(shape: Omit<SqlShape, 'hardness' | 'ordered'>, tokens: Token[]): SqlShape['hardness'] {
  const has = (word: string) => tokens.some((token) => token.text === word);
  const component1 =
    (shape.whereConditions > 0 ? 1 : 0) +
    (shape.groupBy ? 1 : 0) +
    (has('order') ? 1 : 0) +
    (shape.limit ? 1 : 0) +
    (shape.joins > 0 ? 1 : 0) +
    (has('or') ? 1 : 0) +
    (has('like') ? 1 : 0);
  const component2 = shape.setOperations + shape.nested;
  const others =
    (shape.aggregates > 1 ? 1 : 0) +
    (shape.selectColumns > 1 ? 1 : 0) +
    (shape.whereConditions > 1 ? 1 : 0) +
    (shape.groupBy && tokens.filter((token) => token.text === 'group').length > 1 ? 1 : 0);
  if (component1 <= 1 && others === 0 && component2 === 0) return 'easy';
  if (
    (others <= 2 && component1 <= 1 && component2 === 0) ||
    (component1 <= 2 && others < 2 && component2 === 0)
  )
    return 'medium';
  if (
    (others > 2 && component1 <= 2 && component2 === 0) ||
    (component1 > 2 && component1 <= 3 && others <= 2 && component2 === 0) ||
    (component1 <= 1 && others === 0 && component2 <= 1)
  )
    return 'hard';
  return 'extra';
}

export function sqlShape(sql: string): SqlShape {
  const tokens = sqlTokens(sql);
  const setOperationTokens = tokens.filter((token) => ['union', 'intersect', 'except'].includes(token.text));
  const selects = tokens.filter((token) => token.text === 'select').length;
  const outerDepth = Math.min(
    ...tokens.filter((token) => token.text === 'select').map((token) => token.depth),
  );
  const base = {
    joins: tokens.filter((token) => token.text === 'join').length,
    aggregates: tokens.filter(
      (token, index) => aggregateNames.has(token.text) && tokens[index + 1]?.text === '(',
    ).length,
    nested: Math.max(0, selects - 1 - setOperationTokens.length),
    setOperations: setOperationTokens.length,
    groupBy: tokens.some((token, index) => token.text === 'group' && tokens[index + 1]?.text === 'by'),
    having: tokens.some((token) => token.text === 'having'),
    limit: tokens.some((token) => token.text === 'limit'),
    whereConditions: countWhereConditions(tokens),
    selectColumns: countSelectColumns(tokens),
  };
  // Only the outermost ORDER BY fixes the order of the rows the query returns.
  const ordered = tokens.some(
    (token, index) =>
      token.text === 'order' &&
      tokens[index + 1]?.text === 'by' &&
      token.depth === (Number.isFinite(outerDepth) ? outerDepth : 0),
  );
  return { ...base, ordered, hardness: hardnessOf(base, tokens) };
}

/** A readable shape label such as "join+aggregate" or "nested", for failure categories. */
export function shapeLabel(shape: SqlShape): string {
  const parts: string[] = [];
  if (shape.setOperations > 0) parts.push('set-operation');
  if (shape.nested > 0) parts.push('nested');
  if (shape.joins > 0) parts.push('join');
  if (shape.groupBy) parts.push('group-by');
  else if (shape.aggregates > 0) parts.push('aggregate');
  if (shape.ordered) parts.push(shape.limit ? 'top-n' : 'ordered');
  return parts.length > 0 ? parts.join('+') : 'lookup';
}
