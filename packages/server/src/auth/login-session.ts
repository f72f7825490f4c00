import type { AuthSession, User } from '@askdata/store';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';
import { sessionCookieName } from './authenticate';

/** Starts a cookie session for a user who proved who they are (password or OIDC); returns it for its CSRF token. */
export async function startLoginSession(c: Context<AppEnv>, user: User): Promise<AuthSession> {
  const { store, config } = c.get('deps');
  const userAgent = c.req.header('user-agent');
  const { session, token } = await store.authSessions.create(user.orgId, user.id, {
    ttlMs: config.sessionTtlMs,
    ...(userAgent ? { userAgent } : {}),
  });
  setCookie(c, sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: config.secureCookies,
    maxAge: Math.floor(config.sessionTtlMs / 1000),
  });
  return session;
}
