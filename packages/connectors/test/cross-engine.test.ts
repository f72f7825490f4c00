/**
 * The same QuerySpecs compiled for DuckDB, SQLite, PostgreSQL and MariaDB return the same rows, and the
 * rows match values computed independently in TypeScript where an oracle is given.
 */
import { applySemanticYaml, compileQuery, deriveSemanticModel, type SemanticModel } from '@askdata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameRows, type NormalisedRows } from './support/compare-rows';
import { type CrossEngineCase, crossEngineCases, testYaml } from './support/cross-engine-cases';
import { normaliseCell, openEngines, type TestEngine } from './support/engines';
import { generateRetailData, retailSchema } from './support/retail-data';

const data = generateRetailData(42);
let engines: TestEngine[] = [];
const models = new Map<string, { plain: SemanticModel; enriched: SemanticModel }>();

beforeAll(async () => {
  engines = await openEngines(data);
  for (const engine of engines) {
    const plain = deriveSemanticModel(retailSchema(engine.namespace));
    models.set(engine.dialect, { plain, enriched: applySemanticYaml(plain, testYaml, 'askdata.yaml') });
  }
});

afterAll(async () => {
  for (const engine of engines) await engine.close();
});

async function run(engine: TestEngine, testCase: CrossEngineCase): Promise<NormalisedRows> {
  const model = models.get(engine.dialect);
  if (model === undefined) throw new Error(`no model for ${engine.dialect}`);
  const compiled = compileQuery(
    testCase.spec,
    testCase.withYaml ? model.enriched : model.plain,
    engine.dialect,
  );
  try {
    const rows = await engine.query(compiled.sql);
    return rows.map((row) => row.map(normaliseCell));
  } catch (error) {
    throw new Error(
      `${engine.dialect} failed: ${error instanceof Error ? error.message : String(error)}\n${compiled.sql}`,
    );
  }
}

/** Unordered specs (plain selects without ORDER BY) compare as sorted multisets. */
function comparable(rows: NormalisedRows, ordered: boolean): NormalisedRows {
  if (ordered) return rows;
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('cross-engine equivalence', () => {
  it('runs on DuckDB and SQLite, plus every database server that is reachable', () => {
    const dialects = engines.map((engine) => engine.dialect);
    console.info(`cross-engine: ${dialects.join(', ')}`);
    expect(dialects).toEqual(expect.arrayContaining(['duckdb', 'sqlite']));
  });

  it('has at least 60 cases with distinct names', () => {
    expect(crossEngineCases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(crossEngineCases.map((testCase) => testCase.name)).size).toBe(crossEngineCases.length);
  });

  it.each(crossEngineCases.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const ordered = testCase.spec.select === undefined || testCase.spec.order !== undefined;
      const results = await Promise.all(
        engines.map(async (engine) => [engine.dialect, await run(engine, testCase)] as const),
      );
      const [referenceName, reference] = results[0] ?? ['none', []];
      for (const [dialect, rows] of results.slice(1)) {
        expectSameRows(
          comparable(rows, ordered),
          comparable(reference, ordered),
          `${dialect} vs ${referenceName}`,
        );
      }
      if (testCase.oracle !== undefined) {
        const expected = testCase.oracle(data).map((row) => row.map(normaliseCell));
        expectSameRows(reference, expected, `${referenceName} vs oracle`);
      }
      if (testCase.rowCount !== undefined) expect(reference.length).toBe(testCase.rowCount);
      // A case with neither oracle nor count must still return something meaningful unless it expects emptiness.
      if (testCase.oracle === undefined && testCase.rowCount === undefined)
        expect(reference.length).toBeGreaterThan(0);
    },
  );
});
