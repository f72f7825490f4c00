import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { HttpError } from '../http-error';

export const sessionCookieName = 'askdata_session';

/**
 * Who is calling: `Authorization: Bearer <api key>` or the session cookie. A bad API key is refused at
 * once; an unknown cookie is treated as no cookie (routes that need a user answer 401).
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { store } = c.get('deps');
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1])
      throw new HttpError('unauthenticated', 'The Authorization header must be "Bearer <api key>".');
    const found = await store.apiKeys.findBySecret(match[1]);
    if (!found) throw new HttpError('unauthenticated', 'This API key is unknown or revoked.');
    c.set('principal', {
      kind: 'api-key',
      user: found.user,
      scopes: found.apiKey.scopes,
      apiKeyId: found.apiKey.id,
    });
    return next();
  }
  const token = getCookie(c, sessionCookieName);
  if (token) {
    const found = await store.authSessions.findByToken(token);
    if (found) {
      c.set('principal', {
        kind: 'cookie',
        user: found.user,
        csrfToken: found.session.csrfToken,
        sessionToken: token,
      });
    }
  }
  return next();
});

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookie-authenticated changes must echo the session's CSRF token in `X-CSRF-Token`. */
export function checkCsrf(
  method: string,
  principal: { kind: string; csrfToken?: string },
  header: string | undefined,
) {
  if (principal.kind !== 'cookie' || safeMethods.has(method.toUpperCase())) return;
  if (!header || header !== principal.csrfToken) {
    throw new HttpError('forbidden', 'Missing or wrong X-CSRF-Token header (get it from GET /v1/auth/me).');
  }
}
