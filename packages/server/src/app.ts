import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv, ServerDeps } from './app-env';
import { authenticate } from './auth/authenticate';
import { errorResponse, HttpError } from './http-error';
import { buildOpenApi } from './openapi';
import { staticFiles } from './ops/static-files';
import { answerRoutes } from './routes/answer-routes';
import { auditRoutes } from './routes/audit-routes';
import { authRoutes } from './routes/auth-routes';
import { crossSourceRoutes } from './routes/cross-source-routes';
import { datasourceRoutes } from './routes/datasource-routes';
import type { Route } from './routes/define-route';
import { metricRoutes } from './routes/metric-routes';
import { mountRoutes } from './routes/mount-routes';
import { oidcRoutes } from './routes/oidc-routes';
import { opsRoutes } from './routes/ops-routes';
import { queryRoutes } from './routes/query-routes';
import { runRoutes } from './routes/run-routes';
import { runSocketRoutes } from './routes/run-socket-routes';
import { sessionRoutes } from './routes/session-routes';
import { userRoutes } from './routes/user-routes';

export const apiVersion = '1.0.0';

/** Every route of the API; the OpenAPI document and the permission tests read this list. */
export function apiRoutes(): Route[] {
  const routes: Route[] = [
    ...authRoutes,
    ...oidcRoutes,
    ...userRoutes,
    ...datasourceRoutes,
    ...sessionRoutes,
    ...runRoutes,
    ...runSocketRoutes,
    ...queryRoutes,
    ...crossSourceRoutes,
    ...answerRoutes,
    ...metricRoutes,
    ...auditRoutes,
  ];
  let document: unknown;
  const all = [...routes, ...opsRoutes(() => document)];
  document = buildOpenApi(all, { version: apiVersion });
  return all;
}

/** The HTTP application over the given dependencies; no port, no environment (tests call `app.request`). */
export function createApp(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('principal', undefined);
    c.set('requestId', c.req.header('x-request-id') ?? randomUUID());
    const started = performance.now();
    await next();
    const route = routePath(c);
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    deps.metrics.requestSeconds.observe({ method: c.req.method, route }, seconds);
    c.header('X-Request-Id', c.get('requestId'));
    if (c.res.status >= 500) {
      deps.logger.error(
        { requestId: c.get('requestId'), method: c.req.method, route, status: c.res.status },
        'request failed',
      );
    } else {
      deps.logger.debug(
        { requestId: c.get('requestId'), method: c.req.method, route, status: c.res.status, seconds },
        'request',
      );
    }
  });
  app.onError((error, c) => {
    const { status, body, headers } = errorResponse(error);
    if (status >= 500) deps.logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
    return c.json(body, status, headers);
  });
  app.use('/v1/*', authenticate);
  mountRoutes(app, apiRoutes());
  const spa = staticFiles(deps.config.webDist);
  app.notFound(async (c) => {
    if (c.req.path.startsWith('/v1/') || c.req.method !== 'GET') {
      const { status, body } = errorResponse(
        new HttpError('not_found', `There is no ${c.req.method} ${c.req.path}.`),
      );
      return c.json(body, status);
    }
    const file = await spa(c);
    if (file) return file;
    const { status, body } = errorResponse(
      new HttpError('not_found', 'There is no such page (the web app is not built).'),
    );
    return c.json(body, status);
  });
  return app;
}
