/**
 * Records packages/eval/baseline.json, the figures the CI regression gate compares against:
 * `npm run eval:baseline`. Run it after a deliberate change in the offline engine and commit the file.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Baseline, regressionAnswerer, regressionSets, runRegressionSample } from '@askdata/eval';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const benchRoot = resolve(repoRoot, '../shared/bench');
const answerer = await regressionAnswerer();
const run = await runRegressionSample(benchRoot, answerer, (set, done, total) => {
  if (done % 50 === 0 || done === total) process.stderr.write(`${set}: ${done}/${total}\n`);
});
await answerer.close?.();
const baseline: Baseline = {
  recordedAt: new Date().toISOString(),
  engine: run.engine,
  command: 'npm run eval:baseline',
  sets: run.sets,
};
const path = join(repoRoot, 'packages/eval/baseline.json');
await writeFile(path, `${JSON.stringify(baseline, null, 2)}\n`);
for (const set of regressionSets) {
  const figures = run.sets[set.name];
  console.log(
    `${set.name} (first ${set.limit}): accuracy ${(figures.accuracy * 100).toFixed(1)}%, precision ${(figures.precision * 100).toFixed(1)}%, abstention ${(figures.abstentionRate * 100).toFixed(1)}%, errors ${figures.errors}`,
  );
}
console.log(`engine ${run.engine}; wrote ${path}`);
