import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareWithBaseline,
  readBaseline,
  regressionAnswerer,
  regressionSets,
  runRegressionSample,
} from '../src/regression-sample';

const benchRoot = join(import.meta.dirname, '../../../../shared/bench');
const baselinePath = join(import.meta.dirname, '../baseline.json');

/**
 * CI gate: the offline engine on a fixed sample (first 200 Spider, first 300 WTQ questions) must not fall
 * more than 2 accuracy points below packages/eval/baseline.json. Re-record with `npm run eval:baseline`.
 */
describe('accuracy regression gate', () => {
  it('stays within 2 points of the recorded baseline', async () => {
    const baseline = await readBaseline(baselinePath);
    const answerer = await regressionAnswerer();
    try {
      const run = await runRegressionSample(benchRoot, answerer);
      for (const set of regressionSets) {
        const figures = run.sets[set.name];
        console.log(
          `${set.name}: accuracy ${(figures.accuracy * 100).toFixed(1)}% (baseline ${(baseline.sets[set.name].accuracy * 100).toFixed(1)}%), precision ${(figures.precision * 100).toFixed(1)}%, errors ${figures.errors}, engine ${run.engine}`,
        );
      }
      expect(compareWithBaseline(run, baseline)).toEqual([]);
    } finally {
      await answerer.close?.();
    }
  }, 180_000);
});
