import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deriveSemanticModel, type SemanticModel } from '@askdata/core';
import BetterSqlite3 from 'better-sqlite3';
import type { createOfflineAnswerer } from '../../src/offline-answerer';
import { introspectSqlite, sampleSqliteValues } from '../../src/sqlite-schema';
import { ValueIndex } from '../../src/value-index';

export interface SqliteFixture {
  file: string;
  /** Opened read-only, as the engine opens real databases. */
  database: BetterSqlite3.Database;
  context: { model: SemanticModel; valueIndex: ValueIndex; asOf: string };
  close(): void;
}

/** A small SQLite database built from `setupSql` in a temp folder, with the language engine's context over it. */
export function createSqliteFixture(name: string, setupSql: string, asOf = '2024-03-15'): SqliteFixture {
  const folder = mkdtempSync(path.join(tmpdir(), `askdata-${name}-`));
  const file = path.join(folder, `${name}.sqlite`);
  const setup = new BetterSqlite3(file);
  setup.exec(setupSql);
  setup.close();
  const database = new BetterSqlite3(file, { readonly: true });
  const schema = introspectSqlite(database);
  return {
    file,
    database,
    context: {
      model: deriveSemanticModel(schema),
      valueIndex: new ValueIndex(sampleSqliteValues(database, schema)),
      asOf,
    },
    close() {
      database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The answer cells of a question on the fixture (the engine's SQL run in SQLite), or 'abstain' / 'clarify'. */
export async function answerCells(
  answerer: ReturnType<typeof createOfflineAnswerer>,
  fixture: SqliteFixture,
  question: string,
): Promise<unknown[] | string> {
  const outcome = await answerer.answer({
    question,
    source: { kind: 'sqlite', path: fixture.file, dialect: 'sqlite' },
  });
  if (outcome.kind !== 'answer') return outcome.kind;
  const rows = fixture.database.prepare(outcome.sql).raw().all() as unknown[][];
  return rows.flat();
}
