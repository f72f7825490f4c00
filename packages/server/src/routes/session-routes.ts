import { z } from 'zod';
import { principalOf } from '../auth/access';
import { accessibleSession, readableDatasource } from '../auth/resource-access';
import { HttpError } from '../http-error';
import { defineRoute } from './define-route';
import { messageSchema, sessionSchema, sharedSessionSchema } from './schemas';
import { messageView, sessionView } from './views';

const read = { auth: 'user', role: 'viewer', scope: 'read' } as const;
const ask = { auth: 'user', role: 'viewer', scope: 'ask' } as const;
const withMessages = z.object({ session: sessionSchema, messages: z.array(messageSchema) });

export const sessionRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/sessions',
    summary: 'Your sessions, or with `scope=shared` those others shared with you (share links you opened)',
    tag: 'sessions',
    access: read,
    query: z.object({ scope: z.enum(['own', 'shared']).default('own') }),
    responses: {
      200: {
        description: 'list (shared ones carry `sharedBy` and `sharedUntil`)',
        schema: z.object({ sessions: z.array(z.union([sharedSessionSchema, sessionSchema])) }),
      },
    },
    async handler(c, { query }) {
      const { store, org } = c.get('deps');
      const userId = principalOf(c).user.id;
      if ((query as { scope: 'own' | 'shared' }).scope === 'shared') {
        const shared = await store.shareLinks.listSharedWith(org.id, userId);
        const names = new Map((await store.users.list(org.id)).map((user) => [user.id, user.name]));
        return c.json({
          sessions: shared.map(({ session, sharedBy, expiresAt }) => ({
            ...sessionView(session),
            sharedBy: { id: sharedBy, name: names.get(sharedBy) ?? '' },
            sharedUntil: expiresAt,
          })),
        });
      }
      const sessions = await store.chatSessions.listForOwner(org.id, userId);
      return c.json({ sessions: sessions.map(sessionView) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/sessions',
    summary: 'Start a session on a datasource you may read',
    tag: 'sessions',
    access: ask,
    body: z.object({ datasourceId: z.string().min(1), title: z.string().min(1).max(200).optional() }),
    responses: { 201: { description: 'created', schema: z.object({ session: sessionSchema }) } },
    async handler(c, { body }) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      await readableDatasource(deps, principal, body.datasourceId);
      const session = await deps.store.chatSessions.create(deps.org.id, {
        ownerId: principal.user.id,
        datasourceId: body.datasourceId,
        ...(body.title ? { title: body.title } : {}),
      });
      await deps.store.audit.append(deps.org.id, {
        action: 'session.created',
        actor: { userId: principal.user.id },
        targetType: 'session',
        targetId: session.id,
      });
      return c.json({ session: sessionView(session) }, 201);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/sessions/:id',
    summary: 'A session with its messages',
    tag: 'sessions',
    access: read,
    responses: { 200: { description: 'the session', schema: withMessages } },
    async handler(c) {
      const deps = c.get('deps');
      const session = await accessibleSession(deps, principalOf(c), c.req.param('id') ?? '', 'read');
      const messages = await deps.store.messages.listForSession(deps.org.id, session.id);
      return c.json({ session: sessionView(session), messages: messages.map(messageView) });
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/sessions/:id',
    summary: 'Rename a session',
    tag: 'sessions',
    access: ask,
    body: z.object({ title: z.string().min(1).max(200) }),
    responses: { 200: { description: 'renamed', schema: z.object({ session: sessionSchema }) } },
    async handler(c, { body }) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const session = await accessibleSession(deps, principal, c.req.param('id') ?? '', 'write');
      const renamed = await deps.store.chatSessions.rename(deps.org.id, session.id, body.title);
      if (!renamed) throw new HttpError('not_found', 'There is no such session.');
      await deps.store.audit.append(deps.org.id, {
        action: 'session.renamed',
        actor: { userId: principal.user.id },
        targetType: 'session',
        targetId: session.id,
      });
      return c.json({ session: sessionView(renamed) });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/sessions/:id',
    summary: 'Delete a session (restorable)',
    tag: 'sessions',
    access: ask,
    responses: { 204: { description: 'deleted' } },
    async handler(c) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const session = await accessibleSession(deps, principal, c.req.param('id') ?? '', 'write');
      await deps.store.chatSessions.softDelete(deps.org.id, session.id);
      await deps.store.audit.append(deps.org.id, {
        action: 'session.deleted',
        actor: { userId: principal.user.id },
        targetType: 'session',
        targetId: session.id,
      });
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/sessions/:id/restore',
    summary: 'Undo a delete',
    tag: 'sessions',
    access: ask,
    responses: { 200: { description: 'restored', schema: z.object({ session: sessionSchema }) } },
    async handler(c) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const session = await accessibleSession(deps, principal, c.req.param('id') ?? '', 'write', {
        includeDeleted: true,
      });
      const restored = await deps.store.chatSessions.restore(deps.org.id, session.id);
      if (!restored) throw new HttpError('not_found', 'There is no such session.');
      await deps.store.audit.append(deps.org.id, {
        action: 'session.restored',
        actor: { userId: principal.user.id },
        targetType: 'session',
        targetId: session.id,
      });
      return c.json({ session: sessionView(restored) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/sessions/:id/share',
    summary: 'A read-only share link that expires',
    tag: 'sessions',
    access: ask,
    body: z.object({
      role: z.literal('viewer').default('viewer'),
      expiresInHours: z
        .number()
        .positive()
        .max(24 * 365),
    }),
    responses: { 200: { description: 'the link', schema: z.object({ token: z.string(), url: z.string() }) } },
    async handler(c, { body }) {
      const deps = c.get('deps');
      const principal = principalOf(c);
      const session = await accessibleSession(deps, principal, c.req.param('id') ?? '', 'write');
      const { token } = await deps.store.shareLinks.create(deps.org.id, {
        sessionId: session.id,
        createdBy: principal.user.id,
        role: body.role,
        expiresInHours: body.expiresInHours,
      });
      await deps.store.audit.append(deps.org.id, {
        action: 'session.shared',
        actor: { userId: principal.user.id },
        targetType: 'session',
        targetId: session.id,
        details: { expiresInHours: body.expiresInHours },
      });
      return c.json({ token, url: `${deps.config.publicUrl}/shared/${token}` });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/shared/:token',
    summary: 'A shared session, read-only (no sign-in needed)',
    tag: 'sessions',
    access: { auth: 'public' },
    responses: { 200: { description: 'the session', schema: withMessages } },
    async handler(c) {
      const { store } = c.get('deps');
      const link = await store.shareLinks.findByToken(c.req.param('token') ?? '');
      if (!link) throw new HttpError('not_found', 'This share link is unknown or has expired.');
      const session = await store.chatSessions.get(link.orgId, link.sessionId);
      if (!session) throw new HttpError('not_found', 'This share link is unknown or has expired.');
      // A signed-in visitor finds the session later under `GET /v1/sessions?scope=shared`.
      const visitor = c.get('principal');
      if (visitor && visitor.user.orgId === link.orgId && visitor.user.id !== session.ownerId) {
        await store.shareLinks.recordVisit(link.orgId, link.id, visitor.user.id);
      }
      const messages = await store.messages.listForSession(link.orgId, session.id);
      return c.json({ session: sessionView(session), messages: messages.map(messageView) });
    },
  }),
];
