/** `askdata serve` as a real child process, for crash, shutdown and multi-process tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serviceAddresses } from '../../../../test-support/services';

const cli = fileURLToPath(new URL('../../../cli/bin/askdata.js', import.meta.url));

export async function freePort(): Promise<number> {
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

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

export interface SpawnOptions {
  home: string;
  env: Record<string, string>;
  demo?: boolean;
  port?: number;
  timeoutMs?: number;
}

/** Starts the server; a free port taken by someone else between the probe and the bind is tried again. */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnce(options);
    } catch (error) {
      if (options.port !== undefined || attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function spawnOnce(options: SpawnOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const args = [
    cli,
    '--home',
    options.home,
    'serve',
    '--port',
    String(port),
    ...(options.demo ? ['--demo'] : []),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${text}`)),
      options.timeoutMs ?? 90_000,
    );
    const check = () => {
      if (text.includes('askdata serving on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${text}`));
    });
  });
  await ready;
  return { url: `http://127.0.0.1:${port}`, child, output: () => text, exited };
}

/** A tiny cookie-aware client for a real server. */
export function httpClient(baseUrl: string, identity: { cookie?: string; csrfToken?: string } = {}) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const all: Record<string, string> = { ...headers };
    if (identity.cookie) all['cookie'] = identity.cookie;
    if (identity.csrfToken && method !== 'GET') all['x-csrf-token'] = identity.csrfToken;
    if (body !== undefined) all['content-type'] = 'application/json';
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: all,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  };
  return {
    call,
    withBase: (other: string) => httpClient(other, identity),
    async login(email: string, password: string) {
      const response = await call('POST', '/v1/auth/login', { email, password });
      if (response.status !== 200) throw new Error(`login: ${response.status} ${await response.text()}`);
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return httpClient(baseUrl, { cookie, csrfToken });
    },
    identity,
  };
}

/** The environment of server processes that share one PostgreSQL metadata store (in `schema`) and one key. */
export function sharedStoreEnv(schema: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: serviceAddresses.postgres.url,
    ASKDATA_DATABASE_SCHEMA: schema,
    ASKDATA_SECRET_KEY: randomBytes(32).toString('base64'),
    ...extra,
  };
}

/** Asks each process to stop (SIGTERM) and waits until all have exited. */
export async function stopServers(...servers: (ServerProcess | undefined)[]): Promise<void> {
  for (const server of servers) server?.child.kill('SIGTERM');
  await Promise.all(servers.map((server) => server?.exited));
}
