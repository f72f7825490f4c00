/**
 * Guard benchmark: validation cost per query over the Spider benign corpus (8,659 real SELECTs, SQLite
 * dialect, schema from each database, row cap 1000), as P50/P99, next to a baseline measured in the same
 * run (libpg-query parsing alone). Also checks rewrite fidelity: where the guard rewrote a query (row cap),
 * the rewritten and original queries must return the same first rows on the real SQLite database.
 *
 * Run: node packages/cli/bin/run-ts.js bench/guard/run.ts   (or: npm run bench:guard)
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { loadPgParser, validateSqlSync } from '@askdata/guard';
import Database from 'better-sqlite3';
import { parseSync } from 'libpg-query';
import { loadBenignCorpus, spiderDir, spiderSchema } from '../../packages/guard/test/spider-corpus';

const maxRows = 1000;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summary(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((total, time) => total + time, 0) / times.length;
  console.log(
    `${label.padEnd(34)} P50 ${percentile(sorted, 50).toFixed(3)} ms  P99 ${percentile(sorted, 99).toFixed(3)} ms  mean ${mean.toFixed(3)} ms  max ${sorted.at(-1)?.toFixed(2)} ms`,
  );
}

await loadPgParser();
const corpus = loadBenignCorpus();
for (const query of corpus) spiderSchema(query.dbId); // introspection is not part of validation cost

// Warm-up so JIT and caches do not count against the first queries.
for (const query of corpus.slice(0, 500)) {
  try {
    validateSqlSync(query.sql, { dialect: 'sqlite', schema: spiderSchema(query.dbId), maxRows });
  } catch {}
}

const guardTimes: number[] = [];
const primaryTimes: number[] = [];
let fallbacks = 0;
const parseTimes: number[] = [];
const refused: string[] = [];
const rewritten: Array<{ original: string; validated: string; dbId: string }> = [];
for (const query of corpus) {
  const parseStart = performance.now();
  try {
    parseSync(query.sql);
  } catch {}
  parseTimes.push(performance.now() - parseStart);

  const start = performance.now();
  try {
    const result = validateSqlSync(query.sql, {
      dialect: 'sqlite',
      schema: spiderSchema(query.dbId),
      maxRows,
    });
    const elapsed = performance.now() - start;
    guardTimes.push(elapsed);
    if (result.parser === 'libpg-query') primaryTimes.push(elapsed);
    else fallbacks += 1;
    if (result.sql !== query.sql)
      rewritten.push({ original: query.sql, validated: result.sql, dbId: query.dbId });
  } catch (error) {
    guardTimes.push(performance.now() - start);
    refused.push(`${query.dbId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

console.log(`benign corpus: ${corpus.length} queries, refused ${refused.length}`);
// The tail depends on what else the machine runs; print it so figures can be read in context.
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}`,
);
for (const line of refused) console.log(`  refused: ${line}`);
summary('validateSqlSync (guard)', guardTimes);
summary(`  of which libpg-query path (${primaryTimes.length})`, primaryTimes);
console.log(`  node-sql-parser fallback (SQLite syntax PostgreSQL lacks): ${fallbacks} queries`);
summary('baseline: libpg-query parse only', parseTimes);
const guardP50 = percentile(
  [...guardTimes].sort((a, b) => a - b),
  50,
);
const parseP50 = percentile(
  [...parseTimes].sort((a, b) => a - b),
  50,
);
console.log(
  `guard/parse P50 ratio ${(guardP50 / parseP50).toFixed(2)}x; goal P50 <= 1 ms: ${guardP50 <= 1 ? 'met' : 'NOT met'}`,
);

// Fidelity of the rewrites on the real databases.
const connections = new Map<string, Database.Database>();
let compared = 0;
let same = 0;
let bothFail = 0;
const different: string[] = [];
for (const item of rewritten) {
  const file = path.join(spiderDir, 'db', `${item.dbId}.sqlite`);
  if (!existsSync(file)) continue;
  let db = connections.get(item.dbId);
  if (!db) {
    db = new Database(file, { readonly: true, fileMustExist: true });
    connections.set(item.dbId, db);
  }
  let original: unknown[] | undefined;
  let validated: unknown[] | undefined;
  try {
    original = db.prepare(item.original).raw(true).all().slice(0, maxRows);
  } catch {}
  try {
    validated = db.prepare(item.validated).raw(true).all();
  } catch {}
  if (original === undefined && validated === undefined) {
    bothFail += 1;
    continue;
  }
  compared += 1;
  if (JSON.stringify(original) === JSON.stringify(validated)) same += 1;
  else different.push(`${item.dbId}: ${item.original}\n      -> ${item.validated}`);
}
for (const db of connections.values()) db.close();
console.log(
  `rewrite fidelity on SQLite: ${rewritten.length} rewritten, ${compared} compared, ${same} identical results, ${different.length} different, ${bothFail} fail on SQLite either way`,
);
for (const line of different.slice(0, 10)) console.log(`  different: ${line}`);
