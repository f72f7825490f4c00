import { stream } from 'hono/streaming';
import { z } from 'zod';
import { principalOf } from '../auth/access';
import { defineRoute } from './define-route';

const admin = { auth: 'user', role: 'admin', scope: 'admin' } as const;

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/audit',
    summary: 'The audit log, newest first',
    tag: 'audit',
    access: admin,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).optional(),
      cursor: z.string().max(200).optional(),
    }),
    responses: {
      200: {
        description: 'a page',
        schema: z.object({
          entries: z.array(z.record(z.string(), z.unknown())),
          nextCursor: z.string().nullable(),
        }),
      },
    },
    async handler(c, { query }) {
      const { store, org } = c.get('deps');
      const page = await store.audit.list(org.id, {
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      return c.json(page);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/audit/verify',
    summary: 'Recompute the hash chain',
    tag: 'audit',
    access: admin,
    responses: {
      200: {
        description: 'the verdict',
        schema: z.object({ ok: z.boolean(), checked: z.number(), firstBadId: z.string().optional() }),
      },
    },
    async handler(c) {
      return c.json(await c.get('deps').store.audit.verify());
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/audit/export',
    summary: 'Download the audit log as CSV or JSONL',
    tag: 'audit',
    access: admin,
    query: z.object({ format: z.enum(['csv', 'jsonl']) }),
    responses: { 200: { description: 'the file', contentType: 'text/csv or application/x-ndjson' } },
    async handler(c, { query }) {
      const { store, org } = c.get('deps');
      await store.audit.append(org.id, {
        action: 'audit.exported',
        actor: { userId: principalOf(c).user.id },
        details: { format: query.format },
      });
      c.header('Content-Type', query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
      c.header('Content-Disposition', `attachment; filename="audit.${query.format}"`);
      return stream(c, async (output) => {
        for await (const chunk of store.audit.export(org.id, query.format)) await output.write(chunk);
      });
    },
  }),
];
