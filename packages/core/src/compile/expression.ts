import { AskdataError } from '../errors';

/** Row-level arithmetic allowed in measure expressions and metric definitions. */
export type RowExpression =
  | { kind: 'column'; table: string | undefined; column: string }
  | { kind: 'number'; value: string }
  | { kind: 'negate'; operand: RowExpression }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: RowExpression; right: RowExpression };

type Token = { type: 'name' | 'number' | 'operator' | 'open' | 'close' | 'dot'; text: string };

const tokenPattern =
  /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+")|([-+*/])|(\()|(\))|(\.))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  let position = 0;
  while (position < source.length) {
    if (/^\s*$/.test(source.slice(position))) break;
    tokenPattern.lastIndex = position;
    const match = tokenPattern.exec(source);
    if (match === null) throw invalid(source, `unexpected '${source.slice(position).trim()[0]}'`);
    position = tokenPattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ type: 'number', text: match[1] });
    else if (match[2] !== undefined)
      tokens.push({
        type: 'name',
        text: match[2].startsWith('"') ? match[2].slice(1, -1).replaceAll('""', '"') : match[2],
      });
    else if (match[3] !== undefined) tokens.push({ type: 'operator', text: match[3] });
    else if (match[4] !== undefined) tokens.push({ type: 'open', text: '(' });
    else if (match[5] !== undefined) tokens.push({ type: 'close', text: ')' });
    else tokens.push({ type: 'dot', text: '.' });
  }
  return tokens;
}

function invalid(source: string, reason: string): AskdataError {
  return new AskdataError('spec_invalid', `The expression "${source}" is not valid: ${reason}.`, {
    hint: 'Use column names, numbers, + - * / and parentheses, e.g. "quantity * unit_price".',
  });
}

/** Parses "quantity * unit_price", "orders.amount - discount", "(a + b) / 2". */
export function parseRowExpression(source: string): RowExpression {
  const tokens = tokenize(source);
  let index = 0;
  const peek = () => tokens[index];
  const next = () => {
    const token = tokens[index++];
    if (token === undefined) throw invalid(source, 'it ends too early');
    return token;
  };
  const parseSum = (): RowExpression => {
    let left = parseProduct();
    while (peek()?.type === 'operator' && (peek()?.text === '+' || peek()?.text === '-')) {
      const operator = next().text as '+' | '-';
      left = { kind: 'binary', operator, left, right: parseProduct() };
    }
    return left;
  };
  const parseProduct = (): RowExpression => {
    let left = parseUnary();
    while (peek()?.type === 'operator' && (peek()?.text === '*' || peek()?.text === '/')) {
      const operator = next().text as '*' | '/';
      left = { kind: 'binary', operator, left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): RowExpression => {
    const token = next();
    if (token.type === 'operator' && token.text === '-') return { kind: 'negate', operand: parseUnary() };
    if (token.type === 'number') return { kind: 'number', value: token.text };
    if (token.type === 'open') {
      const inner = parseSum();
      if (next().type !== 'close') throw invalid(source, 'a parenthesis is not closed');
      return inner;
    }
    if (token.type === 'name') {
      if (peek()?.type === 'dot') {
        index++;
        const column = next();
        if (column.type !== 'name') throw invalid(source, `expected a column name after '${token.text}.'`);
        return { kind: 'column', table: token.text, column: column.text };
      }
      if (peek()?.type === 'open')
        throw invalid(source, `functions such as ${token.text}() are not allowed here`);
      return { kind: 'column', table: undefined, column: token.text };
    }
    throw invalid(source, `unexpected '${token.text}'`);
  };
  const expression = parseSum();
  if (index < tokens.length) throw invalid(source, `unexpected '${tokens[index]?.text}'`);
  return expression;
}

export function expressionColumns(
  expression: RowExpression,
): Array<{ table: string | undefined; column: string }> {
  switch (expression.kind) {
    case 'column':
      return [{ table: expression.table, column: expression.column }];
    case 'number':
      return [];
    case 'negate':
      return expressionColumns(expression.operand);
    case 'binary':
      return [...expressionColumns(expression.left), ...expressionColumns(expression.right)];
  }
}
