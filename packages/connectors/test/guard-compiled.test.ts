/**
 * Every QuerySpec of the cross-engine suite, compiled for each engine, passes the guard (no false
 * positives on our own SQL), and the guarded SQL (row cap written in) returns the same rows as the
 * compiled SQL on the real engine.
 */
import { applySemanticYaml, compileQuery, deriveSemanticModel } from '@askdata/core';
import { type DuckdbParse, loadPgParser, validateSql } from '@askdata/guard';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossEngineCases, testYaml } from './support/cross-engine-cases';
import { normaliseCell, openEngines, type TestEngine } from './support/engines';
import { generateRetailData, retailSchema } from './support/retail-data';

let engines: TestEngine[] = [];
let parser: DuckDBInstance;
let duckdbParse: DuckdbParse;

/** Parallel float sums differ in the last bits between runs, and unordered results in order: compare stably. */
function stable(rows: unknown[][]): string[] {
  return rows
    .map((row) =>
      JSON.stringify(
        row.map((cell) => {
          const value = normaliseCell(cell);
          return typeof value === 'number' ? Number(value.toPrecision(10)) : value;
        }),
      ),
    )
    .sort();
}

beforeAll(async () => {
  await loadPgParser();
  // DuckDB's own parser, as the workspace injects it: json_serialize_sql needs no tables.
  parser = await DuckDBInstance.create(':memory:');
  const connection = await parser.connect();
  duckdbParse = async (sql) => {
    const reader = await connection.runAndReadAll('SELECT json_serialize_sql(CAST($1 AS VARCHAR)) AS tree', [
      sql,
    ]);
    return JSON.parse(String(reader.getRowObjects()[0]?.tree));
  };
  engines = await openEngines(generateRetailData(7), `askdata_guard_${process.pid}`);
});

afterAll(async () => {
  for (const engine of engines) await engine.close();
  parser.closeSync();
});

describe('guard on compiled SQL', () => {
  it('validates every compiled query and the capped SQL returns the same rows', async () => {
    let checked = 0;
    const parsers = new Map<string, number>();
    for (const engine of engines) {
      const schema = retailSchema(engine.namespace);
      const plain = deriveSemanticModel(schema);
      const enriched = applySemanticYaml(plain, testYaml, 'askdata.yaml');
      for (const testCase of crossEngineCases) {
        const compiled = compileQuery(testCase.spec, testCase.withYaml ? enriched : plain, engine.dialect);
        const validated = await validateSql(compiled.sql, {
          dialect: engine.dialect,
          schema: schema.tables,
          maxRows: 5000,
          ...(engine.dialect === 'duckdb' ? { duckdbParse } : {}),
        });
        const expected = stable(await engine.query(compiled.sql));
        const actual = stable(await engine.query(validated.sql));
        expect(actual, `${engine.dialect}: ${testCase.name}\n${validated.sql}`).toEqual(expected);
        checked += 1;
        parsers.set(validated.parser, (parsers.get(validated.parser) ?? 0) + 1);
      }
    }
    console.log(
      `guard on compiled SQL: ${checked} queries over ${engines.map((engine) => engine.dialect).join(', ')}`,
    );
    expect(checked).toBeGreaterThanOrEqual(crossEngineCases.length * 2);
  });
});
