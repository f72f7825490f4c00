/**
 * Two `askdata serve` processes sharing PostgreSQL, Redis and the workspace folder serve the same user
 * session: sign in on one, use the cookie on the other, ask on one and stream from the other; the rate
 * limit is counted once across both through Redis.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import { parseSse } from './support/fixtures';
import {
  httpClient,
  type ServerProcess,
  sharedStoreEnv,
  spawnServer,
  stopServers,
} from './support/server-process';
import { dropSchema, postgresAvailable, uniqueSchema } from './support/test-server';

const redisAvailable = await probeService('redis');
const rateLimit = 40;

describe.skipIf(!postgresAvailable || !redisAvailable)('two processes on PostgreSQL and Redis', () => {
  let home: string;
  const schema = uniqueSchema('pair');
  let first: ServerProcess;
  let second: ServerProcess;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'askdata-pair-'));
    const env = sharedStoreEnv(schema, {
      REDIS_URL: serviceAddresses.redis.url,
      ASKDATA_RATE_LIMIT_PER_MINUTE: String(rateLimit),
    });
    first = await spawnServer({ home, env, demo: true });
    second = await spawnServer({ home, env });
  }, 180_000);
  afterAll(async () => {
    await stopServers(first, second);
    await dropSchema(schema);
    await rm(home, { recursive: true, force: true });
  });

  it('serves one session from both processes', async () => {
    const anonymous = httpClient(first.url);
    await anonymous.call('POST', '/v1/auth/bootstrap', {
      email: 'ada@example.com',
      password: 'password123',
      name: 'Ada',
    });
    const onFirst = await anonymous.login('ada@example.com', 'password123');
    const onSecond = onFirst.withBase(second.url);
    const me = (await (await onSecond.call('GET', '/v1/auth/me')).json()) as { user: { email: string } };
    expect(me.user.email).toBe('ada@example.com');

    const datasources = (await (await onSecond.call('GET', '/v1/datasources')).json()) as {
      datasources: { id: string; name: string }[];
    };
    expect(datasources.datasources.map((datasource) => datasource.name)).toEqual(['Demo retail']);
    const created = await onFirst.call('POST', '/v1/sessions', {
      datasourceId: datasources.datasources[0]?.id,
    });
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;

    // Asked on the second process, streamed from the first (which reads the run's events from PostgreSQL).
    const posted = await onSecond.call('POST', `/v1/sessions/${sessionId}/messages`, {
      question: 'Revenue by region',
    });
    expect(posted.status).toBe(202);
    const { runId, messageId } = (await posted.json()) as { runId: string; messageId: string };
    const events = parseSse(await (await onFirst.call('GET', `/v1/runs/${runId}/events`)).text());
    expect(events.at(-1)).toEqual({ event: 'done', data: { status: 'succeeded' } });
    expect(events.map((event) => event.event)).toContain('answer');

    const session = (await (await onFirst.call('GET', `/v1/sessions/${sessionId}`)).json()) as {
      messages: { id: string; status: string }[];
    };
    expect(session.messages.find((message) => message.id === messageId)?.status).toBe('complete');
    // A follow-up on the first process reads the answer the second one stored.
    const follow = await onFirst.call('POST', `/v1/sessions/${sessionId}/messages`, {
      question: 'only for EMEA',
    });
    const followRun = ((await follow.json()) as { runId: string }).runId;
    const followEvents = parseSse(await (await onSecond.call('GET', `/v1/runs/${followRun}/events`)).text());
    expect(followEvents.at(-1)?.event).toBe('done');
    // It builds on the answer the other process stored: still revenue by region, now only EMEA.
    const followSql = String(
      (followEvents.find((event) => event.event === 'sql')?.data as { sql?: string })?.sql,
    );
    expect(followSql).toMatch(/region/i);
    expect(followSql).toMatch(/'EMEA'/);
  }, 120_000);

  it('counts the rate limit across both processes in Redis', async () => {
    const admin = await httpClient(first.url).login('ada@example.com', 'password123');
    const email = `rate-${Date.now()}@example.com`;
    await admin.call('POST', '/v1/users', { email, password: 'password123', name: 'R', role: 'viewer' });
    const user = await httpClient(first.url).login(email, 'password123');
    const clients = [user, user.withBase(second.url)];
    // Redis windows are aligned to the minute: start well inside one so the count is not reset halfway.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoWindow));
    const statuses: number[] = [];
    // Sign-in counts against the client address, not the user, so all of these count against the user.
    for (let index = 0; index < rateLimit + 6; index++) {
      const response = await (clients[index % 2] as typeof user).call('GET', '/v1/auth/me');
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    const allowed = statuses.filter((status) => status === 200).length;
    const limited = statuses.filter((status) => status === 429).length;
    // Each process alone would allow all of them; together they stop at the shared limit.
    expect(allowed).toBeLessThanOrEqual(rateLimit);
    expect(limited).toBeGreaterThanOrEqual(6);
    expect(allowed + limited).toBe(statuses.length);
  }, 60_000);
});
