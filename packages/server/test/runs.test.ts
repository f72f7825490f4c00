/** Answer runs: SSE of a real offline answer, replay after Last-Event-ID, cancel, idempotency, exactly once. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RunManager } from '../src/runs/run-manager';
import { askAndWait, createPeople, parseSse } from './support/fixtures';
import { backends, openTestServer, type TestServer } from './support/test-server';

describe.each(backends)('runs on %s', (backend) => {
  let server: TestServer;
  let people: Awaited<ReturnType<typeof createPeople>>;
  let sessionId: string;

  beforeAll(async () => {
    server = await openTestServer(backend, 'runs');
    people = await createPeople(server);
    const created = await people.as('vera')('POST', '/v1/sessions', {
      body: { datasourceId: server.demo?.id },
    });
    sessionId = ((await created.json()) as { session: { id: string } }).session.id;
  });
  afterAll(async () => server?.close());

  it('streams a real offline answer over SSE and stores it', async () => {
    const { runId, messageId, events } = await askAndWait(
      people.as('vera'),
      sessionId,
      'Total revenue by customer segment',
    );
    const types = events.map((event) => event.event);
    expect(types[0]).toBe('step-started');
    expect(types).toContain('interpretation');
    expect(types).toContain('sql');
    expect(types).toContain('rows');
    expect(types.at(-2)).toBe('answer');
    expect(events.at(-1)).toEqual({ event: 'done', data: { status: 'succeeded' } });
    const ids = events.filter((event) => event.id).map((event) => Number(event.id));
    expect(ids).toEqual(ids.map((_, index) => index + 1));
    for (const event of events.slice(0, -1)) expect((event.data as { type: string }).type).toBe(event.event);
    // Streamed from memory, persisted in batches: the store holds the same events under the same numbers.
    const stored = await server.deps.store.runs.events(runId);
    expect(stored.map((event) => [event.seq, event.type, event.data])).toEqual(
      events.slice(0, -1).map((event) => [Number(event.id), event.event, event.data]),
    );
    // Kept a moment after the end (for the stream that comes just after), finished, and no longer running here.
    expect(server.deps.runs.liveRun(runId)?.state).toEqual({ kind: 'finished', status: 'succeeded' });
    expect(server.deps.runs.isLocal(runId)).toBe(false);

    const rows = events.find((event) => event.event === 'rows')?.data as {
      result: { rows: [string, number][] };
    };
    expect(rows.result.rows.map((row) => row[0]).sort()).toEqual(['Consumer', 'Corporate', 'Home Office']);
    // The SQL it ran is attributed to its asker, committed with the run's final status.
    const { entries } = await server.deps.store.audit.list(server.deps.org.id, { limit: 20 });
    const ran = entries.find((entry) => entry.action === 'sql.run' && entry.details['runId'] === runId);
    expect(ran?.actorUserId).toBe(people.ids.vera);
    expect(ran?.details).toMatchObject({ rows: 3, sql: expect.stringMatching(/segment/i) });

    const run = await people.as('vera')('GET', `/v1/runs/${runId}`);
    expect(await run.json()).toEqual({ run: { id: runId, status: 'succeeded', messageId } });
    const session = (await (await people.as('vera')('GET', `/v1/sessions/${sessionId}`)).json()) as {
      messages: {
        id: string;
        role: string;
        status: string;
        content: string;
        answer?: { sql: string; chart: { spec: unknown } };
      }[];
    };
    const answer = session.messages.find((message) => message.id === messageId);
    expect(answer?.status).toBe('complete');
    expect(answer?.answer?.sql).toMatch(/SUM\("order_lines"\."revenue"\)/);
    expect(session.messages.find((message) => message.role === 'user')?.content).toBe(
      'Total revenue by customer segment',
    );
    const chart = await people.as('vera')('GET', `/v1/charts/${messageId}`);
    expect(await chart.json()).toEqual(answer?.answer?.chart.spec);
    const svg = await people.as('vera')('GET', `/v1/charts/${messageId}?format=svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg/);
    const csv = await people.as('vera')('GET', `/v1/messages/${messageId}/export?format=csv`);
    expect((await csv.text()).split('\n')[0]).toMatch(/segment/);
  });

  it('replays only the events after Last-Event-ID', async () => {
    const { runId, events } = await askAndWait(people.as('vera'), sessionId, 'Number of orders by year');
    const replay = await people.as('vera')('GET', `/v1/runs/${runId}/events`, {
      headers: { 'Last-Event-ID': '5' },
    });
    const replayed = parseSse(await replay.text());
    expect(replayed[0]?.id).toBe('6');
    expect(replayed.map((event) => event.event)).toEqual(events.slice(5).map((event) => event.event));
    const byQuery = await people.as('vera')(
      'GET',
      `/v1/runs/${runId}/events?lastEventId=${events.length - 2}`,
    );
    expect(parseSse(await byQuery.text()).map((event) => event.event)).toEqual(['answer', 'done']);
  });

  it('cancels a run', async () => {
    await people.as('ada')('PUT', `/v1/datasources/${server.demo?.id}/permissions`, {
      body: { userId: people.ids.victor, access: 'read', deniedColumns: ['customers.email'] },
    });
    const victor = people.as('victor');
    const created = await victor('POST', '/v1/sessions', { body: { datasourceId: server.demo?.id } });
    const session = ((await created.json()) as { session: { id: string } }).session.id;
    // The run waits in preparing its source until the cancel is in, so it is surely busy when cancelled.
    const { sources } = server.deps;
    const prepare = sources.prepare.bind(sources);
    let release = () => {};
    const cancelled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = vi.spyOn(sources, 'prepare').mockImplementation(async (...args) => {
      await cancelled;
      return prepare(...args);
    });
    let runId = '';
    let messageId = '';
    try {
      const posted = await victor('POST', `/v1/sessions/${session}/messages`, {
        body: { question: 'Revenue by region' },
      });
      ({ runId, messageId } = (await posted.json()) as { runId: string; messageId: string });
      const cancel = await victor('POST', `/v1/runs/${runId}/cancel`);
      expect(cancel.status).toBe(202);
    } finally {
      release();
      held.mockRestore();
    }
    const events = parseSse(await (await victor('GET', `/v1/runs/${runId}/events`)).text());
    expect(events.at(-1)).toEqual({ event: 'done', data: { status: 'cancelled' } });
    expect(events.map((event) => event.event)).not.toContain('answer');
    const stored = (await (await victor('GET', `/v1/sessions/${session}`)).json()) as {
      messages: { id: string; status: string }[];
    };
    expect(stored.messages.find((message) => message.id === messageId)?.status).toBe('cancelled');
    const { entries } = await server.deps.store.audit.list(server.deps.org.id, { limit: 20 });
    expect(entries.find((entry) => entry.action === 'run.cancelled')?.targetId).toBe(runId);
  });

  it('returns the first response again for a repeated Idempotency-Key', async () => {
    const key = `key-${backend}-${Date.now()}`;
    const send = (question: string) =>
      people.as('vera')('POST', `/v1/sessions/${sessionId}/messages`, {
        body: { question },
        headers: { 'Idempotency-Key': key },
      });
    const first = await send('Number of customers');
    const second = await send('Number of customers');
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const firstBody = await first.json();
    expect(await second.json()).toEqual(firstBody);
    const different = await send('Number of products');
    expect(different.status).toBe(409);
    const events = parseSse(
      await (
        await people.as('vera')('GET', `/v1/runs/${(firstBody as { runId: string }).runId}/events`)
      ).text(),
    );
    expect(events.at(-1)?.event).toBe('done');
    const session = (await (await people.as('vera')('GET', `/v1/sessions/${sessionId}`)).json()) as {
      messages: { content: string; role: string }[];
    };
    expect(
      session.messages.filter(
        (message) => message.content === 'Number of customers' && message.role === 'user',
      ),
    ).toHaveLength(1);
  });

  it('replays a repeated question from the answer cache', async () => {
    const vera = people.as('vera');
    const fresh = async () =>
      (
        (await (await vera('POST', '/v1/sessions', { body: { datasourceId: server.demo?.id } })).json()) as {
          session: { id: string };
        }
      ).session.id;
    const hits = server.deps.runs.answers.stats.hits;
    const first = await askAndWait(vera, await fresh(), 'Top 5 products by revenue');
    const second = await askAndWait(vera, await fresh(), 'Top 5 products by revenue');
    expect(server.deps.runs.answers.stats.hits).toBe(hits + 1);
    expect(second.events.map((event) => event.event)).toEqual(first.events.map((event) => event.event));
    const answerOf = (events: typeof first.events) =>
      (events.find((event) => event.event === 'answer')?.data as { answer?: { result: unknown } } | undefined)
        ?.answer;
    expect(answerOf(first.events)?.result).toBeDefined();
    expect(answerOf(second.events)?.result).toEqual(answerOf(first.events)?.result);
    expect(second.runId).not.toBe(first.runId);
  });

  it('commits a repeated question already answered when its answer is known at intake', async () => {
    const vera = people.as('vera');
    const { store, org } = server.deps;
    const created = await vera('POST', '/v1/sessions', { body: { datasourceId: server.demo?.id } });
    const session = ((await created.json()) as { session: { id: string } }).session.id;
    const question = 'Revenue by segment';
    // The first builds on nothing, the second on the first answer: both run. The third builds on an
    // answer equal to the second's base, so its events are known before the commit.
    const first = await askAndWait(vera, session, question);
    const second = await askAndWait(vera, session, question);
    const atIntake = async () => (await server.deps.metrics.answeredAtIntake.get()).values[0]?.value ?? 0;
    const before = await atIntake();
    const posted = await vera('POST', `/v1/sessions/${session}/messages`, { body: { question } });
    const { runId, messageId } = (await posted.json()) as { runId: string; messageId: string };
    // Finished in the commit that answered the POST: nobody claimed it, its answer is stored.
    const run = await store.runs.get(org.id, runId);
    expect(run).toMatchObject({ status: 'succeeded', claimedBy: null });
    expect(await atIntake()).toBe(before + 1);
    expect(run?.input['previousReplyId']).toBe(second.messageId);
    const message = await store.messages.get(org.id, messageId);
    expect(message?.status).toBe('complete');
    expect(message?.content).toBe((await store.messages.get(org.id, second.messageId))?.content);
    // Its stream (from memory) and its stored events (what another process replays) match the first run's.
    const streamed = parseSse(await (await vera('GET', `/v1/runs/${runId}/events`)).text());
    expect(streamed.map((event) => event.event)).toEqual(first.events.map((event) => event.event));
    const stored = await store.runs.events(runId);
    expect(stored.map((event) => event.type)).toEqual(streamed.slice(0, -1).map((event) => event.event));
    expect(stored.at(-1)?.data).toEqual(streamed.at(-2)?.data);
    // Its SQL is audited under its own run id, chained with the question.
    const { entries } = await store.audit.list(org.id, { limit: 20 });
    expect(
      entries.find((entry) => entry.action === 'sql.run' && entry.details['runId'] === runId),
    ).toBeDefined();
    expect(
      entries.find((entry) => entry.action === 'question.asked' && entry.targetId === runId),
    ).toBeDefined();
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it('streams the events in the response to the question itself with Accept: text/event-stream', async () => {
    const vera = people.as('vera');
    const created = await vera('POST', '/v1/sessions', { body: { datasourceId: server.demo?.id } });
    const session = ((await created.json()) as { session: { id: string } }).session.id;
    const headers = { accept: 'text/event-stream', 'idempotency-key': `stream-${Date.now()}` };
    const posted = await vera('POST', `/v1/sessions/${session}/messages`, {
      body: { question: 'Number of orders by year' },
      headers,
    });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('content-type')).toContain('text/event-stream');
    const runId = posted.headers.get('x-run-id') ?? '';
    const events = parseSse(await posted.text());
    expect(events[0]?.event).toBe('step-started');
    expect(events.at(-2)?.event).toBe('answer');
    expect(events.at(-1)).toEqual({ event: 'done', data: { status: 'succeeded' } });
    // The same events as the run's own stream, and a retry names the same run instead of asking again.
    const again = parseSse(await (await vera('GET', `/v1/runs/${runId}/events`)).text());
    expect(again).toEqual(events);
    const retried = await vera('POST', `/v1/sessions/${session}/messages`, {
      body: { question: 'Number of orders by year' },
      headers,
    });
    expect(retried.status).toBe(202);
    expect(await retried.json()).toEqual({ runId, messageId: posted.headers.get('x-message-id') });
  });

  it('answers a follow-up on the previous answer of the session', async () => {
    const vera = people.as('vera');
    const created = await vera('POST', '/v1/sessions', { body: { datasourceId: server.demo?.id } });
    const session = ((await created.json()) as { session: { id: string } }).session.id;
    await askAndWait(vera, session, 'Total revenue by customer segment');
    const sqlOf = (events: { event: string; data: unknown }[]) =>
      String((events.find((event) => event.event === 'sql')?.data as { sql?: string } | undefined)?.sql);
    const followUp = await askAndWait(vera, session, 'only for Corporate');
    expect(followUp.events.at(-2)?.event).toBe('answer');
    expect(sqlOf(followUp.events)).toMatch(/segment/i);
    expect(sqlOf(followUp.events)).toMatch(/'Corporate'/);
    // The run recorded which reply it built on.
    const run = await server.deps.store.runs.get(server.deps.org.id, followUp.runId);
    expect(run?.input['previousReplyId']).toBeTruthy();
  });

  it('runs a run exactly once when two managers race for it', async () => {
    const { deps } = server;
    const second = new RunManager({
      store: deps.store,
      org: deps.org,
      sources: deps.sources,
      logger: deps.logger,
      metrics: deps.metrics,
      heartbeatMs: 1000,
      staleRunMs: 5000,
      maxRows: 100,
      queryTimeoutMs: 10_000,
    });
    const run = await deps.store.transaction(async (store) => {
      const message = await store.messages.create(deps.org.id, {
        sessionId,
        role: 'assistant',
        content: '',
        status: 'pending',
      });
      return store.runs.create(deps.org.id, {
        sessionId,
        messageId: message.id,
        userId: people.ids.vera,
        input: { question: 'Number of orders', datasourceId: server.demo?.id ?? '' },
      });
    });
    deps.runs.start(run);
    second.start(run);
    deps.runs.start(run);
    const events = parseSse(await (await people.as('vera')('GET', `/v1/runs/${run.id}/events`)).text());
    expect(events.filter((event) => event.event === 'answer')).toHaveLength(1);
    expect(
      events.filter(
        (event) =>
          event.event === 'step-started' && (event.data as { step: string }).step === 'understanding',
      ),
    ).toHaveLength(1);
    await second.drain(1000);
  });
});
