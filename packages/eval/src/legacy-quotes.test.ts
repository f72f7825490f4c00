import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { quoteAsLiteral } from './legacy-quotes';
import { SqliteRunner } from './sqlite-runner';

describe('quoteAsLiteral', () => {
  it('rewrites only the matching double-quoted token', () => {
    expect(quoteAsLiteral('SELECT "name" FROM t WHERE x = "Math"', 'math')).toBe(
      `SELECT "name" FROM t WHERE x = 'Math'`,
    );
    expect(quoteAsLiteral(`SELECT 'say "Math"' FROM t WHERE x = "It's"`, "it's")).toBe(
      `SELECT 'say "Math"' FROM t WHERE x = 'It''s'`,
    );
  });
});

describe('SqliteRunner', () => {
  it('reads double-quoted strings the way classic SQLite does: identifier first, then literal', () => {
    const folder = mkdtempSync(join(tmpdir(), 'askdata-eval-quotes-'));
    const path = join(folder, 'school.sqlite');
    const database = new Database(path);
    database.exec(
      `CREATE TABLE course (name TEXT, teacher TEXT); INSERT INTO course VALUES ('Math', 'Ann'), ('Art', 'Joe');`,
    );
    database.close();
    const runner = new SqliteRunner();
    try {
      expect(runner.run(path, 'SELECT "teacher" FROM course WHERE "name" = "Math"')).toEqual([['Ann']]);
      expect(() => runner.run(path, 'SELECT nope FROM course')).toThrow(
        /SQLite rejected the query: no such column: nope/,
      );
      expect(() => runner.run(path, "DELETE FROM course WHERE name = 'Art'")).toThrow();
      expect(runner.run(path, 'SELECT count(*) FROM course')).toEqual([[2]]);
    } finally {
      runner.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
