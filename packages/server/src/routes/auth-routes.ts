import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import { principalOf } from '../auth/access';
import { sessionCookieName } from '../auth/authenticate';
import { startLoginSession } from '../auth/login-session';
import { HttpError } from '../http-error';
import { defineRoute } from './define-route';
import { userSchema } from './schemas';
import { userView } from './views';

const credentials = z.object({ email: z.string().email(), password: z.string().min(1).max(1000) });
const newAdmin = credentials.extend({
  password: z.string().min(8).max(1000),
  name: z.string().min(1).max(200),
});
const signedIn = z.object({ user: userSchema, csrfToken: z.string() });

export const authRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/auth/status',
    summary: 'Whether the first admin exists',
    tag: 'auth',
    access: { auth: 'public' },
    responses: {
      200: {
        description: 'status; `oidc` tells whether "sign in with your provider" is on',
        schema: z.object({ bootstrapped: z.boolean(), oidc: z.boolean() }),
      },
    },
    async handler(c) {
      const { store, config } = c.get('deps');
      return c.json({ bootstrapped: (await store.users.countAll()) > 0, oidc: Boolean(config.oidc) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/bootstrap',
    summary: 'Create the first admin (only while no user exists)',
    tag: 'auth',
    access: { auth: 'public' },
    body: newAdmin,
    responses: { 201: { description: 'the admin', schema: z.object({ user: userSchema }) } },
    async handler(c, { body }) {
      const { store, org } = c.get('deps');
      const user = await store.users.bootstrapAdmin(org.id, body);
      if (!user) throw new HttpError('conflict', 'An admin already exists; sign in instead.');
      await store.audit.append(org.id, {
        action: 'auth.bootstrap',
        actor: { userId: user.id },
        targetType: 'user',
        targetId: user.id,
      });
      return c.json({ user: userView(user) }, 201);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/login',
    summary: 'Sign in; sets the session cookie',
    tag: 'auth',
    access: { auth: 'public' },
    body: credentials,
    responses: { 200: { description: 'signed in', schema: signedIn } },
    async handler(c, { body }) {
      const { store, org } = c.get('deps');
      const user = await store.users.verifyPassword(body.email, body.password);
      if (!user) {
        await store.audit.append(org.id, { action: 'auth.login_failed', details: { email: body.email } });
        throw new HttpError('unauthenticated', 'Wrong email or password.');
      }
      const session = await startLoginSession(c, user);
      await store.audit.append(org.id, { action: 'auth.login', actor: { userId: user.id } });
      return c.json({ user: userView(user), csrfToken: session.csrfToken });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/auth/logout',
    summary: 'Sign out',
    tag: 'auth',
    access: { auth: 'user', role: 'viewer', scope: 'read' },
    responses: { 204: { description: 'signed out' } },
    async handler(c) {
      const principal = principalOf(c);
      const { store, org } = c.get('deps');
      if (principal.kind === 'cookie') await store.authSessions.deleteByToken(principal.sessionToken);
      deleteCookie(c, sessionCookieName, { path: '/' });
      await store.audit.append(org.id, { action: 'auth.logout', actor: { userId: principal.user.id } });
      return c.body(null, 204);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/auth/me',
    summary: 'The signed-in user and the CSRF token',
    tag: 'auth',
    access: { auth: 'user', role: 'viewer', scope: 'read' },
    responses: { 200: { description: 'me', schema: signedIn.partial({ csrfToken: true }) } },
    async handler(c) {
      const principal = principalOf(c);
      return c.json({
        user: userView(principal.user),
        ...(principal.kind === 'cookie' ? { csrfToken: principal.csrfToken } : {}),
      });
    },
  }),
];
