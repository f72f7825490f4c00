/**
 * nvBench chart-type accuracy: question (+ database schema) → our chart type, mapped to nvBench's names.
 * Usage: npm run bench:nvbench [-- --limit N] [-- --misses N]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateNvBench, readRecords } from './evaluate';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchFile = path.resolve(here, '../../../shared/bench/nvbench/charts.jsonl');

function option(name: string): number | undefined {
  const position = process.argv.indexOf(`--${name}`);
  const value = position >= 0 ? Number(process.argv[position + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

const started = performance.now();
const score = evaluateNvBench(benchFile, readRecords(benchFile, option('limit')));
const elapsed = performance.now() - started;
const percent = (correct: number, total: number) =>
  total === 0 ? '   -  ' : `${((100 * correct) / total).toFixed(1)}%`;

console.log(
  `nvBench chart type: ${score.records} records, ${score.questions} questions, ${elapsed.toFixed(0)} ms`,
);
console.log(`overall  ${percent(score.correct, score.questions)}  (${score.correct}/${score.questions})`);
for (const [type, result] of Object.entries(score.byType)) {
  console.log(
    `  ${type.padEnd(17)} ${percent(result.correct, result.total).padStart(6)}  (${result.correct}/${result.total})`,
  );
}
console.log('by what the question gave:');
for (const [kind, result] of Object.entries(score.byRequest)) {
  const label = { explicit: 'chart word', cue: 'cue word only', none: 'shape only' }[kind] ?? kind;
  console.log(
    `  ${label.padEnd(17)} ${percent(result.correct, result.total).padStart(6)}  (${result.correct}/${result.total})`,
  );
}
console.log('confusion (gold → predicted):');
for (const [gold, row] of Object.entries(score.confusion)) {
  const cells = Object.entries(row)
    .sort((a, b) => b[1] - a[1])
    .map(([predicted, count]) => `${predicted}=${count}`)
    .join(', ');
  console.log(`  ${gold.padEnd(17)} ${cells}`);
}
const showMisses = option('misses') ?? 0;
for (const miss of score.misses.slice(0, showMisses)) {
  console.log(`MISS ${miss.id} gold=${miss.gold} predicted=${miss.predicted}: ${miss.question}`);
}
