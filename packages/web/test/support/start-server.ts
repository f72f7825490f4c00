import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ServerProcess {
  baseUrl: string;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  /** Milliseconds from spawn until /readyz answered 200. */
  readyMs: number;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the real `askdata serve --demo` as a child process on a free port, with ASKDATA_HOME in a fresh
 * temporary folder, and waits until /readyz says it is ready.
 */
export async function startAskdataServer(timeoutMs = 150_000): Promise<ServerProcess> {
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'askdata-web-e2e-'));
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'packages/cli/bin/askdata.js'), 'serve', '--demo', '--port', String(port)],
    {
      cwd: repoRoot,
      env: { ...process.env, ASKDATA_HOME: home, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(home, { recursive: true, force: true });
  };

  const deadline = spawnedAt + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`askdata serve exited with ${child.exitCode} before it was ready:\n${log}`);
    }
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) {
      return {
        baseUrl,
        spawnedAt,
        readyMs: Math.round(performance.now() - spawnedAt),
        output: () => log,
        stop,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`askdata serve was not ready within ${timeoutMs} ms:\n${log}`);
}
