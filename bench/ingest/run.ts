/**
 * Ingest benchmark (issue [1]): a seeded 1M-row × 20-column CSV loaded by raw DuckDB and by askdata in
 * the same run, pandas when installed, then the profile of the loaded table. Every job runs in its own
 * child process (peak RSS per job). Run: `npm run bench:ingest` (options: --repeat N, --rows N, --threads N).
 * Timings on a shared machine are noisy: the load average is printed with the figures. `--threads 1` gives
 * every DuckDB instance of every job (askdata's loader included) one thread: far steadier CPU times, the
 * measure of work used in docs/decisions/0009.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWideCsv } from './wide-csv';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDirectory = path.join(repoRoot, 'bench/out');
const runTs = path.join(repoRoot, 'packages/cli/bin/run-ts.js');
const child = path.join(repoRoot, 'bench/ingest/measure-child.ts');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

interface Sample {
  ms: number;
  /** CPU time over all threads during the job. */
  cpuMs: number;
  maxRssMb: number;
  rows?: number;
  [key: string]: unknown;
}

function parseSample(stdout: string, label: string): Sample {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as Sample;
  } catch {
    throw new Error(`${label}: no result line in child output: ${stdout.slice(-500)}`);
  }
}

const threads = option('threads', 0);
const childEnv =
  threads > 0 ? { ...process.env, ASKDATA_BENCH_DUCKDB_THREADS: String(threads) } : process.env;

function runNode(label: string, args: string[]): Sample | { error: string } {
  const result = spawnSync(process.execPath, [runTs, child, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: childEnv,
  });
  if (result.status !== 0) {
    const output = (result.stderr || result.stdout).trim().split('\n');
    const message = output.find((line) => /Error\b|error:/.test(line)) ?? output.at(-1);
    return { error: `${label} failed: ${message?.trim()}` };
  }
  return parseSample(result.stdout, label);
}

const pandasScript = `
import json, resource, sys, time
import pandas
started = time.perf_counter()
cpu = time.process_time()
frame = pandas.read_csv(sys.argv[1])
ms = (time.perf_counter() - started) * 1000
cpu_ms = (time.process_time() - cpu) * 1000
print(json.dumps({"ms": ms, "cpuMs": cpu_ms, "rows": len(frame), "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "version": pandas.__version__}))
`;

/** The first Python that can import pandas (pyenv shims often lack Debian's python3-pandas). */
function findPandasPython(): string | undefined {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import pandas'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

function runPandas(python: string, file: string): Sample | { error: string } {
  const result = spawnSync(python, ['-c', pandasScript, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) return { error: `pandas failed: ${result.stderr.trim().split('\n').at(-1)}` };
  return parseSample(result.stdout, 'pandas');
}

function isSample(value: Sample | { error: string }): value is Sample {
  return !('error' in value);
}

interface Summary {
  best: number;
  median: number;
  cpu: number;
  rssMb: number;
}

function summary(samples: Sample[]): Summary {
  const times = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  return {
    best: times[0] ?? Number.NaN,
    median: times[Math.floor(times.length / 2)] ?? Number.NaN,
    cpu: Math.min(...samples.map((sample) => sample.cpuMs)),
    rssMb: Math.max(...samples.map((sample) => sample.maxRssMb)),
  };
}

const repeat = option('repeat', 3);
const rows = option('rows', 1_000_000);
mkdirSync(outDirectory, { recursive: true });
const generationStarted = performance.now();
const file = ensureWideCsv(outDirectory, rows);
const generationMs = performance.now() - generationStarted;
const megabytes = statSync(file).size / 1024 ** 2;
console.log(
  `input: ${path.relative(repoRoot, file)} (${megabytes.toFixed(0)} MB, ${rows.toLocaleString('en-US')} rows × 20 columns; ready in ${(generationMs / 1000).toFixed(1)} s)`,
);
console.log(
  `machine: ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' / ')}; best of ${repeat}${threads > 0 ? `; DuckDB threads: ${threads}` : ''}\n`,
);

const errors: string[] = [];
const collect = (bucket: Sample[], result: Sample | { error: string }): void => {
  if (isSample(result)) bucket.push(result);
  else errors.push(result.error);
};
const baseline: Sample[] = [];
const raw: Sample[] = [];
const rawFile: Sample[] = [];
const askdata: Sample[] = [];
const pandas: Sample[] = [];
const profile: Sample[] = [];
/** raw-file and askdata of the same round: they ran back to back, under about the same load. */
const pairs: { rawFile: Sample; askdata: Sample }[] = [];
const python = findPandasPython();
const homes = path.join(outDirectory, 'homes');
rmSync(homes, { recursive: true, force: true });
collect(baseline, runNode('baseline', ['baseline']));
let lastHome = '';
// Interleaved so that load from other processes hits every contender alike.
for (let round = 1; round <= repeat; round++) {
  process.stdout.write(`round ${round}/${repeat}: raw DuckDB… `);
  collect(raw, runNode('raw', ['raw', file]));
  process.stdout.write('raw DuckDB to a file… ');
  mkdirSync(homes, { recursive: true });
  const before = [rawFile.length, askdata.length];
  collect(rawFile, runNode('raw-file', ['raw-file', file, homes]));
  process.stdout.write('askdata… ');
  lastHome = path.join(homes, `round-${round}`);
  collect(askdata, runNode('askdata', ['askdata', file, lastHome]));
  if (rawFile.length > before[0]! && askdata.length > before[1]!) {
    pairs.push({ rawFile: rawFile.at(-1)!, askdata: askdata.at(-1)! });
  }
  if (python) {
    process.stdout.write('pandas… ');
    collect(pandas, runPandas(python, file));
  }
  if (askdata.length > 0) {
    process.stdout.write('profile… ');
    collect(profile, runNode('profile', ['profile', lastHome, 'wide']));
  }
  console.log('done');
}

const rawSummary = summary(raw);
const rawFileSummary = summary(rawFile);
const askdataSummary = summary(askdata);
const pandasSummary = pandas.length > 0 ? summary(pandas) : undefined;
const profileSummary = profile.length > 0 ? summary(profile) : undefined;
const throughput = (ms: number): string => `${(megabytes / (ms / 1000)).toFixed(1)} MB/s`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const lines: string[][] = [['job', 'best', 'median', 'CPU time', 'throughput (best)', 'peak RSS']];
const add = (label: string, s: Summary | undefined, withThroughput = true): void => {
  if (!s || !Number.isFinite(s.best)) return;
  const row = [label, seconds(s.best), seconds(s.median), seconds(s.cpu)];
  lines.push([...row, withThroughput ? throughput(s.best) : '', `${s.rssMb.toFixed(0)} MB`]);
};
add('raw DuckDB read_csv → table', rawSummary);
add('raw DuckDB read_csv → table in a file', rawFileSummary);
add('askdata Workspace.load', askdataSummary);
add('pandas read_csv', pandasSummary);
add('askdata profile (1M × 20)', profileSummary, false);
const baselineRss = baseline[0]?.maxRssMb;
if (baselineRss !== undefined)
  lines.push(['(process start-up only)', '', '', '', '', `${baselineRss.toFixed(0)} MB`]);
const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
console.log();
for (const [index, line] of lines.entries()) {
  const cells = line.map((cell, column) =>
    column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
  );
  console.log(cells.join('  '));
  if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
}

const verdict = (met: boolean): string => (met ? 'MET' : 'NOT MET');
const busy = os.loadavg()[0]! > os.cpus().length;
console.log('\ncomparisons:');
// The goal (issue [1], docs/decisions/0009): askdata's load against raw DuckDB doing the same job, reading
// the CSV into a table in a database file. The in-memory read persists nothing; it is printed as context.
const persistedWall = rawFileSummary.best / askdataSummary.best;
const persistedCpu = rawFileSummary.cpu / askdataSummary.cpu;
console.log(
  `  askdata / raw DuckDB read_csv → table in a file (both persist), best wall: ${persistedWall.toFixed(2)} (goal ≥ 0.90) ${verdict(persistedWall >= 0.9)}`,
);
console.log(
  `  askdata / raw DuckDB read_csv → table in a file (both persist), CPU time:  ${persistedCpu.toFixed(2)} (goal ≥ 0.90) ${verdict(persistedCpu >= 0.9)}`,
);
if (pairs.length > 1) {
  const ratios = (key: 'ms' | 'cpuMs'): string =>
    pairs.map((pair) => (pair.rawFile[key] / pair.askdata[key]).toFixed(2)).join(', ');
  console.log(`    round by round (back to back): wall ${ratios('ms')}; CPU ${ratios('cpuMs')}`);
}
const wallRatio = rawSummary.best / askdataSummary.best;
const cpuRatio = rawSummary.cpu / askdataSummary.cpu;
const ceilingWall = rawSummary.best / rawFileSummary.best;
const ceilingCpu = rawSummary.cpu / rawFileSummary.cpu;
console.log(
  `  askdata / raw DuckDB read_csv → in-memory table (nothing persisted): ${wallRatio.toFixed(2)} wall, ${cpuRatio.toFixed(2)} CPU`,
);
console.log(
  `    for context, raw DuckDB's own file / in-memory ratio: ${ceilingWall.toFixed(2)} wall, ${ceilingCpu.toFixed(2)} CPU (the cost of writing a compressed database file; see docs/decisions/0009)`,
);
if (pandasSummary) {
  const version = pandas[0]?.['version'] ?? '';
  console.log(
    `  askdata load vs pandas ${version} read_csv: ${(pandasSummary.best / askdataSummary.best).toFixed(2)}× pandas speed (wall), ${(pandasSummary.cpu / askdataSummary.cpu).toFixed(2)}× (CPU)`,
  );
} else {
  console.log('  pandas: not installed, skipped');
}
if (profileSummary) {
  console.log(
    `  profile: best wall ${seconds(profileSummary.best)} (goal ≤ 3 s) ${verdict(profileSummary.best <= 3000)}; CPU ${seconds(profileSummary.cpu)} across ${os.cpus().length} CPUs`,
  );
}
if (busy) {
  console.log(
    `  note: the machine was busy (load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs), so wall times are inflated and noisy; CPU-time ratios are the steadier comparison.`,
  );
}
const mismatched = [...raw, ...askdata, ...pandas].filter(
  (sample) => sample.rows !== undefined && sample.rows !== rows,
);
if (mismatched.length > 0) {
  errors.push(`row count mismatch: ${mismatched.map((sample) => sample.rows).join(', ')} (expected ${rows})`);
}
for (const error of errors) console.log(`  warning: ${error}`);

const report = {
  file: path.relative(repoRoot, file),
  megabytes,
  rows,
  repeat,
  loadAverage: os.loadavg(),
  raw,
  rawFile,
  askdata,
  pandas,
  profile,
  baseline,
  errors,
};
writeFileSync(path.join(outDirectory, 'ingest-results.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nraw figures: ${path.relative(repoRoot, path.join(outDirectory, 'ingest-results.json'))}`);
