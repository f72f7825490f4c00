/**
 * An OpenID Connect provider on loopback for tests: discovery document, JWKS, an authorization endpoint
 * that signs the configured person in at once, and a token endpoint that checks the client secret and
 * PKCE and issues an RS256-signed ID token. `tamper` makes it send a wrong audience or nonce.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface FakePerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

interface IssuedCode {
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  person: FakePerson;
}

export interface FakeOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next authorization request. */
  person: FakePerson;
  tamper: { audience?: string; nonce?: string };
  /** Authorization requests received (their query parameters). */
  authorizations: URLSearchParams[];
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return new URLSearchParams(text);
}

export async function startFakeOidcProvider(): Promise<FakeOidcProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, IssuedCode>();
  const provider = {
    issuer: '',
    clientId: 'askdata-test',
    clientSecret: randomBytes(16).toString('hex'),
    person: { sub: 'person-1', email: 'sso@example.com', email_verified: true, name: 'Sso Person' },
    tamper: {},
    authorizations: [],
  } as Omit<FakeOidcProvider, 'close'>;

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', provider.issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return send(response, 200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/authorize`,
        token_endpoint: `${provider.issuer}/token`,
        jwks_uri: `${provider.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks') return send(response, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const query = url.searchParams;
      provider.authorizations.push(query);
      const redirectUri = query.get('redirect_uri') ?? '';
      if (query.get('client_id') !== provider.clientId || query.get('response_type') !== 'code') {
        return send(response, 400, { error: 'invalid_request' });
      }
      if (query.get('code_challenge_method') !== 'S256' || !query.get('code_challenge')) {
        return send(response, 400, { error: 'invalid_request', error_description: 'PKCE required' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        redirectUri,
        codeChallenge: query.get('code_challenge') ?? '',
        nonce: query.get('nonce') ?? undefined,
        person: { ...provider.person },
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const state = query.get('state');
      if (state) back.searchParams.set('state', state);
      back.searchParams.set('iss', provider.issuer);
      response.writeHead(302, { location: back.href });
      return response.end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      // client_secret_basic: both parts form-url-encoded, then base64 (RFC 6749 §2.3.1).
      const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString().split(':');
      const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
      if (decode(id) !== provider.clientId || decode(secret) !== provider.clientSecret) {
        return send(response, 401, { error: 'invalid_client' });
      }
      const form = await readForm(request);
      const issued = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!issued || issued.redirectUri !== form.get('redirect_uri') || issued.codeChallenge !== challenge) {
        return send(response, 400, { error: 'invalid_grant' });
      }
      const { sub, ...claims } = issued.person;
      const nonce = provider.tamper.nonce ?? issued.nonce;
      const idToken = await new SignJWT({ ...claims, ...(nonce ? { nonce } : {}) })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .setIssuer(provider.issuer)
        .setSubject(sub)
        .setAudience(provider.tamper.audience ?? provider.clientId)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      return send(
        response,
        200,
        {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken,
        },
        { 'cache-control': 'no-store' },
      );
    }
    return send(response, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(provider, {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
