import { describe, expect, it } from 'vitest';
import { parseRecords } from './records';

describe('parseRecords', () => {
  it('reads the three bench shapes and resolves paths against the file', () => {
    const text = [
      '\uFEFF{"id":"s1","db":"db/a.sqlite","question":"How many?","gold_sql":"SELECT 1"}',
      '{"id":"w1","table":"tables/t.csv","question":"which?","answers":["x", 12]}',
      '{"id":"c1","db":"../db/a.sqlite","questions":["Bar chart of x", "other"],"chart":"bar"}',
    ].join('\n');
    const { records, skipped } = parseRecords(text, '/data/bench/set.jsonl');
    expect(skipped).toEqual([]);
    expect(records.map((record) => record.kind)).toEqual(['sql', 'denotation', 'chart']);
    expect(records[0]).toMatchObject({ db: '/data/bench/db/a.sqlite', goldSql: 'SELECT 1' });
    expect(records[1]).toMatchObject({ table: '/data/bench/tables/t.csv', answers: ['x', '12'] });
    expect(records[2]).toMatchObject({ db: '/data/db/a.sqlite', question: 'Bar chart of x', chart: 'bar' });
  });

  it('reports bad and unknown lines as skipped with their line number, never throwing', () => {
    const text = [
      '{"id":"ok","table":"t.csv","question":"q","answers":"single"}',
      '',
      '{not json',
      '[1,2]',
      '{"id":"odd","question":"q","foo":1}',
      '{"db":"x.sqlite","gold_sql":"SELECT 1"}',
    ].join('\r\n');
    const { records, skipped } = parseRecords(text, 'set.jsonl');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: 'ok', answers: ['single'] });
    expect(skipped.map((line) => [line.line, line.id, line.reason])).toEqual([
      [3, 'line-3', 'invalid JSON'],
      [4, 'line-4', 'not a JSON object'],
      [5, 'odd', 'unknown record shape (missing gold_sql+db, answers+table or chart+db)'],
      [6, 'line-6', 'unknown record shape (missing question)'],
    ]);
  });
});
