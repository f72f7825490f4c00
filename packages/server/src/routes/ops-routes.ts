import { z } from 'zod';
import { defineRoute, type Route } from './define-route';

/** Health, readiness, Prometheus and the API description: public, read-only, no secrets. */
export function opsRoutes(openApi: () => unknown): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness',
      tag: 'ops',
      access: { auth: 'public' },
      responses: { 200: { description: 'alive', schema: z.object({ ok: z.boolean() }) } },
      handler: (c) => c.json({ ok: true }),
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: the metadata store and the analytics engine answer',
      tag: 'ops',
      access: { auth: 'public' },
      responses: {
        200: {
          description: 'ready',
          schema: z.object({ ok: z.boolean(), store: z.string(), engine: z.string() }),
        },
        503: { description: 'not ready' },
      },
      async handler(c) {
        const deps = c.get('deps');
        const check = async (probe: () => Promise<unknown>) =>
          probe().then(
            () => 'ok',
            () => 'unreachable',
          );
        const store = await check(() => deps.store.ping());
        const engine = await check(async () => {
          const connection = await deps.workspace.internalConnection();
          try {
            await connection.run('SELECT 1');
          } finally {
            connection.closeSync();
          }
        });
        const ok = store === 'ok' && engine === 'ok' && !deps.lifecycle.draining;
        return c.json(
          { ok, store, engine, ...(deps.lifecycle.draining ? { draining: true } : {}) },
          ok ? 200 : 503,
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics',
      tag: 'ops',
      access: { auth: 'public' },
      responses: { 200: { description: 'text exposition format', contentType: 'text/plain' } },
      async handler(c) {
        const { registry } = c.get('deps').metrics;
        return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/openapi.json',
      summary: 'This API as OpenAPI 3.1',
      tag: 'ops',
      access: { auth: 'public' },
      responses: { 200: { description: 'the document', schema: z.record(z.string(), z.unknown()) } },
      handler: (c) => c.json(openApi() as object),
    }),
  ];
}
