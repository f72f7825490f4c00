/**
 * Loads every WikiTableQuestions table into a temporary workspace and prints how many loaded, how many
 * columns got a non-text type and how many loads had warnings. Not a test (it takes minutes):
 *   node packages/cli/bin/run-ts.js packages/engine/test/support/load-all-wtq.ts
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openWorkspace } from '../../src/index';

const directory = resolve(import.meta.dirname, '../../../../../shared/bench/wtq/tables');
const files = readdirSync(directory)
  .filter((file) => file.endsWith('.csv'))
  .sort();
const home = mkdtempSync(join(tmpdir(), 'askdata-wtq-'));
const workspace = await openWorkspace({ home });
const started = Date.now();
const failures: string[] = [];
let loaded = 0;
let columns = 0;
let typed = 0;
let warned = 0;
for (const file of files) {
  try {
    const result = await workspace.load(join(directory, file), { name: `wtq ${file}` });
    loaded++;
    if (result.warnings.length > 0) warned++;
    for (const column of result.dataset.tables[0]?.columns ?? []) {
      columns++;
      if (column.sourceType !== 'VARCHAR') typed++;
    }
  } catch (error) {
    failures.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
console.log(
  `loaded ${loaded} of ${files.length} in ${Date.now() - started} ms; ${typed} of ${columns} columns typed non-text; ${warned} loads with warnings`,
);
if (failures.length > 0) console.log(failures.join('\n'));
workspace.close();
rmSync(home, { recursive: true, force: true });
