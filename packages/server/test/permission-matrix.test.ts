/**
 * Every route × every role × owner / non-owner: callers below a route's role get 403, strangers to a
 * session, run or key get 404, anonymous callers 401; the allowed ones get through. A route added without
 * a row here fails the first test.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/index';
import { type Caller, type CallOptions, callApi, signIn } from './support/api-client';
import { askAndWait, createPeople, type Person, password } from './support/fixtures';
import { backends, openTestServer, type TestServer } from './support/test-server';

type Need = 'public' | 'viewer' | 'editor' | 'admin';
/** `write`: only the owner; `read`: the owner and admins; `admin`: the owner and admins, also for changes. */
type Ownership = 'read' | 'write' | 'admin';

interface Fixtures {
  server: TestServer;
  ids: Record<Person, string>;
  callers: Record<Person, Caller>;
  as: (person: Person) => ReturnType<typeof callApi>;
  demoId: string;
  session: string;
  run: string;
  answerMessage: string;
  /** A SQLite file to register as a database (registering connects to it). */
  sqliteFile: string;
}

interface Row {
  need: Need;
  owned?: Ownership;
  /** Sign in afresh for this call (the route ends the session). */
  freshLogin?: boolean;
  /** The status an allowed caller gets when it is not a 2xx (a WebSocket route answers a plain GET with 426). */
  allowedStatus?: number;
  build: (fx: Fixtures) => Promise<{ path: string } & CallOptions>;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${++counter}`;

async function json<T>(response: Response): Promise<T> {
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as T;
}

const freshSession = async (fx: Fixtures) =>
  (
    await json<{ session: { id: string } }>(
      await fx.as('vera')('POST', '/v1/sessions', { body: { datasourceId: fx.demoId } }),
    )
  ).session.id;

const csv = () => {
  const form = new FormData();
  form.append(
    'file',
    new Blob(['city,sales\nOslo,10\nLima,20\n'], { type: 'text/csv' }),
    `cities_${unique()}.csv`,
  );
  return form;
};

/** A SQLite database of loyalty tiers (customer ids 1..300) registered by the admin and shared with vera only. */
const loyaltyDatabases = new WeakMap<Fixtures, Promise<string>>();
function loyaltyDatabase(fx: Fixtures): Promise<string> {
  let found = loyaltyDatabases.get(fx);
  if (!found) {
    found = (async () => {
      const file = join(fx.server.home, 'loyalty.sqlite');
      const sqlite = new Database(file);
      sqlite.exec('CREATE TABLE loyalty (customer_id INTEGER, tier TEXT)');
      const insert = sqlite.prepare('INSERT INTO loyalty VALUES (?, ?)');
      for (let id = 1; id <= 300; id++) insert.run(id, ['gold', 'silver', 'bronze'][id % 3]);
      sqlite.close();
      const { datasource } = await json<{ datasource: { id: string } }>(
        await fx.as('ada')('POST', '/v1/datasources', {
          body: { name: 'loyalty', kind: 'sqlite', url: file },
        }),
      );
      await json(
        await fx.as('ada')('PUT', `/v1/datasources/${datasource.id}/permissions`, {
          body: { userId: fx.ids.vera, access: 'read' },
        }),
      );
      return datasource.id;
    })();
    loyaltyDatabases.set(fx, found);
  }
  return found;
}

const crossSourceBody = async (fx: Fixtures) => ({
  fileDatasourceId: fx.demoId,
  databaseDatasourceId: await loyaltyDatabase(fx),
  question: 'number of customers by tier, join on id',
});

const matrix: Record<string, Row> = {
  'GET /v1/auth/status': { need: 'public', build: async () => ({ path: '/v1/auth/status' }) },
  'POST /v1/auth/bootstrap': {
    need: 'public',
    build: async () => ({
      path: '/v1/auth/bootstrap',
      body: { email: 'x@example.com', password, name: 'X' },
    }),
  },
  'POST /v1/auth/login': {
    need: 'public',
    build: async () => ({ path: '/v1/auth/login', body: { email: 'vera@example.com', password } }),
  },
  'POST /v1/auth/logout': {
    need: 'viewer',
    freshLogin: true,
    build: async () => ({ path: '/v1/auth/logout' }),
  },
  'GET /v1/auth/oidc/login': { need: 'public', build: async () => ({ path: '/v1/auth/oidc/login' }) },
  'GET /v1/auth/oidc/callback': {
    need: 'public',
    build: async () => ({ path: '/v1/auth/oidc/callback?code=c&state=s' }),
  },
  'GET /v1/auth/me': { need: 'viewer', build: async () => ({ path: '/v1/auth/me' }) },
  'GET /v1/users': { need: 'admin', build: async () => ({ path: '/v1/users' }) },
  'POST /v1/users': {
    need: 'admin',
    build: async () => ({
      path: '/v1/users',
      body: { email: `u${unique()}@example.com`, password, name: 'U', role: 'viewer' },
    }),
  },
  'PATCH /v1/users/:id': {
    need: 'admin',
    build: async (fx) => ({ path: `/v1/users/${fx.ids.victor}`, body: { role: 'viewer' } }),
  },
  'GET /v1/api-keys': { need: 'viewer', build: async () => ({ path: '/v1/api-keys' }) },
  'POST /v1/api-keys': {
    need: 'viewer',
    build: async () => ({ path: '/v1/api-keys', body: { name: 'k', scopes: ['read'] } }),
  },
  'DELETE /v1/api-keys/:id': {
    need: 'viewer',
    owned: 'admin',
    build: async (fx) => {
      const created = await json<{ apiKey: { id: string } }>(
        await fx.as('vera')('POST', '/v1/api-keys', { body: { name: 'k', scopes: ['read'] } }),
      );
      return { path: `/v1/api-keys/${created.apiKey.id}` };
    },
  },
  'GET /v1/datasources': { need: 'viewer', build: async () => ({ path: '/v1/datasources' }) },
  'POST /v1/datasources/upload': {
    need: 'editor',
    build: async () => ({ path: '/v1/datasources/upload', body: csv() }),
  },
  'POST /v1/datasources': {
    need: 'editor',
    build: async (fx) => ({
      path: '/v1/datasources',
      body: { name: `db ${unique()}`, kind: 'sqlite', url: fx.sqliteFile },
    }),
  },
  'GET /v1/datasources/:id/tables': {
    need: 'viewer',
    build: async (fx) => ({ path: `/v1/datasources/${fx.demoId}/tables` }),
  },
  'GET /v1/datasources/:id/tables/:table/profile': {
    need: 'viewer',
    build: async (fx) => ({ path: `/v1/datasources/${fx.demoId}/tables/products/profile` }),
  },
  'POST /v1/datasources/:id/refresh': {
    need: 'editor',
    build: async (fx) => ({ path: `/v1/datasources/${fx.demoId}/refresh` }),
  },
  'PUT /v1/datasources/:id/permissions': {
    need: 'admin',
    build: async (fx) => ({
      path: `/v1/datasources/${fx.demoId}/permissions`,
      body: { userId: fx.ids.victor, access: 'read' },
    }),
  },
  'DELETE /v1/datasources/:id': {
    need: 'admin',
    build: async (fx) => {
      const created = await json<{ datasource: { id: string } }>(
        await fx.as('ada')('POST', '/v1/datasources', {
          body: { name: `gone ${unique()}`, kind: 'sqlite', url: fx.sqliteFile },
        }),
      );
      return { path: `/v1/datasources/${created.datasource.id}` };
    },
  },
  'GET /v1/sessions': { need: 'viewer', build: async () => ({ path: '/v1/sessions?scope=shared' }) },
  'POST /v1/sessions': {
    need: 'viewer',
    build: async (fx) => ({ path: '/v1/sessions', body: { datasourceId: fx.demoId, title: 'mine' } }),
  },
  'GET /v1/sessions/:id': {
    need: 'viewer',
    owned: 'read',
    build: async (fx) => ({ path: `/v1/sessions/${fx.session}` }),
  },
  'PATCH /v1/sessions/:id': {
    need: 'viewer',
    owned: 'write',
    build: async (fx) => ({ path: `/v1/sessions/${fx.session}`, body: { title: 'renamed' } }),
  },
  'DELETE /v1/sessions/:id': {
    need: 'viewer',
    owned: 'write',
    build: async (fx) => ({ path: `/v1/sessions/${await freshSession(fx)}` }),
  },
  'POST /v1/sessions/:id/restore': {
    need: 'viewer',
    owned: 'write',
    build: async (fx) => {
      const id = await freshSession(fx);
      expect((await fx.as('vera')('DELETE', `/v1/sessions/${id}`)).status).toBe(204);
      return { path: `/v1/sessions/${id}/restore` };
    },
  },
  'POST /v1/sessions/:id/share': {
    need: 'viewer',
    owned: 'write',
    build: async (fx) => ({
      path: `/v1/sessions/${fx.session}/share`,
      body: { role: 'viewer', expiresInHours: 1 },
    }),
  },
  'GET /v1/shared/:token': {
    need: 'public',
    build: async (fx) => {
      // A session of its own: opening a link gives the visitor read access to that session.
      const shared = await json<{ token: string }>(
        await fx.as('vera')('POST', `/v1/sessions/${await freshSession(fx)}/share`, {
          body: { expiresInHours: 1 },
        }),
      );
      return { path: `/v1/shared/${shared.token}` };
    },
  },
  'POST /v1/sessions/:id/messages': {
    need: 'viewer',
    owned: 'write',
    build: async (fx) => ({
      path: `/v1/sessions/${fx.session}/messages`,
      body: { question: 'Number of orders' },
    }),
  },
  'GET /v1/runs/:id': {
    need: 'viewer',
    owned: 'read',
    build: async (fx) => ({ path: `/v1/runs/${fx.run}` }),
  },
  'GET /v1/runs/:id/events': {
    need: 'viewer',
    owned: 'read',
    build: async (fx) => ({ path: `/v1/runs/${fx.run}/events` }),
  },
  'GET /v1/runs/:id/ws': {
    need: 'viewer',
    owned: 'read',
    allowedStatus: 426,
    build: async (fx) => ({ path: `/v1/runs/${fx.run}/ws` }),
  },
  'POST /v1/runs/:id/cancel': {
    need: 'viewer',
    owned: 'write',
    build: async (fx) => ({ path: `/v1/runs/${fx.run}/cancel` }),
  },
  'POST /v1/query': {
    need: 'viewer',
    build: async (fx) => ({
      path: '/v1/query',
      body: { datasourceId: fx.demoId, sql: 'SELECT count(*) AS n FROM orders' },
    }),
  },
  'POST /v1/cross-source/preview': {
    need: 'viewer',
    owned: 'read',
    build: async (fx) => ({ path: '/v1/cross-source/preview', body: await crossSourceBody(fx) }),
  },
  'POST /v1/cross-source/:planId/run': {
    need: 'viewer',
    owned: 'write',
    build: async (fx) => {
      const previewed = await json<{ status: string; planId: string }>(
        await fx.as('vera')('POST', '/v1/cross-source/preview', { body: await crossSourceBody(fx) }),
      );
      expect(previewed.status).toBe('preview');
      return { path: `/v1/cross-source/${previewed.planId}/run` };
    },
  },
  'GET /v1/charts/:id': {
    need: 'viewer',
    owned: 'read',
    build: async (fx) => ({ path: `/v1/charts/${fx.answerMessage}` }),
  },
  'GET /v1/messages/:id/export': {
    need: 'viewer',
    owned: 'read',
    build: async (fx) => ({ path: `/v1/messages/${fx.answerMessage}/export?format=csv` }),
  },
  'GET /v1/metrics': { need: 'viewer', build: async () => ({ path: '/v1/metrics' }) },
  'POST /v1/metrics': {
    need: 'editor',
    build: async () => ({
      path: '/v1/metrics',
      body: { name: `m${unique()}`, description: 'd', expression: 'sum(revenue)', table: 'order_lines' },
    }),
  },
  'PATCH /v1/metrics/:id': {
    need: 'editor',
    build: async (fx) => {
      const created = await json<{ metric: { id: string } }>(
        await fx.as('ada')('POST', '/v1/metrics', {
          body: { name: `m${unique()}`, description: 'd', expression: 'count(*)', table: 'orders' },
        }),
      );
      return { path: `/v1/metrics/${created.metric.id}`, body: { description: 'changed' } };
    },
  },
  'GET /v1/audit': { need: 'admin', build: async () => ({ path: '/v1/audit?limit=5' }) },
  'GET /v1/audit/verify': { need: 'admin', build: async () => ({ path: '/v1/audit/verify' }) },
  'GET /v1/audit/export': { need: 'admin', build: async () => ({ path: '/v1/audit/export?format=jsonl' }) },
  'GET /healthz': { need: 'public', build: async () => ({ path: '/healthz' }) },
  'GET /readyz': { need: 'public', build: async () => ({ path: '/readyz' }) },
  'GET /metrics': { need: 'public', build: async () => ({ path: '/metrics' }) },
  'GET /v1/openapi.json': { need: 'public', build: async () => ({ path: '/v1/openapi.json' }) },
};

const rank = { public: -1, viewer: 0, editor: 1, admin: 2 } as const;
const callers: (Person | 'anonymous')[] = ['anonymous', 'vera', 'victor', 'edith', 'ada'];
const roleOf = { vera: 'viewer', victor: 'viewer', edith: 'editor', ada: 'admin' } as const;

/** What the matrix promises for one caller on one route. */
function expected(row: Row, caller: Person | 'anonymous'): 'allowed' | 401 | 403 | 404 {
  if (row.need === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (rank[roleOf[caller]] < rank[row.need]) return 403;
  if (!row.owned || caller === 'vera') return 'allowed';
  if (caller === 'ada' && row.owned !== 'write') return 'allowed';
  return 404;
}

it('the matrix has a row for every route and no other', () => {
  const routes = apiRoutes().map((route) => `${route.method.toUpperCase()} ${route.path}`);
  expect(Object.keys(matrix).sort()).toEqual([...routes].sort());
});

describe.each(backends)('permission matrix on %s', (backend) => {
  let fx: Fixtures;

  beforeAll(async () => {
    const server = await openTestServer(backend, 'matrix');
    const people = await createPeople(server);
    const demoId = server.demo?.id ?? '';
    const session = (
      await json<{ session: { id: string } }>(
        await people.as('vera')('POST', '/v1/sessions', { body: { datasourceId: demoId } }),
      )
    ).session.id;
    const asked = await askAndWait(people.as('vera'), session, 'Total revenue by customer segment');
    expect(asked.events.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded' } });
    const sqliteFile = join(server.home, 'matrix.sqlite');
    const sqlite = new Database(sqliteFile);
    sqlite.exec('CREATE TABLE t (x INTEGER)');
    sqlite.close();
    fx = {
      server,
      ids: people.ids,
      callers: people.callers,
      as: people.as,
      demoId,
      session,
      run: asked.runId,
      answerMessage: asked.messageId,
      sqliteFile,
    };
  });
  afterAll(async () => fx?.server.close());

  for (const [name, row] of Object.entries(matrix)) {
    it(name, async () => {
      const method = name.split(' ')[0] as string;
      for (const caller of callers) {
        const request = await row.build(fx);
        let identity: Caller | undefined;
        if (caller !== 'anonymous') {
          identity = row.freshLogin
            ? await signIn(fx.server.app, `${caller}@example.com`, password)
            : fx.callers[caller];
        }
        const response = await callApi(fx.server.app, identity)(method, request.path, request);
        const want = expected(row, caller);
        const label = `${name} as ${caller}: ${response.status} ${await response
          .clone()
          .text()
          .then((text) => text.slice(0, 200))}`;
        if (want === 'allowed') {
          expect(response.status, label).not.toBe(401);
          expect(response.status, label).not.toBe(403);
          if (row.allowedStatus) expect(response.status, label).toBe(row.allowedStatus);
          else if (row.need !== 'public') expect(response.status, label).toBeLessThan(300);
        } else {
          expect(response.status, label).toBe(want);
        }
        await response.arrayBuffer();
      }
    });
  }
});
