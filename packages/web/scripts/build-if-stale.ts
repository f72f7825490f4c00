/**
 * Builds packages/web/dist when it is missing or older than its inputs. Used by the end-to-end tests and,
 * run as a script (`node packages/cli/bin/run-ts.js packages/web/scripts/build-if-stale.ts`), before serving.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webRoot = fileURLToPath(new URL('../', import.meta.url));
export const distIndex = join(webRoot, 'dist', 'index.html');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The web build is stale when any source, the page, the Vite config or the manifest is newer than it. */
export function webBuildIsStale(): boolean {
  if (!existsSync(distIndex)) return true;
  const built = statSync(distIndex).mtimeMs;
  const inputs = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((entry) => join(webRoot, entry));
  return inputs.some((input) => newestMtime(input) > built);
}

/** Builds packages/web/dist with Vite when it is missing or stale; returns what it did and how long it took. */
export async function ensureWebBuild(): Promise<{ built: boolean; ms: number }> {
  if (!webBuildIsStale()) return { built: false, ms: 0 };
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const viteBin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: webRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${output}`);
  return { built: true, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await ensureWebBuild();
  console.log(result.built ? `web app built in ${result.ms} ms` : 'web app is up to date');
}
