/**
 * Closed-loop load on loopback: `concurrency` workers send requests back to back, bounded in count and time.
 * `send` gets the worker's number (0 … concurrency − 1), for workloads where each worker is one user.
 */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  statuses: Record<string, number>;
}

import http from 'node:http';

/** What the load loops need of a response. */
export interface Reply {
  status: number;
  text: string;
}

/**
 * The load generator's client: node:http over kept-alive connections. It shares the 2 cores with the
 * server, and costs about a tenth of the CPU per request that `fetch` does, so more is left to measure.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const sent = http.request(
      url,
      { agent, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(options.body);
  });
}

export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] as number;
}

export async function closedLoop(
  send: (worker: number) => Promise<Reply>,
  options: { concurrency: number; maxRequests: number; maxSeconds: number; expectStatus: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let started = 0;
  let errors = 0;
  const begin = performance.now();
  const deadline = begin + options.maxSeconds * 1000;
  const worker = async (index: number) => {
    while (started < options.maxRequests && performance.now() < deadline) {
      started++;
      const sent = performance.now();
      try {
        const response = await send(index);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status !== options.expectStatus) errors++;
      } catch {
        errors++;
        statuses['network'] = (statuses['network'] ?? 0) + 1;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  const seconds = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    statuses,
  };
}
