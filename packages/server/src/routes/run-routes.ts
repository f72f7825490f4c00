import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { principalOf } from '../auth/access';
import { accessibleRun, accessibleSession, readableDatasource } from '../auth/resource-access';
import type { RunInput } from '../runs/run-input';
import { finishedRunText, streamRunEvents } from '../runs/stream-run-events';
import { defineRoute } from './define-route';
import { runSchema } from './schemas';
import { runView } from './views';

const read = { auth: 'user', role: 'viewer', scope: 'read' } as const;
const ask = { auth: 'user', role: 'viewer', scope: 'ask' } as const;

/** The run's events as server-sent events, from event number `after` on; ends with `done`. */
function runEventStream(c: Context<AppEnv>, runId: string, after: number): Response {
  const deps = c.get('deps');
  c.header('Cache-Control', 'no-cache');
  c.header('X-Accel-Buffering', 'no');
  // A run that ended here moments ago (a replayed answer) is sent whole, as one body.
  const finished = finishedRunText(deps, runId, after);
  if (finished !== undefined) return c.body(finished, 200, { 'Content-Type': 'text/event-stream' });
  deps.metrics.streamsOpen.inc();
  const done = deps.lifecycle.trackStream();
  return streamSSE(
    c,
    async (stream) => {
      try {
        await streamRunEvents(deps, stream, runId, after);
      } finally {
        deps.metrics.streamsOpen.dec();
        done();
      }
    },
    async (error) => {
      deps.logger.warn({ err: error, runId }, 'event stream failed');
    },
  );
}

export const runRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/sessions/:id/messages',
    summary:
      'Ask a question; the answer is computed by a run whose events stream from /v1/runs/:id/events (or in this response with Accept: text/event-stream)',
    tag: 'runs',
    access: ask,
    body: z.object({ question: z.string().trim().min(1).max(2000) }),
    responses: {
      202: {
        description: 'accepted; messageId is the assistant message the run fills in',
        schema: z.object({ runId: z.string(), messageId: z.string() }),
      },
      200: {
        description:
          'with Accept: text/event-stream — the run events as at /v1/runs/:id/events; X-Run-Id and X-Message-Id name the run and its message',
        contentType: 'text/event-stream',
      },
    },
    async handler(c, { body }) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const session = await accessibleSession(deps, principal, c.req.param('id') ?? '', 'write');
      await readableDatasource(deps, principal, session.datasourceId);
      const input: RunInput = { question: body.question, datasourceId: session.datasourceId };
      // Committed (with the questions of other requests in the same moment) before the 202 is sent.
      const run = await deps.runs.ask({
        sessionId: session.id,
        userId: principal.user.id,
        question: body.question,
        input: { ...input },
        actor:
          principal.kind === 'api-key'
            ? { userId: principal.user.id, apiKeyId: principal.apiKeyId }
            : { userId: principal.user.id },
        auditDetails: { datasourceId: session.datasourceId },
      });
      // `Accept: text/event-stream`: the run's events follow in this response (one request instead of two).
      if ((c.req.header('accept') ?? '').includes('text/event-stream')) {
        c.header('X-Run-Id', run.id);
        c.header('X-Message-Id', run.messageId);
        c.header('Content-Location', `/v1/runs/${run.id}/events`);
        return runEventStream(c, run.id, 0);
      }
      return c.json({ runId: run.id, messageId: run.messageId }, 202);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/runs/:id',
    summary: "A run's status",
    tag: 'runs',
    access: read,
    responses: { 200: { description: 'the run', schema: z.object({ run: runSchema }) } },
    async handler(c) {
      const run = await accessibleRun(c.get('deps'), principalOf(c), c.req.param('id') ?? '', 'read');
      return c.json({ run: runView(run) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/runs/:id/events',
    summary: 'Server-sent events of a run (one per pipeline event; Last-Event-ID replays); ends with `done`',
    tag: 'runs',
    access: read,
    query: z.object({ lastEventId: z.string().regex(/^\d+$/).optional() }),
    responses: { 200: { description: 'event stream', contentType: 'text/event-stream' } },
    async handler(c, { query }) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const id = c.req.param('id') ?? '';
      // The asker of a run this process executes needs no store read to follow it.
      const live = deps.runs.liveRun(id);
      const run =
        live?.userId === principal.user.id ? live : await accessibleRun(deps, principal, id, 'read');
      const header = c.req.header('last-event-id');
      const after = Number(
        header && /^\d+$/.test(header) ? header : ((query as { lastEventId?: string }).lastEventId ?? 0),
      );
      return runEventStream(c, run.id, after);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/runs/:id/cancel',
    summary: 'Cancel a run',
    tag: 'runs',
    access: ask,
    responses: { 202: { description: 'cancellation requested', schema: z.object({ run: runSchema }) } },
    async handler(c) {
      const deps = c.get('deps');
      const run = await accessibleRun(deps, principalOf(c), c.req.param('id') ?? '', 'write');
      const updated = (await deps.runs.cancel(run.id)) ?? run;
      return c.json({ run: runView(updated) }, 202);
    },
  }),
];
