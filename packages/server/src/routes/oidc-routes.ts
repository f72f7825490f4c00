import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { startLoginSession } from '../auth/login-session';
import {
  beginOidcLogin,
  finishOidcLogin,
  type PendingLogin,
  pendingLoginSchema,
} from '../auth/oidc/oidc-client';
import type { OidcConfig } from '../auth/oidc/oidc-config';
import { userForIdentity } from '../auth/oidc/oidc-user';
import { HttpError } from '../http-error';
import { defineRoute } from './define-route';

/** Holds state, nonce and PKCE verifier between the login redirect and the callback (10 minutes). */
const pendingCookieName = 'askdata_oidc';
const pendingCookiePath = '/v1/auth/oidc';
const pendingSeconds = 600;

function oidcConfigOf(c: Context<AppEnv>): OidcConfig {
  const config = c.get('deps').config.oidc;
  if (!config) {
    throw new HttpError('not_found', 'Sign-in with an OpenID Connect provider is not set up on this server.');
  }
  return config;
}

/** Only a path of this site, so the login cannot be used to send people elsewhere. */
function safeReturnPath(value: string | undefined): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/';
}

function readPending(c: Context<AppEnv>): PendingLogin {
  const raw = getCookie(c, pendingCookieName);
  let parsed: unknown;
  try {
    parsed = raw ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  const pending = pendingLoginSchema.safeParse(parsed);
  if (!pending.success) {
    throw new HttpError(
      'invalid_body',
      'This sign-in was started in another browser or too long ago; start again from the sign-in page.',
    );
  }
  return pending.data;
}

export const oidcRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/auth/oidc/login',
    summary:
      'Sign in with the OpenID Connect provider: redirects there (PKCE, state and nonce); 404 when it is off',
    tag: 'auth',
    access: { auth: 'public' },
    query: z.object({ returnTo: z.string().max(2000).optional() }),
    responses: { 302: { description: "to the provider's sign-in page" } },
    async handler(c, { query }) {
      const config = oidcConfigOf(c);
      const { returnTo } = query as { returnTo?: string };
      const { url, pending } = await beginOidcLogin(config, safeReturnPath(returnTo));
      setCookie(c, pendingCookieName, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET, which carries it.
        sameSite: 'Lax',
        path: pendingCookiePath,
        secure: c.get('deps').config.secureCookies,
        maxAge: pendingSeconds,
      });
      c.header('Cache-Control', 'no-store');
      return c.redirect(url.href, 302);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/auth/oidc/callback',
    summary:
      'Where the provider sends the browser back: verifies the sign-in, sets the session cookie, redirects',
    tag: 'auth',
    access: { auth: 'public' },
    query: z.object({
      code: z.string().optional(),
      state: z.string().optional(),
      error: z.string().optional(),
    }),
    responses: { 302: { description: 'signed in; to the page the sign-in started from' } },
    async handler(c) {
      const config = oidcConfigOf(c);
      const deps = c.get('deps');
      const pending = readPending(c);
      // One use: a replayed callback finds no pending sign-in.
      deleteCookie(c, pendingCookieName, { path: pendingCookiePath });
      let user: Awaited<ReturnType<typeof userForIdentity>>;
      try {
        const identity = await finishOidcLogin(config, new URL(c.req.url).search, pending);
        user = await userForIdentity(deps, config, identity);
      } catch (error) {
        if (error instanceof HttpError && error.status < 500) {
          await deps.store.audit.append(deps.org.id, {
            action: 'auth.login_failed',
            details: { method: 'oidc', reason: error.message },
          });
        }
        throw error;
      }
      await startLoginSession(c, user);
      await deps.store.audit.append(deps.org.id, {
        action: 'auth.login',
        actor: { userId: user.id },
        details: { method: 'oidc', issuer: config.issuer },
      });
      c.header('Cache-Control', 'no-store');
      return c.redirect(safeReturnPath(pending.returnTo), 302);
    },
  }),
];
