/**
 * Per-datasource access and denied columns reach every path to the data (listing, tables, profile, guarded SQL,
 * sessions, questions); uploads are private to their uploader until an admin grants access.
 * Bad input gets a 4xx with a message a person can act on; auth details (CSRF, scopes, rate limits) hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, type buildOpenApi, createApp } from '../src/index';
import { memoryRateLimiter } from '../src/rate-limit/memory-rate-limiter';
import { callApi } from './support/api-client';
import { askAndWait, createPeople } from './support/fixtures';
import { openTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let people: Awaited<ReturnType<typeof createPeople>>;

beforeAll(async () => {
  server = await openTestServer('pglite', 'requests', {
    maxUploadBytes: 64 * 1024,
    rateLimit: { max: 10_000, windowMs: 60_000 },
  });
  people = await createPeople(server);
});
afterAll(async () => server?.close());

async function errorOf(response: Response) {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  return body.error;
}

describe('malformed requests', () => {
  it('refuses a body that is not JSON with 415', async () => {
    const response = await people.as('vera')('POST', '/v1/sessions', {
      body: 'datasourceId=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(await errorOf(response)).toEqual({
      code: 'unsupported_media_type',
      message: 'Send the body as application/json, not application/x-www-form-urlencoded.',
    });
  });

  it('refuses broken JSON with 400', async () => {
    const response = await server.app.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ code: 'invalid_body', message: 'The body is not valid JSON.' });
  });

  it('names the wrong field', async () => {
    const response = await people.as('vera')('POST', `/v1/sessions/x/messages`, { body: { question: 42 } });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_body');
    expect(error.message).toMatch(/^Invalid body: question: /);
  });

  it('refuses JSON over 1 MiB with 413', async () => {
    const response = await people.as('vera')('POST', '/v1/sessions', {
      body: { datasourceId: 'x', title: 'y'.repeat(1_100_000) },
    });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('too_large');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await server.app.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('rejects a query parameter outside its enum', async () => {
    const response = await people.as('ada')('GET', '/v1/audit/export?format=xml');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^Invalid query: format: /);
  });

  it('turns a guard refusal into a 4xx with the guard message', async () => {
    const response = await people.as('vera')('POST', '/v1/query', {
      body: { datasourceId: server.demo?.id, sql: 'DROP TABLE orders' },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const error = await errorOf(response);
    expect(error.code).toMatch(/^sql_/);
  });
});

describe('uploads', () => {
  const upload = (content: string | Uint8Array, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', new Blob([content]), name);
    return people.as('edith')('POST', '/v1/datasources/upload', { body: form });
  };

  it('streams a file to disk and ingests it', async () => {
    const response = await upload('region,units\nNorth,3\nSouth,5\nNorth,4\n', 'units.csv', {
      name: 'Units',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      datasource: { id: string; name: string; kind: string };
      tables: { name: string; rows: number; columns: { name: string }[] }[];
    };
    expect(body.datasource).toMatchObject({ name: 'Units', kind: 'workspace' });
    expect(body.tables).toHaveLength(1);
    expect(body.tables[0]?.rows).toBe(3);
    expect(body.tables[0]?.columns.map((column) => column.name)).toEqual(['region', 'units']);
    const query = await people.as('edith')('POST', '/v1/query', {
      body: {
        datasourceId: body.datasource.id,
        sql: `SELECT sum(units) AS total FROM ${body.tables[0]?.name}`,
      },
    });
    expect(((await query.json()) as { rows: unknown[][] }).rows).toEqual([[12]]);
  });

  it('refuses a file over the limit with 413 and keeps nothing', async () => {
    const big = `a,b\n${'1,2\n'.repeat(40_000)}`;
    const response = await upload(big, 'big.csv');
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({
      code: 'too_large',
      message: `The file is over the upload limit of ${64 * 1024} bytes.`,
    });
    const { readdir } = await import('node:fs/promises');
    const left = await readdir(`${server.home}/uploads`).catch(() => []);
    expect(left.filter((name) => name.endsWith('big.csv'))).toEqual([]);
  });

  it('refuses a non-multipart upload with 415 and a missing file part with 400', async () => {
    const wrongType = await people.as('edith')('POST', '/v1/datasources/upload', { body: { file: 'x' } });
    expect(wrongType.status).toBe(415);
    const form = new FormData();
    form.append('name', 'nothing');
    const noFile = await people.as('edith')('POST', '/v1/datasources/upload', { body: form });
    expect(noFile.status).toBe(400);
    expect((await errorOf(noFile)).message).toBe('The upload has no "file" part.');
  });

  it('refuses a binary file as unsupported', async () => {
    const response = await upload(new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]), 'blob.csv');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('authentication details', () => {
  it('refuses a cookie mutation without the CSRF header', async () => {
    const response = await people.as('vera')('POST', '/v1/sessions', {
      body: { datasourceId: server.demo?.id },
      noCsrf: true,
    });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).message).toMatch(/X-CSRF-Token/);
  });

  it('refuses an unknown API key with 401 and enforces scopes', async () => {
    const bad = await callApi(server.app, { apiKey: 'ak_nonsense' })('GET', '/v1/sessions');
    expect(bad.status).toBe(401);
    const created = await people.as('vera')('POST', '/v1/api-keys', {
      body: { name: 'reader', scopes: ['read'] },
    });
    const { secret } = (await created.json()) as { secret: string };
    const reader = callApi(server.app, { apiKey: secret });
    expect((await reader('GET', '/v1/sessions')).status).toBe(200);
    const write = await reader('POST', '/v1/sessions', { body: { datasourceId: server.demo?.id } });
    expect(write.status).toBe(403);
    expect((await errorOf(write)).message).toBe('This API key lacks the "ask" scope.');
    const asker = await people.as('vera')('POST', '/v1/api-keys', {
      body: { name: 'asker', scopes: ['ask'] },
    });
    const askKey = callApi(server.app, { apiKey: ((await asker.json()) as { secret: string }).secret });
    expect((await askKey('POST', '/v1/sessions', { body: { datasourceId: server.demo?.id } })).status).toBe(
      201,
    );
    const adminScope = await people.as('vera')('POST', '/v1/api-keys', {
      body: { name: 'x', scopes: ['admin'] },
    });
    expect(adminScope.status).toBe(403);
  });

  it('logs out: the cookie stops working', async () => {
    const { signIn } = await import('./support/api-client');
    const caller = await signIn(server.app, 'victor@example.com', 'correct horse battery');
    const call = callApi(server.app, caller);
    expect((await call('GET', '/v1/auth/me')).status).toBe(200);
    expect((await call('POST', '/v1/auth/logout')).status).toBe(204);
    expect((await call('GET', '/v1/auth/me')).status).toBe(401);
  });
});

describe('rate limit in memory', () => {
  it('answers 429 with Retry-After past the limit', async () => {
    const limited = createApp({ ...server.deps, limiter: memoryRateLimiter({ max: 5, windowMs: 60_000 }) });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < 8; index++) {
      const response = await limited.request('/v1/auth/status');
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('OpenAPI', () => {
  it('describes every route with its body schema', async () => {
    const response = await server.app.request('/v1/openapi.json');
    const document = (await response.json()) as ReturnType<typeof buildOpenApi>;
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      apiRoutes()
        .map((route) => `${route.method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
        .sort(),
    );
    const ask = document.paths['/v1/sessions/{id}/messages'] as { post: { requestBody: unknown } };
    expect(JSON.stringify(ask.post.requestBody)).toContain('"question"');
  });
});

let privateId: string;

describe('datasource access', () => {
  beforeAll(async () => {
    const form = new FormData();
    form.append('file', new Blob(['person,salary\nAnn,100\nBob,200\n']), 'salaries.csv');
    const uploaded = await people.as('edith')('POST', '/v1/datasources/upload', { body: form });
    expect(uploaded.status).toBe(201);
    privateId = ((await uploaded.json()) as { datasource: { id: string } }).datasource.id;
  });

  const names = async (response: Response) =>
    ((await response.json()) as { datasources: { id: string }[] }).datasources.map(
      (datasource) => datasource.id,
    );

  it('keeps an upload private to its uploader (and admins) until access is granted', async () => {
    const vera = people.as('vera');
    expect(await names(await vera('GET', '/v1/datasources'))).not.toContain(privateId);
    expect(await names(await people.as('edith')('GET', '/v1/datasources'))).toContain(privateId);
    expect(await names(await people.as('ada')('GET', '/v1/datasources'))).toContain(privateId);
    for (const [method, path, body] of [
      ['GET', `/v1/datasources/${privateId}/tables`, undefined],
      ['GET', `/v1/datasources/${privateId}/tables/salaries/profile`, undefined],
      ['POST', '/v1/query', { datasourceId: privateId, sql: 'SELECT * FROM salaries' }],
      ['POST', '/v1/sessions', { datasourceId: privateId }],
    ] as const) {
      const response = await vera(method, path, body === undefined ? {} : { body });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const granted = await people.as('ada')('PUT', `/v1/datasources/${privateId}/permissions`, {
      body: { userId: people.ids.vera, access: 'read' },
    });
    expect(granted.status).toBe(200);
    expect(await names(await vera('GET', '/v1/datasources'))).toContain(privateId);
    const query = await vera('POST', '/v1/query', {
      body: { datasourceId: privateId, sql: 'SELECT sum(salary) AS s FROM salaries' },
    });
    expect(((await query.json()) as { rows: unknown[][] }).rows).toEqual([[300]]);
  });

  it('refuses tables of other datasources through a datasource', async () => {
    const response = await people.as('edith')('POST', '/v1/query', {
      body: { datasourceId: privateId, sql: 'SELECT count(*) FROM orders' },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('sql_forbidden_table');
  });

  it('hides denied columns everywhere and refuses them in SQL', async () => {
    const demoId = server.demo?.id as string;
    await people.as('ada')('PUT', `/v1/datasources/${demoId}/permissions`, {
      body: { userId: people.ids.victor, access: 'read', deniedColumns: ['customers.email', 'revenue'] },
    });
    const victor = people.as('victor');
    const tables = (await (await victor('GET', `/v1/datasources/${demoId}/tables`)).json()) as {
      tables: { name: string; columns: { name: string }[] }[];
    };
    const columns = (table: string) =>
      tables.tables.find((entry) => entry.name === table)?.columns.map((column) => column.name);
    expect(columns('customers')).not.toContain('email');
    expect(columns('customers')).toContain('segment');
    expect(columns('order_lines')).not.toContain('revenue');
    const profile = (await (
      await victor('GET', `/v1/datasources/${demoId}/tables/customers/profile`)
    ).json()) as {
      columns: { name: string }[];
    };
    expect(profile.columns.map((column) => column.name)).not.toContain('email');

    const sql = await victor('POST', '/v1/query', {
      body: { datasourceId: demoId, sql: 'SELECT email FROM customers' },
    });
    expect(sql.status).toBe(403);
    expect(((await sql.json()) as { error: { code: string } }).error.code).toBe('sql_forbidden_column');
    const star = await victor('POST', '/v1/query', {
      body: { datasourceId: demoId, sql: 'SELECT * FROM customers LIMIT 1' },
    });
    if (star.status === 200) {
      const body = (await star.json()) as { columns: { name: string }[] };
      expect(body.columns.map((column) => column.name)).not.toContain('email');
    } else {
      expect(star.status).toBe(403);
    }
    // Other users still see the column.
    const vera = await people.as('vera')('POST', '/v1/query', {
      body: { datasourceId: demoId, sql: 'SELECT email FROM customers LIMIT 1' },
    });
    expect(vera.status).toBe(200);

    const created = await victor('POST', '/v1/sessions', { body: { datasourceId: demoId } });
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;
    const asked = await askAndWait(victor, sessionId, 'Total revenue by customer segment');
    const sqlEvents = asked.events.filter((event) => event.event === 'sql');
    for (const event of sqlEvents) expect((event.data as { sql: string }).sql).not.toMatch(/revenue/);
    expect(asked.events.at(-1)?.event).toBe('done');
  });
});
