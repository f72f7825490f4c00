/**
 * `npm run bench:server`: the HTTP server under load from this process, the server in a child process on
 * loopback (PGlite metadata; Redis cache and limits when REDIS_URL is set). Bounded in count and time.
 *   baseline  — a bare Hono route on the same stack (bench/server/hello-server.ts)
 *   cached    — POST /v1/query with a result-cache hit (auth, rate limit, guard, cache, audit)
 *   question  — the full ask path on a repeated question: POST /messages (commit) + SSE until `done`, and
 *               the same as one request (POST with Accept: text/event-stream answers with the events); each
 *               load worker is a user asking in a session of their own, one question at a time
 *   streams   — 200 concurrent sessions asking at once (streaming POSTs): time to first SSE event (P50/P95)
 *   memory    — resident memory added per active streaming session at the peak of that burst
 * Targets from issue 8: cached throughput ≥ 1,000 req/s on 2 cores; P95 first event ≤ 200 ms.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closedLoop, type LoadResult, percentile, request } from './load';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'packages/cli/bin/askdata.js');
const runTs = path.join(repoRoot, 'packages/cli/bin/run-ts.js');
const streamingSessions = 200;
// `BENCH_CPU_PROF=<dir>`: the servers write V8 CPU profiles there (open them in Chrome DevTools).
const profileArgs = process.env.BENCH_CPU_PROF
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
  : [];

async function startChild(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...profileArgs, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Never leave a server behind, whatever happens to this process.
  process.once('exit', () => child.kill('SIGKILL'));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 180_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    /** CPU seconds (user + system, all threads) the server process has used so far. */
    cpuSeconds: () => processCpuSeconds(child.pid),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** From /proc (Linux): utime + stime of a process, in seconds (clock ticks of 1/100 s). */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of every PostgreSQL process on this machine (with `--postgres`, its backends serve the bench). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]?.split(' ') ?? [];
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Load, then the server's CPU per request: a figure that a busy machine disturbs far less than req/s. */
async function measured(server: { cpuSeconds(): number }, load: () => Promise<LoadResult>) {
  const before = server.cpuSeconds();
  const clientBefore = process.cpuUsage();
  const postgresBefore = postgresUrl ? postgresCpuSeconds() : 0;
  const result = await load();
  const client = process.cpuUsage(clientBefore);
  return {
    ...result,
    ...(postgresUrl
      ? { postgresCpuMs: ((postgresCpuSeconds() - postgresBefore) * 1000) / result.requests }
      : {}),
    serverCpuMs: ((server.cpuSeconds() - before) * 1000) / result.requests,
    // The load generator shares the 2 cores: what it spends per request is not left for the server.
    clientCpuMs: (client.user + client.system) / 1000 / result.requests,
  };
}

function line(
  name: string,
  result: LoadResult & { serverCpuMs?: number; clientCpuMs?: number; postgresCpuMs?: number },
) {
  const statuses = Object.entries(result.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  console.log(
    `${name.padEnd(34)} ${result.perSecond.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(1).padStart(7)} ms  p95 ${result.p95Ms.toFixed(1).padStart(7)} ms  (${result.requests} requests in ${result.seconds.toFixed(1)} s, ${result.errors} errors; ${statuses})${result.serverCpuMs === undefined ? '' : `; server CPU ${result.serverCpuMs.toFixed(2)} ms/request`}${result.clientCpuMs === undefined ? '' : `, load generator ${result.clientCpuMs.toFixed(2)} ms`}${result.postgresCpuMs === undefined ? '' : `, PostgreSQL ${result.postgresCpuMs.toFixed(2)} ms`}`,
  );
}

async function readSse(response: Response, onFirstEvent: () => void): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let first = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (!first && text.includes('event:')) {
      first = true;
      onFirstEvent();
    }
  }
  return text;
}

async function residentBytes(url: string): Promise<number> {
  const text = await fetch(`${url}/metrics`)
    .then((response) => response.text())
    .catch(() => '');
  const match = /^askdata_process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)/m.exec(text);
  return Number(match?.[1] ?? Number.NaN);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const home = mkdtempSync(path.join(tmpdir(), 'askdata-bench-server-'));
// `-- --postgres`: metadata on the PostgreSQL server (ASKDATA_TEST_PG_URL or the local one), in a schema of its own.
const postgresUrl = process.argv.includes('--postgres')
  ? (process.env.ASKDATA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
  : undefined;
const schema = `bench_server_${process.pid}`;
const storeEnv: Record<string, string> = postgresUrl
  ? { DATABASE_URL: postgresUrl, ASKDATA_DATABASE_SCHEMA: schema }
  : {};
console.log(
  `bench:server — ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)}, node ${process.version}, metadata ${postgresUrl ? 'PostgreSQL' : 'PGlite'}, cache and rate limits ${process.env.REDIS_URL ? 'Redis' : 'in process'}`,
);
try {
  const hello = await startChild([runTs, path.join(import.meta.dirname, 'hello-server.ts')]);
  try {
    line(
      'baseline GET /hello (bare Hono)',
      await measured(hello, () =>
        closedLoop(() => request(`${hello.url}/hello`), {
          concurrency: 32,
          maxRequests: 30_000,
          maxSeconds: 5,
          expectStatus: 200,
        }),
      ),
    );
  } finally {
    await hello.stop();
  }

  const server = await startChild(
    [cli, '--home', home, 'serve', '--demo', '--port', String(await freePort())],
    {
      ASKDATA_RATE_LIMIT_PER_MINUTE: '100000000',
      ...storeEnv,
    },
  );
  try {
    const json = { 'content-type': 'application/json' };
    await fetch(`${server.url}/v1/auth/bootstrap`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password', name: 'Bench' }),
    });
    const login = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const keyResponse = await fetch(`${server.url}/v1/api-keys`, {
      method: 'POST',
      headers: { ...json, cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'bench', scopes: ['admin'] }),
    });
    const { secret } = (await keyResponse.json()) as { secret: string };
    const auth = { ...json, authorization: `Bearer ${secret}` };
    const load = (method: string, route: string, body?: unknown) =>
      request(`${server.url}${route}`, {
        method,
        headers: auth,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const api = (method: string, route: string, body?: unknown) =>
      fetch(`${server.url}${route}`, {
        method,
        headers: auth,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const { datasources } = (await (await api('GET', '/v1/datasources')).json()) as {
      datasources: { id: string }[];
    };
    const datasourceId = datasources[0]?.id as string;
    const newSession = async () =>
      ((await (await api('POST', '/v1/sessions', { datasourceId })).json()) as { session: { id: string } })
        .session.id;

    const sql = 'SELECT segment, count(*) AS customers FROM customers GROUP BY segment ORDER BY segment';
    await (await api('POST', '/v1/query', { datasourceId, sql })).arrayBuffer();
    line(
      'cached POST /v1/query',
      await measured(server, () =>
        closedLoop(() => load('POST', '/v1/query', { datasourceId, sql }), {
          concurrency: 32,
          maxRequests: 20_000,
          maxSeconds: 8,
          expectStatus: 200,
        }),
      ),
    );

    // Each worker is one user with a session of their own, asking a question already answered (as a chat
    // is used: one question at a time per session). The first round fills the answer cache.
    const questionWorkers = 32;
    const workerSessions = await Promise.all(Array.from({ length: questionWorkers }, () => newSession()));
    const ask = async (worker: number) => {
      const session = workerSessions[worker % questionWorkers];
      const posted = await load('POST', `/v1/sessions/${session}/messages`, {
        question: 'Revenue by region',
      });
      if (posted.status !== 202) return posted;
      const { runId } = JSON.parse(posted.text) as { runId: string };
      const events = await load('GET', `/v1/runs/${runId}/events`);
      return { status: events.text.includes('"status":"succeeded"') ? 200 : 500, text: '' };
    };
    for (let round = 0; round < 2; round++) await Promise.all(workerSessions.map((_, worker) => ask(worker)));
    line(
      'cached question: POST + SSE to done',
      await measured(server, () =>
        closedLoop(ask, {
          concurrency: 16,
          maxRequests: 3_000,
          maxSeconds: 10,
          expectStatus: 200,
        }),
      ),
    );
    // One request: the POST answers with the run's event stream (Accept: text/event-stream).
    const streamed = { ...auth, accept: 'text/event-stream' };
    const askStreaming = async (worker: number) => {
      const session = workerSessions[worker % questionWorkers];
      const posted = await request(`${server.url}/v1/sessions/${session}/messages`, {
        method: 'POST',
        headers: streamed,
        body: JSON.stringify({ question: 'Revenue by region' }),
      });
      return { status: posted.text.includes('"status":"succeeded"') ? 200 : 500, text: '' };
    };
    line(
      'cached question: one streaming POST',
      await measured(server, () =>
        closedLoop(askStreaming, {
          concurrency: questionWorkers,
          maxRequests: 20_000,
          maxSeconds: 10,
          expectStatus: 200,
        }),
      ),
    );

    const sessions = await Promise.all(Array.from({ length: streamingSessions }, () => newSession()));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = await residentBytes(server.url);
    let peak = idle;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const sample = await residentBytes(server.url);
        if (Number.isFinite(sample)) peak = Math.max(peak, sample);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const firstEvent: number[] = [];
    const complete: number[] = [];
    let failed = 0;
    const burstStarted = performance.now();
    await Promise.all(
      sessions.map(async (id, index) => {
        try {
          const sent = performance.now();
          const question = ['Revenue by region', 'Number of orders by year', 'Top 5 products by revenue'][
            index % 3
          ];
          const stream = await fetch(`${server.url}/v1/sessions/${id}/messages`, {
            method: 'POST',
            headers: streamed,
            body: JSON.stringify({ question }),
          });
          const text = await readSse(stream, () => firstEvent.push(performance.now() - sent));
          complete.push(performance.now() - sent);
          if (!text.includes('"status":"succeeded"')) failed++;
        } catch {
          failed++;
        }
      }),
    );
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    sampling = false;
    await sampler;
    firstEvent.sort((a, b) => a - b);
    complete.sort((a, b) => a - b);
    console.log(
      `${streamingSessions} concurrent streaming sessions: first event p50 ${percentile(firstEvent, 0.5).toFixed(0)} ms, p95 ${percentile(firstEvent, 0.95).toFixed(0)} ms (from POST); done p50 ${percentile(complete, 0.5).toFixed(0)} ms, p95 ${percentile(complete, 0.95).toFixed(0)} ms; all in ${burstSeconds.toFixed(1)} s; ${failed} not succeeded`,
    );
    console.log(
      `memory: idle RSS ${(idle / 2 ** 20).toFixed(0)} MiB, peak during the burst ${(peak / 2 ** 20).toFixed(0)} MiB → ${((peak - idle) / streamingSessions / 1024).toFixed(0)} KiB per active streaming session`,
    );
  } finally {
    await server.stop();
  }
} finally {
  rmSync(home, { recursive: true, force: true });
  if (postgresUrl) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}
