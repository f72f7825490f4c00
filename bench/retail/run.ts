/**
 * `npm run bench:retail`: answers the retail business-question suite with the offline engine on the demo
 * data and prints accuracy, precision when answered, latency and every miss. `--write-baseline` records the
 * accuracy the CI gate compares against.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateRetail, summarise } from './evaluate-retail';

const home = mkdtempSync(join(tmpdir(), 'askdata-retail-'));
try {
  const outcomes = await evaluateRetail(home);
  const summary = summarise(outcomes);
  for (const outcome of outcomes) {
    if (outcome.status === 'correct') continue;
    console.log(
      `${outcome.status.padEnd(9)} ${outcome.record.id} [${outcome.record.category}] ${outcome.record.question}`,
    );
    if (outcome.interpretation) console.log(`          read as: ${outcome.interpretation}`);
    console.log(`          ${outcome.detail}`);
  }
  const byCategory = new Map<string, { right: number; total: number }>();
  for (const outcome of outcomes) {
    const entry = byCategory.get(outcome.record.category) ?? { right: 0, total: 0 };
    entry.total++;
    if (outcome.status === 'correct') entry.right++;
    byCategory.set(outcome.record.category, entry);
  }
  console.log('\ncategory   correct');
  for (const [category, entry] of byCategory)
    console.log(`${category.padEnd(10)} ${entry.right}/${entry.total}`);
  console.log(
    `\nretail suite: ${summary.questions} questions, accuracy ${(summary.accuracy * 100).toFixed(1)}%, precision when answered ${(summary.precisionWhenAnswered * 100).toFixed(1)}%, abstained ${(summary.abstentionRate * 100).toFixed(1)}%, latency P50 ${summary.latencyP50Ms.toFixed(1)} ms, P95 ${summary.latencyP95Ms.toFixed(1)} ms`,
  );
  if (process.argv.includes('--write-baseline')) {
    writeFileSync(
      join(import.meta.dirname, 'baseline.json'),
      `${JSON.stringify({ accuracy: summary.accuracy }, null, 2)}\n`,
    );
    console.log('baseline written');
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
