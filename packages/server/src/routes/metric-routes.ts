import type { MetricDefinition } from '@askdata/store';
import { z } from 'zod';
import { principalOf } from '../auth/access';
import { HttpError } from '../http-error';
import { defineRoute } from './define-route';

const metricSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  expression: z.string(),
  table: z.string(),
  owner: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const newMetric = z.object({
  name: z.string().min(1).max(200),
  description: z.string().max(2000),
  expression: z.string().min(1).max(4000),
  table: z.string().min(1).max(200),
  owner: z.string().max(200).nullable().optional(),
});
const editor = { auth: 'user', role: 'editor', scope: 'admin' } as const;

const metricView = ({ orgId: _orgId, ...metric }: MetricDefinition) => metric;

export const metricRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/metrics',
    summary: 'Metric definitions',
    tag: 'metrics',
    access: { auth: 'user', role: 'viewer', scope: 'read' },
    responses: { 200: { description: 'list', schema: z.object({ metrics: z.array(metricSchema) }) } },
    async handler(c) {
      const { store, org } = c.get('deps');
      return c.json({ metrics: (await store.metrics.list(org.id)).map(metricView) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/metrics',
    summary: 'Define a metric',
    tag: 'metrics',
    access: editor,
    body: newMetric,
    responses: { 201: { description: 'created', schema: z.object({ metric: metricSchema }) } },
    async handler(c, { body }) {
      const { store, org } = c.get('deps');
      const principal = principalOf(c);
      const metric = await store.metrics.create(org.id, {
        ...body,
        owner: body.owner ?? principal.user.email,
      });
      await store.audit.append(org.id, {
        action: 'metric.created',
        actor: { userId: principal.user.id },
        targetType: 'metric',
        targetId: metric.id,
      });
      return c.json({ metric: metricView(metric) }, 201);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/metrics/:id',
    summary: 'Change a metric definition (its version goes up)',
    tag: 'metrics',
    access: editor,
    body: newMetric.partial(),
    responses: { 200: { description: 'updated', schema: z.object({ metric: metricSchema }) } },
    async handler(c, { body }) {
      const { store, org } = c.get('deps');
      const metric = await store.metrics.update(org.id, c.req.param('id') ?? '', body);
      if (!metric) throw new HttpError('not_found', 'There is no such metric.');
      await store.audit.append(org.id, {
        action: 'metric.updated',
        actor: { userId: principalOf(c).user.id },
        targetType: 'metric',
        targetId: metric.id,
        details: { version: metric.version },
      });
      return c.json({ metric: metricView(metric) });
    },
  }),
];
