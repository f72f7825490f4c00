import { upgradeWebSocket } from '@hono/node-server';
import { z } from 'zod';
import { principalOf } from '../auth/access';
import { accessibleRun } from '../auth/resource-access';
import { HttpError } from '../http-error';
import { streamRunEvents } from '../runs/stream-run-events';
import { defineRoute } from './define-route';
import { WebSocketEventSink } from './websocket-event-sink';

export const runSocketRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/runs/:id/ws',
    summary:
      'The events of a run over a WebSocket: one JSON text frame {event, id, data} per SSE event, then `done` and close',
    tag: 'runs',
    access: { auth: 'user', role: 'viewer', scope: 'read' },
    query: z.object({ lastEventId: z.string().regex(/^\d+$/).optional() }),
    responses: {
      101: { description: 'switching to the WebSocket protocol' },
      426: { description: 'not a WebSocket handshake' },
    },
    async handler(c, { query }) {
      const deps = c.get('deps');
      const run = await accessibleRun(deps, principalOf(c), c.req.param('id') ?? '', 'read');
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw new HttpError(
          'upgrade_required',
          'Connect with a WebSocket client here, or read GET /v1/runs/:id/events as server-sent events.',
          { Upgrade: 'websocket' },
        );
      }
      const after = Number((query as { lastEventId?: string }).lastEventId ?? 0);
      let sink: WebSocketEventSink | undefined;
      return upgradeWebSocket(c, {
        onOpen(_event, socket) {
          const opened = new WebSocketEventSink(socket);
          sink = opened;
          deps.metrics.streamsOpen.inc();
          const done = deps.lifecycle.trackStream();
          streamRunEvents(deps, opened, run.id, after)
            .catch((error: unknown) => deps.logger.warn({ err: error, runId: run.id }, 'event socket failed'))
            .finally(() => {
              deps.metrics.streamsOpen.dec();
              done();
              opened.finish();
            });
        },
        onClose() {
          sink?.abort();
        },
      });
    },
  }),
];
