import { describe, expect, it } from 'vitest';
import { expressionColumns, parseRowExpression } from '../src/compile/expression';

describe('parseRowExpression', () => {
  it('respects precedence and qualified names', () => {
    const expression = parseRowExpression('quantity * orders.price - 2 / (a + b)');
    expect(expressionColumns(expression)).toEqual([
      { table: undefined, column: 'quantity' },
      { table: 'orders', column: 'price' },
      { table: undefined, column: 'a' },
      { table: undefined, column: 'b' },
    ]);
    expect(expression.kind === 'binary' && expression.operator).toBe('-');
  });

  it.each([
    ['sum(amount)', /functions/],
    ['amount; drop table x', /unexpected/],
    ['(a + b', /not closed|ends too early/],
    ["a || 'x'", /unexpected/],
    ['a +', /ends too early/],
  ])('rejects %s', (source, message) => {
    expect(() => parseRowExpression(source)).toThrow(message);
  });
});
