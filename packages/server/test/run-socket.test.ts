/**
 * `GET /v1/runs/:id/ws` on a real socket: the same events as the SSE stream, as JSON text frames, ending
 * with `done`; a stranger to the run is refused at the handshake (404), and a plain GET gets 426.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningServer, startServer } from '../src/index';
import { type Caller, callApi } from './support/api-client';
import { askAndWait, createPeople, parseSse } from './support/fixtures';
import { openTestServer, type TestServer } from './support/test-server';

interface Frame {
  event: string;
  id?: string;
  data: unknown;
}

/** Opens the socket as `caller` and collects frames until the server closes it. */
function readSocket(
  url: string,
  caller: Caller,
): Promise<{ frames: Frame[]; closeCode: number } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: caller.cookie ? { cookie: caller.cookie } : {} });
    const frames: Frame[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
    socket.on('close', (code) => resolve({ frames, closeCode: code }));
    socket.on('unexpected-response', (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      response.resume();
    });
    socket.on('error', (error) => {
      if (!String(error).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('run events over WebSocket', () => {
  let server: TestServer;
  let running: RunningServer;
  let people: Awaited<ReturnType<typeof createPeople>>;
  let sessionId: string;
  const socketUrl = (runId: string, query = '') =>
    `${running.url.replace(/^http/, 'ws')}/v1/runs/${runId}/ws${query}`;

  beforeAll(async () => {
    server = await openTestServer('pglite', 'socket');
    people = await createPeople(server);
    running = await startServer(server.deps, { port: 0, host: '127.0.0.1' });
    const created = await people.as('vera')('POST', '/v1/sessions', {
      body: { datasourceId: server.demo?.id ?? '' },
    });
    sessionId = ((await created.json()) as { session: { id: string } }).session.id;
  });
  afterAll(async () => {
    // Shutting down closes the store and workspace; only the folder is left to remove.
    await running?.shutdown(2_000);
    if (server) await rm(server.home, { recursive: true, force: true });
  });

  it('sends the same events as the SSE stream of a finished run, then done, then closes', async () => {
    const asked = await askAndWait(people.as('vera'), sessionId, 'Total revenue by customer segment');
    const result = await readSocket(socketUrl(asked.runId), people.callers.vera);
    if (!('frames' in result)) throw new Error(`refused with ${result.refused}`);
    expect(result.closeCode).toBe(1000);
    expect(result.frames).toEqual(
      asked.events.map(({ event, id, data }) => ({ event, data, ...(id ? { id } : {}) })),
    );
    expect(result.frames.at(-1)).toEqual({ event: 'done', data: { status: 'succeeded' } });
    expect(result.frames.some((frame) => frame.event === 'answer')).toBe(true);

    // lastEventId replays only what follows.
    const resumed = await readSocket(socketUrl(asked.runId, '?lastEventId=2'), people.callers.vera);
    if (!('frames' in resumed)) throw new Error('refused');
    expect(resumed.frames.map((frame) => frame.id ?? 'done')).toEqual(
      asked.events.filter((event) => !event.id || Number(event.id) > 2).map((event) => event.id ?? 'done'),
    );
  });

  it('follows a run while it is running', async () => {
    const posted = await people.as('vera')('POST', `/v1/sessions/${sessionId}/messages`, {
      body: { question: 'Number of orders by month' },
    });
    expect(posted.status).toBe(202);
    const { runId } = (await posted.json()) as { runId: string };
    const result = await readSocket(socketUrl(runId), people.callers.vera);
    if (!('frames' in result)) throw new Error(`refused with ${result.refused}`);
    const stored = parseSse(await (await people.as('vera')('GET', `/v1/runs/${runId}/events`)).text());
    expect(result.frames.map((frame) => frame.event)).toEqual(stored.map((event) => event.event));
    expect(result.frames.at(-1)?.event).toBe('done');
  });

  it('refuses strangers and anonymous callers at the handshake, and lets an admin read', async () => {
    const asked = await askAndWait(people.as('vera'), sessionId, 'Number of customers');
    expect(await readSocket(socketUrl(asked.runId), people.callers.victor)).toEqual({ refused: 404 });
    expect(await readSocket(socketUrl(asked.runId), {})).toEqual({ refused: 401 });
    const admin = await readSocket(socketUrl(asked.runId), people.callers.ada);
    expect('frames' in admin && admin.frames.at(-1)?.event).toBe('done');
  });

  it('answers a plain GET with 426 and a pointer to the SSE stream', async () => {
    const asked = await askAndWait(people.as('vera'), sessionId, 'Number of products');
    const response = await callApi(server.app, people.callers.vera)('GET', `/v1/runs/${asked.runId}/ws`);
    expect(response.status).toBe(426);
    expect(response.headers.get('upgrade')).toBe('websocket');
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('/events');
  });
});
