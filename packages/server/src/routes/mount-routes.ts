import { createHash } from 'node:crypto';
import type { JsonValue } from '@askdata/store';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import type { AppEnv, Principal } from '../app-env';
import { checkAccess } from '../auth/access';
import { checkCsrf } from '../auth/authenticate';
import { HttpError } from '../http-error';
import type { Route } from './define-route';
import { parseJsonBody, readJsonText, validate } from './read-json-body';

function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function limitRate(c: Context<AppEnv>, principal: Principal | undefined) {
  const decision = await c
    .get('deps')
    .limiter.hit(principal ? `user:${principal.user.id}` : `ip:${clientAddress(c)}`);
  if (!decision.allowed) {
    c.get('deps').metrics.rateLimited.inc();
    throw new HttpError('rate_limited', `Too many requests; try again in ${decision.retryAfterSeconds} s.`, {
      'Retry-After': String(decision.retryAfterSeconds),
    });
  }
}

/**
 * Same key + same user within 24 h returns the first response. The request hash covers method, path and
 * body, so reusing a key for a different request is a 409, not a silent replay.
 */
async function withIdempotency(
  c: Context<AppEnv>,
  principal: Principal,
  bodyText: string,
  run: () => Promise<Response>,
): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (!key) return run();
  if (key.length > 200) throw new HttpError('invalid_body', 'Idempotency-Key is at most 200 characters.');
  const { store, org } = c.get('deps');
  const hash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${bodyText}`).digest('hex');
  const begun = await store.idempotency.begin(org.id, principal.user.id, key, hash);
  if (begun.state === 'replay') {
    return c.json(begun.response.body as object, begun.response.status as 200, {
      'Idempotent-Replayed': 'true',
    });
  }
  if (begun.state === 'in_progress') {
    throw new HttpError('conflict', 'A request with this Idempotency-Key is still being processed.');
  }
  if (begun.state === 'mismatch') {
    throw new HttpError('conflict', 'This Idempotency-Key was used for a different request.');
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await store.idempotency.release(org.id, principal.user.id, key);
    throw error;
  }
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const streamedRun = response.headers.get('x-run-id');
  if (streamedRun) {
    // A question answered as a stream: a retry gets the 202 that names the run (its events replay from there).
    const body = { runId: streamedRun, messageId: response.headers.get('x-message-id') ?? '' };
    await store.idempotency.complete(org.id, principal.user.id, key, { status: 202, body });
  } else if (response.status < 500 && (isJson || response.status === 204)) {
    const body = isJson ? ((await response.clone().json()) as JsonValue) : null;
    await store.idempotency.complete(org.id, principal.user.id, key, { status: response.status, body });
  } else {
    await store.idempotency.release(org.id, principal.user.id, key);
  }
  return response;
}

/** Registers each route with the checks every route gets, in this order: auth, role/scope, CSRF, rate, input. */
export function mountRoutes(app: Hono<AppEnv>, routes: readonly Route[]): void {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      let principal = c.get('principal');
      if (route.access.auth === 'user') {
        principal = checkAccess(principal, route.access);
        checkCsrf(c.req.method, principal, c.req.header('x-csrf-token'));
      }
      // Probes and metrics scrapes are not counted; every API call is.
      if (route.path.startsWith('/v1/')) await limitRate(c, principal);
      const query = route.query ? validate(c.req.query(), route.query, 'query') : {};
      let bodyText = '';
      let body: unknown;
      if (route.body) {
        bodyText = await readJsonText(c);
        body = parseJsonBody(bodyText, route.body);
      }
      const run = async () => route.handle(c, { body, query });
      if (route.method === 'post' && principal && !route.multipart) {
        return withIdempotency(c, principal, bodyText, run);
      }
      if (route.method === 'post' && principal && route.multipart) {
        // Uploads: the body is streamed, so the key covers the declared size and name only.
        return withIdempotency(c, principal, `${c.req.header('content-length')}`, run);
      }
      return run();
    });
  }
}
