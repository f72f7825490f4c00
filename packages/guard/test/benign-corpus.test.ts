import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPgParser, validateSqlSync } from '../src/index';
import { loadBenignCorpus, spiderDir, spiderSchema } from './spider-corpus';

/** Whether SQLite itself can compile the query against its database (undefined when the file is absent). */
function sqliteAccepts(sql: string, dbId: string): boolean | undefined {
  const file = path.join(spiderDir, 'db', `${dbId}.sqlite`);
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.prepare(sql);
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

describe('benign corpus (Spider, SQLite)', () => {
  beforeAll(() => loadPgParser());

  it.skipIf(!existsSync(path.join(spiderDir, 'benign-sql.tsv')))(
    'validates every real SELECT: 0 false positives',
    () => {
      const corpus = loadBenignCorpus();
      expect(corpus.length).toBeGreaterThan(8000);
      const falsePositives: string[] = [];
      const refusedInvalid: string[] = [];
      for (const query of corpus) {
        try {
          validateSqlSync(query.sql, { dialect: 'sqlite', schema: spiderSchema(query.dbId), maxRows: 1000 });
        } catch (error) {
          const line = `${query.dbId}: ${query.sql} -> ${error instanceof Error ? error.message : String(error)}`;
          // A refusal only counts as a false positive when SQLite itself can compile the query.
          if (sqliteAccepts(query.sql, query.dbId) === false) refusedInvalid.push(line);
          else falsePositives.push(line);
        }
      }
      console.log(
        `benign corpus: ${corpus.length} queries, ${corpus.length - falsePositives.length - refusedInvalid.length} validated, ` +
          `false positives ${falsePositives.length}, refused and also rejected by SQLite itself ${refusedInvalid.length}`,
      );
      for (const line of refusedInvalid) console.log(`  refused (SQLite rejects it too): ${line}`);
      expect(falsePositives).toEqual([]);
      expect(refusedInvalid.length).toBeLessThan(5);
    },
  );
});
