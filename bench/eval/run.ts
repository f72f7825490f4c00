/**
 * Full-set figures for the offline engine: `npm run bench:eval [-- --limit N] [--sets spider,wtq]`.
 * While working on a rule, `--match <regex>` runs only the questions that match (case-insensitive) and
 * `--out <folder>` keeps those reports apart from the full-set ones.
 * Prints accuracy, precision when answered, abstention and latency per bench file, next to the regression
 * baseline recorded in packages/eval/baseline.json (a subset, so a rough comparison), and writes each JSON
 * report to bench/out/eval-<set>.json (git-ignored).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createAnswerer,
  createWorkspaceTableLoader,
  evaluateFile,
  formatReport,
  type RegressionSetName,
  readBaseline,
} from '@askdata/eval';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const benchRoot = resolve(repoRoot, '../shared/bench');
const files: Record<RegressionSetName, string> = {
  spider: 'spider/questions.jsonl',
  wtq: 'wtq/questions.jsonl',
};

const { values } = parseArgs({
  options: {
    limit: { type: 'string' },
    sets: { type: 'string', default: 'spider,wtq' },
    match: { type: 'string' },
    out: { type: 'string' },
  },
});
const limit = values.limit === undefined ? undefined : Number(values.limit);
const sets = (values.sets ?? '').split(',').filter((name): name is RegressionSetName => name in files);
const baseline = await readBaseline(join(repoRoot, 'packages/eval/baseline.json')).catch(() => undefined);
const answerer = await createAnswerer('offline');
const outFolder = values.out === undefined ? join(repoRoot, 'bench/out') : resolve(values.out);
const pattern = values.match === undefined ? undefined : new RegExp(values.match, 'i');
await mkdir(outFolder, { recursive: true });
try {
  for (const set of sets) {
    const started = performance.now();
    const report = await evaluateFile(join(benchRoot, files[set]), {
      answerer,
      limit,
      ...(pattern && {
        select: (records) => records.filter((record) => pattern.test(record.question)).slice(0, limit),
      }),
      tableLoader: createWorkspaceTableLoader(),
      onResult: (_, done, total) => {
        if (done % 500 === 0 || done === total) process.stderr.write(`${set}: ${done}/${total}\n`);
      },
    });
    console.log(formatReport(report));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const recorded = baseline?.sets[set];
    console.log(
      `${set}: ${report.overall.records} records in ${seconds} s (incl. loading tables); regression baseline on its fixed sample: ` +
        (recorded ? `${(recorded.accuracy * 100).toFixed(1)}% with ${baseline?.engine}` : 'none recorded'),
    );
    const path = join(outFolder, `eval-${set}.json`);
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`report: ${path}\n`);
  }
} finally {
  await answerer.close?.();
}
