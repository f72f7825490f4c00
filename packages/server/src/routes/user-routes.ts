import { z } from 'zod';
import { principalOf } from '../auth/access';
import { HttpError } from '../http-error';
import { defineRoute } from './define-route';
import { roleSchema, scopeSchema, userSchema } from './schemas';
import { userView } from './views';

const admin = { auth: 'user', role: 'admin', scope: 'admin' } as const;
const newUser = z.object({
  email: z.string().email(),
  password: z.string().min(8).max(1000),
  name: z.string().min(1).max(200),
  role: roleSchema,
});
const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(scopeSchema),
  prefix: z.string(),
});

export const userRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/users',
    summary: 'List users',
    tag: 'users',
    access: admin,
    responses: { 200: { description: 'users', schema: z.object({ users: z.array(userSchema) }) } },
    async handler(c) {
      const { store, org } = c.get('deps');
      return c.json({ users: (await store.users.list(org.id)).map(userView) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/users',
    summary: 'Create a user',
    tag: 'users',
    access: admin,
    body: newUser,
    responses: { 201: { description: 'created', schema: z.object({ user: userSchema }) } },
    async handler(c, { body }) {
      const { store, org } = c.get('deps');
      const user = await store.users.create(org.id, body);
      await store.audit.append(org.id, {
        action: 'user.created',
        actor: { userId: principalOf(c).user.id },
        targetType: 'user',
        targetId: user.id,
        details: { role: user.role },
      });
      return c.json({ user: userView(user) }, 201);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/users/:id',
    summary: "Change a user's role",
    tag: 'users',
    access: admin,
    body: z.object({ role: roleSchema }),
    responses: { 200: { description: 'updated', schema: z.object({ user: userSchema }) } },
    async handler(c, { body }) {
      const { store, org } = c.get('deps');
      const user = await store.users.setRole(org.id, c.req.param('id') ?? '', body.role);
      if (!user) throw new HttpError('not_found', 'There is no such user.');
      await store.audit.append(org.id, {
        action: 'user.role_changed',
        actor: { userId: principalOf(c).user.id },
        targetType: 'user',
        targetId: user.id,
        details: { role: body.role },
      });
      return c.json({ user: userView(user) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/api-keys',
    summary: 'Your API keys',
    tag: 'api-keys',
    access: { auth: 'user', role: 'viewer', scope: 'admin' },
    responses: { 200: { description: 'keys', schema: z.object({ apiKeys: z.array(apiKeySchema) }) } },
    async handler(c) {
      const { store, org } = c.get('deps');
      const keys = await store.apiKeys.list(org.id, { userId: principalOf(c).user.id });
      return c.json({
        apiKeys: keys.map((key) => ({ id: key.id, name: key.name, scopes: key.scopes, prefix: key.prefix })),
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/api-keys',
    summary: 'Create an API key (the secret is shown once)',
    tag: 'api-keys',
    access: { auth: 'user', role: 'viewer', scope: 'admin' },
    body: z.object({ name: z.string().min(1).max(200), scopes: z.array(scopeSchema).min(1) }),
    responses: {
      201: { description: 'created', schema: z.object({ apiKey: apiKeySchema, secret: z.string() }) },
    },
    async handler(c, { body }) {
      const { store, org } = c.get('deps');
      const principal = principalOf(c);
      if (body.scopes.includes('admin') && principal.user.role !== 'admin') {
        throw new HttpError('forbidden', 'Only admins may create keys with the admin scope.');
      }
      const { apiKey, secret } = await store.apiKeys.create(org.id, { userId: principal.user.id, ...body });
      await store.audit.append(org.id, {
        action: 'api_key.created',
        actor: { userId: principal.user.id },
        targetType: 'api_key',
        targetId: apiKey.id,
        details: { scopes: apiKey.scopes },
      });
      return c.json(
        {
          apiKey: { id: apiKey.id, name: apiKey.name, scopes: apiKey.scopes, prefix: apiKey.prefix },
          secret,
        },
        201,
      );
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/api-keys/:id',
    summary: 'Revoke one of your API keys (admins: any key)',
    tag: 'api-keys',
    access: { auth: 'user', role: 'viewer', scope: 'admin' },
    responses: { 204: { description: 'revoked' } },
    async handler(c) {
      const { store, org } = c.get('deps');
      const principal = principalOf(c);
      const id = c.req.param('id') ?? '';
      const mine = await store.apiKeys.list(
        org.id,
        principal.user.role === 'admin' ? {} : { userId: principal.user.id },
      );
      if (!mine.some((key) => key.id === id)) throw new HttpError('not_found', 'There is no such API key.');
      await store.apiKeys.revoke(org.id, id);
      await store.audit.append(org.id, {
        action: 'api_key.revoked',
        actor: { userId: principal.user.id },
        targetType: 'api_key',
        targetId: id,
      });
      return c.body(null, 204);
    },
  }),
];
