import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateNvBench, readRecords } from '../../../bench/nvbench/evaluate';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const benchFile = path.resolve(repoRoot, '../shared/bench/nvbench/charts.jsonl');
const baseline = JSON.parse(readFileSync(path.join(here, 'nvbench-baseline.json'), 'utf8')) as {
  sample: { records: number; accuracy: number };
};
const available = existsSync(benchFile);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`nvBench data missing at ${benchFile}`);
  console.warn(`SKIPPED nvBench sample: ${benchFile} not found`);
}

describe.skipIf(!available)('nvBench chart type (fixed sample)', () => {
  it(`stays within 2 points of the recorded baseline on the first ${baseline.sample.records} records`, () => {
    const score = evaluateNvBench(benchFile, readRecords(benchFile, baseline.sample.records));
    expect(score.questions).toBeGreaterThan(1000);
    expect(score.accuracy).toBeGreaterThanOrEqual(baseline.sample.accuracy - 0.02);
  });
});
