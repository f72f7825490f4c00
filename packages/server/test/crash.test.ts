/**
 * Durability with real processes on the real PostgreSQL: questions posted under load, the server killed
 * with SIGKILL, restarted: every question that got a 202 is still there with its answer message, and no
 * run is left queued or running (interrupted ones are marked failed). Then SIGTERM lets an open stream finish.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAddresses } from '../../../test-support/services';
import { parseSse } from './support/fixtures';
import { httpClient, type ServerProcess, spawnServer } from './support/server-process';
import { dropSchema, postgresAvailable, uniqueSchema } from './support/test-server';

const questions = [
  'Total revenue by customer segment',
  'Number of orders by year',
  'Top 5 products by revenue',
  'Revenue by region',
  'Number of customers by segment',
  'Average order value by month',
];

describe.skipIf(!postgresAvailable)('crash and restart on PostgreSQL', () => {
  let home: string;
  const schema = uniqueSchema('crash');
  let env: Record<string, string>;
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'askdata-crash-'));
    env = {
      DATABASE_URL: serviceAddresses.postgres.url,
      ASKDATA_DATABASE_SCHEMA: schema,
      ASKDATA_SECRET_KEY: randomBytes(32).toString('base64'),
      ASKDATA_RUN_HEARTBEAT_MS: '300',
      ASKDATA_STALE_RUN_MS: '3000',
      ASKDATA_RATE_LIMIT_PER_MINUTE: '100000',
    };
  });
  afterAll(async () => {
    for (const server of running) server.child.kill('SIGKILL');
    await dropSchema(schema);
    await rm(home, { recursive: true, force: true });
  });

  it('keeps every committed message after kill -9 and fails the interrupted runs', async () => {
    const first = await spawnServer({ home, env, demo: true });
    running.push(first);
    const anonymous = httpClient(first.url);
    expect(
      (
        await anonymous.call('POST', '/v1/auth/bootstrap', {
          email: 'ada@example.com',
          password: 'password123',
          name: 'Ada',
        })
      ).status,
    ).toBe(201);
    const ada = await anonymous.login('ada@example.com', 'password123');
    const datasources = (await (await ada.call('GET', '/v1/datasources')).json()) as {
      datasources: { id: string }[];
    };
    const created = await ada.call('POST', '/v1/sessions', { datasourceId: datasources.datasources[0]?.id });
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;

    // Load: 8 clients posting questions back to back until the process dies. Half of them ask in the shared
    // session (repeated questions there are often committed already answered), half in a new session each
    // time, so runs are in flight when the process dies.
    const accepted: { runId: string; messageId: string; question: string; session: string }[] = [];
    let dead = false;
    const client = async (index: number) => {
      for (let round = 0; !dead; round++) {
        const question = questions[(index + round) % questions.length] as string;
        try {
          const session =
            index % 2 === 0
              ? sessionId
              : (
                  (await (
                    await ada.call('POST', '/v1/sessions', { datasourceId: datasources.datasources[0]?.id })
                  ).json()) as { session: { id: string } }
                ).session.id;
          const response = await ada.call('POST', `/v1/sessions/${session}/messages`, { question });
          if (response.status === 202)
            accepted.push({
              ...((await response.json()) as { runId: string; messageId: string }),
              question,
              session,
            });
        } catch {
          return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, index) => client(index)));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    first.child.kill('SIGKILL');
    dead = true;
    expect(await first.exited).toBe('SIGKILL');
    await load;
    expect(accepted.length).toBeGreaterThan(5);

    const database = new pg.Client({ connectionString: serviceAddresses.postgres.url });
    await database.connect();
    try {
      const before = await database.query(
        `SELECT status, count(*)::int AS n FROM "${schema}".runs GROUP BY status`,
      );
      const open = before.rows.filter((row) => row.status === 'running' || row.status === 'queued');
      expect(open.length, 'some runs were in flight when the process died').toBeGreaterThan(0);

      const second = await spawnServer({ home, env });
      running.push(second);
      const again = ada.withBase(second.url);
      // The restarted process marks runs of the dead one failed and picks up runs never started.
      const deadline = Date.now() + 30_000;
      let statuses: { status: string; n: number }[] = [];
      while (Date.now() < deadline) {
        statuses = (
          await database.query(`SELECT status, count(*)::int AS n FROM "${schema}".runs GROUP BY status`)
        ).rows;
        if (!statuses.some((row) => row.status === 'running' || row.status === 'queued')) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(statuses.filter((row) => row.status === 'running' || row.status === 'queued')).toEqual([]);
      const interrupted = await database.query(
        `SELECT count(*)::int AS n FROM "${schema}".runs WHERE status = 'failed' AND error->>'code' = 'interrupted'`,
      );
      const wasRunning = before.rows.find((row) => row.status === 'running')?.n ?? 0;
      expect(interrupted.rows[0]?.n).toBe(wasRunning);

      type Messages = { messages: { id: string; role: string; content: string; status: string }[] };
      const messagesOf = async (id: string) =>
        ((await (await again.call('GET', `/v1/sessions/${id}`)).json()) as Messages).messages;
      const session = { messages: await messagesOf(sessionId) };
      const byId = new Map(session.messages.map((message) => [message.id, message]));
      for (const entry of accepted) {
        const answer =
          entry.session === sessionId
            ? byId.get(entry.messageId)
            : (await messagesOf(entry.session)).find((message) => message.id === entry.messageId);
        expect(answer, `assistant message of run ${entry.runId}`).toBeDefined();
        expect(['complete', 'failed', 'cancelled']).toContain(answer?.status);
        const run = (await (await again.call('GET', `/v1/runs/${entry.runId}`)).json()) as {
          run: { status: string };
        };
        expect(['succeeded', 'failed', 'cancelled']).toContain(run.run.status);
        const events = parseSse(await (await again.call('GET', `/v1/runs/${entry.runId}/events`)).text());
        expect(events.at(-1)?.event).toBe('done');
      }
      const asked = session.messages
        .filter((message) => message.role === 'user')
        .map((message) => message.content);
      expect(asked.length).toBeGreaterThanOrEqual(
        accepted.filter((entry) => entry.session === sessionId).length,
      );

      // Graceful shutdown: SIGTERM while a stream is open lets it finish with `done`, then exits 0.
      const posted = await again.call('POST', `/v1/sessions/${sessionId}/messages`, {
        question: 'Revenue by region',
      });
      const { runId } = (await posted.json()) as { runId: string };
      const stream = await again.call('GET', `/v1/runs/${runId}/events`);
      second.child.kill('SIGTERM');
      const events = parseSse(await stream.text());
      expect(events.at(-1)).toEqual({ event: 'done', data: { status: 'succeeded' } });
      expect(events.map((event) => event.event)).toContain('answer');
      expect(await second.exited).toBe(0);
    } finally {
      await database.end();
    }
  }, 180_000);
});
