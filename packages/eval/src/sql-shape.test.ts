import { describe, expect, it } from 'vitest';
import { shapeLabel, sqlShape } from './sql-shape';

describe('sqlShape', () => {
  it('detects ordering only on the outermost query and never inside strings or identifiers', () => {
    expect(sqlShape('SELECT name FROM singer ORDER BY age DESC').ordered).toBe(true);
    expect(
      sqlShape('SELECT name FROM singer WHERE id IN (SELECT id FROM t ORDER BY x LIMIT 1)').ordered,
    ).toBe(false);
    expect(sqlShape("SELECT name FROM t WHERE note = 'order by me'").ordered).toBe(false);
    expect(sqlShape('SELECT order_by FROM "order by"').ordered).toBe(false);
    expect(sqlShape('select a from t order by a').ordered).toBe(true);
  });

  it('counts joins, aggregates, nesting and set operations', () => {
    const shape = sqlShape(
      'SELECT T2.name, count(*) FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id GROUP BY T1.stadium_id',
    );
    expect(shape).toMatchObject({ joins: 1, aggregates: 1, groupBy: true, nested: 0, selectColumns: 2 });
    expect(shapeLabel(shape)).toBe('join+group-by');
    const setOperation = sqlShape('SELECT a FROM t EXCEPT SELECT a FROM u');
    expect(setOperation).toMatchObject({ setOperations: 1, nested: 0 });
    expect(sqlShape('SELECT a FROM t WHERE b > (SELECT avg(b) FROM t)').nested).toBe(1);
  });

  it('grades hardness like the Spider evaluation', () => {
    expect(sqlShape('SELECT count(*) FROM singer').hardness).toBe('easy');
    expect(sqlShape('SELECT name, country, age FROM singer ORDER BY age DESC').hardness).toBe('medium');
    expect(
      sqlShape('SELECT name FROM stadium WHERE stadium_id NOT IN (SELECT stadium_id FROM concert)').hardness,
    ).toBe('hard');
    expect(
      sqlShape(
        'SELECT T2.name FROM a AS T1 JOIN b AS T2 ON T1.x = T2.x WHERE T1.y = 2014 INTERSECT SELECT T2.name FROM a AS T1 JOIN b AS T2 ON T1.x = T2.x WHERE T1.y = 2015',
      ).hardness,
    ).toBe('extra');
  });
});
