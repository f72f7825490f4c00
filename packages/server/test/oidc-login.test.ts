/**
 * OIDC sign-in against a fake provider on loopback: the login redirect carries PKCE, state and nonce; the
 * callback verifies the ID token, creates or links the user and starts the same cookie session as a
 * password login. Wrong state, audience or nonce are refused; off → 404; unreachable provider → 502.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcConfig } from '../src/index';
import { callApi, signIn } from './support/api-client';
import { type FakeOidcProvider, startFakeOidcProvider } from './support/fake-oidc-provider';
import { createPeople, password } from './support/fixtures';
import { freePort } from './support/server-process';
import { openTestServer, type TestServer } from './support/test-server';

const callbackUrl = 'http://127.0.0.1:8787/v1/auth/oidc/callback';

function oidcConfig(provider: FakeOidcProvider, overrides: Partial<OidcConfig> = {}): OidcConfig {
  return {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUrl: callbackUrl,
    allowedDomains: [],
    defaultRole: 'viewer',
    roleClaim: 'groups',
    roleMap: { 'data-team': 'editor' },
    extraScopes: [],
    ...overrides,
  };
}

const cookieValue = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .find((cookie) => cookie.startsWith(`${name}=`) && cookie !== `${name}=`);

/** Login → provider's authorize → back to the callback; `mangle` may change the callback query. */
async function signInWithProvider(
  server: TestServer,
  options: { mangle?: (query: URLSearchParams) => void; returnTo?: string } = {},
) {
  const login = await server.app.request(
    `/v1/auth/oidc/login${options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ''}`,
  );
  expect(login.status, await login.clone().text()).toBe(302);
  const pending = cookieValue(login, 'askdata_oidc');
  expect(pending).toBeDefined();
  const authorize = await fetch(login.headers.get('location') ?? '', { redirect: 'manual' });
  expect(authorize.status).toBe(302);
  const back = new URL(authorize.headers.get('location') ?? '');
  expect(`${back.origin}${back.pathname}`).toBe(callbackUrl);
  options.mangle?.(back.searchParams);
  return server.app.request(`/v1/auth/oidc/callback${back.search}`, {
    headers: { cookie: pending ?? '' },
  });
}

describe('OIDC sign-in', () => {
  let provider: FakeOidcProvider;
  let server: TestServer;

  beforeAll(async () => {
    provider = await startFakeOidcProvider();
    server = await openTestServer('pglite', 'oidc', { oidc: oidcConfig(provider) }, { demo: false });
    await createPeople(server);
  });
  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  it('redirects to the provider with PKCE (S256), state and nonce', async () => {
    const login = await server.app.request('/v1/auth/oidc/login');
    expect(login.status).toBe(302);
    const target = new URL(login.headers.get('location') ?? '');
    expect(target.origin).toBe(provider.issuer);
    expect(target.searchParams.get('client_id')).toBe(provider.clientId);
    expect(target.searchParams.get('redirect_uri')).toBe(callbackUrl);
    expect(target.searchParams.get('code_challenge_method')).toBe('S256');
    expect(target.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(target.searchParams.get('state')).toBeTruthy();
    expect(target.searchParams.get('nonce')).toBeTruthy();
    expect(target.searchParams.get('scope')?.split(' ')).toEqual(['openid', 'email', 'profile']);
    const status = await (await server.app.request('/v1/auth/status')).json();
    expect(status).toMatchObject({ oidc: true });
  });

  it('creates the user at first sign-in with a session usable on /v1/auth/me, and audits it', async () => {
    provider.person = {
      sub: 'new-1',
      email: 'Newcomer@Example.com',
      email_verified: true,
      name: 'New Comer',
      groups: ['data-team'],
    };
    const callback = await signInWithProvider(server, { returnTo: '/catalog' });
    expect(callback.status, await callback.clone().text()).toBe(302);
    expect(callback.headers.get('location')).toBe('/catalog');
    const session = cookieValue(callback, 'askdata_session');
    expect(session).toBeDefined();
    const me = await callApi(server.app, { cookie: session ?? '' })('GET', '/v1/auth/me');
    expect(me.status).toBe(200);
    const body = (await me.json()) as {
      user: { email: string; role: string; name: string };
      csrfToken: string;
    };
    expect(body.user).toMatchObject({ email: 'newcomer@example.com', role: 'editor', name: 'New Comer' });
    // A change needs the CSRF token, exactly as after a password login.
    const caller = { cookie: session ?? '', csrfToken: body.csrfToken };
    expect(
      (await callApi(server.app, caller)('POST', '/v1/api-keys', { body: { name: 'k', scopes: ['read'] } }))
        .status,
    ).toBe(201);

    // Signing in again finds the same user through the linked identity, even with a new email.
    provider.person = { ...provider.person, email: 'renamed@example.com' };
    const again = await signInWithProvider(server);
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe('/');
    const meAgain = await callApi(server.app, { cookie: cookieValue(again, 'askdata_session') ?? '' })(
      'GET',
      '/v1/auth/me',
    );
    expect(((await meAgain.json()) as { user: { email: string } }).user.email).toBe('newcomer@example.com');

    const admin = await signIn(server.app, 'ada@example.com', password);
    const audit = await callApi(server.app, admin)('GET', '/v1/audit?limit=50');
    const actions = ((await audit.json()) as { entries: { action: string; details: unknown }[] }).entries;
    expect(
      actions.filter((entry) => entry.action === 'auth.login').map((entry) => entry.details),
    ).toContainEqual(expect.objectContaining({ method: 'oidc' }));
    expect(actions.map((entry) => entry.action)).toContain('user.created');
  });

  it('links an existing account by a verified email, not by an unverified one', async () => {
    provider.person = { sub: 'vera-at-idp', email: 'vera@example.com', email_verified: false };
    const refused = await signInWithProvider(server);
    expect(refused.status).toBe(403);
    provider.person = { sub: 'vera-at-idp-2', email: 'vera@example.com' };
    const unconfirmed = await signInWithProvider(server);
    expect(unconfirmed.status).toBe(409);
    expect(cookieValue(unconfirmed, 'askdata_session')).toBeUndefined();
    provider.person = { sub: 'vera-at-idp-3', email: 'vera@example.com', email_verified: true };
    const linked = await signInWithProvider(server);
    expect(linked.status).toBe(302);
    const me = await callApi(server.app, { cookie: cookieValue(linked, 'askdata_session') ?? '' })(
      'GET',
      '/v1/auth/me',
    );
    expect(((await me.json()) as { user: { email: string; role: string } }).user).toMatchObject({
      email: 'vera@example.com',
      role: 'viewer',
    });
  });

  it('refuses a callback whose state does not match', async () => {
    provider.person = { sub: 'state-1', email: 'state@example.com', email_verified: true };
    const response = await signInWithProvider(server, { mangle: (query) => query.set('state', 'forged') });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthenticated');
    expect(body.error.message).toMatch(/"state"/);
    expect(cookieValue(response, 'askdata_session')).toBeUndefined();
  });

  it("reports the provider's refusal", async () => {
    const response = await signInWithProvider(server, {
      mangle: (query) => {
        query.delete('code');
        query.set('error', 'access_denied');
      },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'access_denied',
    );
  });

  it('refuses a callback without the pending-login cookie', async () => {
    const response = await server.app.request('/v1/auth/oidc/callback?code=x&state=y');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/start again/);
  });

  it('refuses an ID token for another audience', async () => {
    provider.person = { sub: 'aud-1', email: 'aud@example.com', email_verified: true };
    provider.tamper = { audience: 'some-other-client' };
    try {
      const response = await signInWithProvider(server);
      expect(response.status).toBe(401);
      expect(cookieValue(response, 'askdata_session')).toBeUndefined();
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/"aud"/);
    } finally {
      provider.tamper = {};
    }
  });

  it('refuses an ID token with another nonce', async () => {
    provider.person = { sub: 'nonce-1', email: 'nonce@example.com', email_verified: true };
    provider.tamper = { nonce: 'replayed-nonce' };
    try {
      const response = await signInWithProvider(server);
      expect(response.status).toBe(401);
      expect(cookieValue(response, 'askdata_session')).toBeUndefined();
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/"nonce"/);
    } finally {
      provider.tamper = {};
    }
  });

  it('only lets allowed email domains in', async () => {
    const limited = await openTestServer(
      'pglite',
      'oidc-domains',
      { oidc: oidcConfig(provider, { allowedDomains: ['corp.example'] }) },
      { demo: false },
    );
    try {
      provider.person = { sub: 'outsider', email: 'someone@elsewhere.example', email_verified: true };
      const response = await signInWithProvider(limited);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        '@corp.example',
      );
      provider.person = { sub: 'insider', email: 'someone@corp.example', email_verified: true };
      expect((await signInWithProvider(limited)).status).toBe(302);
    } finally {
      await limited.close();
    }
  });
});

describe('OIDC sign-in when off or unreachable', () => {
  it('answers 404 with a clear message when OIDC is not set up', async () => {
    const server = await openTestServer('pglite', 'oidc-off', {}, { demo: false });
    try {
      const response = await server.app.request('/v1/auth/oidc/login');
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/not set up/);
      expect(await (await server.app.request('/v1/auth/status')).json()).toMatchObject({ oidc: false });
    } finally {
      await server.close();
    }
  });

  it('answers 502 when the provider cannot be reached', async () => {
    const port = await freePort();
    const server = await openTestServer(
      'pglite',
      'oidc-down',
      {
        oidc: {
          issuer: `http://127.0.0.1:${port}`,
          clientId: 'x',
          redirectUrl: callbackUrl,
          allowedDomains: [],
          defaultRole: 'viewer',
          roleMap: {},
          extraScopes: [],
        },
      },
      { demo: false },
    );
    try {
      const response = await server.app.request('/v1/auth/oidc/login');
      expect(response.status).toBe(502);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('bad_gateway');
      expect(body.error.message).toContain(`127.0.0.1:${port}`);
    } finally {
      await server.close();
    }
  });
});
