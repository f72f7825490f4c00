import * as client from 'openid-client';
import { z } from 'zod';
import { HttpError } from '../../http-error';
import type { OidcConfig } from './oidc-config';

/** What the login request leaves in the browser (cookie) for the callback to check: PKCE, state, nonce. */
export const pendingLoginSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(1),
  returnTo: z.string(),
});
export type PendingLogin = z.infer<typeof pendingLoginSchema>;

/** Who the provider says signed in, read from the verified ID token. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  /** Values of the configured role claim (group or role names). */
  roleValues: string[];
}

const discoveryTimeoutSeconds = 10;
const discovered = new WeakMap<OidcConfig, Promise<client.Configuration>>();

/** Plain HTTP is accepted only for a provider on this machine (a development identity provider). */
function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * The provider's configuration from its discovery document, read once per config and reused; a failed
 * discovery is forgotten so the next sign-in tries again. ID token signatures are checked against its JWKS.
 */
async function providerFor(config: OidcConfig): Promise<client.Configuration> {
  let found = discovered.get(config);
  if (!found) {
    const issuer = new URL(config.issuer);
    const execute = [client.enableNonRepudiationChecks];
    if (isLoopbackHttp(issuer)) execute.push(client.allowInsecureRequests);
    found = client.discovery(
      issuer,
      config.clientId,
      undefined,
      config.clientSecret ? client.ClientSecretBasic(config.clientSecret) : client.None(),
      { execute, timeout: discoveryTimeoutSeconds },
    );
    discovered.set(config, found);
    found.catch(() => {
      if (discovered.get(config) === found) discovered.delete(config);
    });
  }
  try {
    return await found;
  } catch {
    throw new HttpError(
      'bad_gateway',
      `The sign-in provider ${config.issuer} could not be reached or sent no valid discovery document; try again later or tell an admin.`,
    );
  }
}

/** The provider's authorization URL for a new sign-in, and what the callback must check. */
export async function beginOidcLogin(
  config: OidcConfig,
  returnTo: string,
): Promise<{ url: URL; pending: PendingLogin }> {
  const provider = await providerFor(config);
  const pending: PendingLogin = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    returnTo,
  };
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: config.redirectUrl,
    scope: ['openid', 'email', 'profile', ...config.extraScopes].join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

function claimStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Exchanges the code from the provider's redirect (PKCE) and verifies the ID token: signature, issuer,
 * audience, expiry, state and nonce. Anything that does not verify is a 401; an unreachable provider a 502.
 */
export async function finishOidcLogin(
  config: OidcConfig,
  callbackSearch: string,
  pending: PendingLogin,
): Promise<OidcIdentity> {
  const provider = await providerFor(config);
  // The URL the provider redirected to, as configured (proxies may change the one the server sees).
  const currentUrl = new URL(config.redirectUrl);
  currentUrl.search = callbackSearch;
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    if (error instanceof client.AuthorizationResponseError) {
      throw new HttpError('unauthenticated', `The sign-in provider refused the sign-in (${error.error}).`);
    }
    if (error instanceof client.ResponseBodyError || error instanceof client.ClientError) {
      // The precise check that failed (e.g. 'unexpected JWT "aud" (audience) claim value') is in the cause.
      const reason = error.cause instanceof Error ? error.cause.message : error.message;
      throw new HttpError('unauthenticated', `The sign-in could not be verified (${reason}); start again.`);
    }
    throw new HttpError(
      'bad_gateway',
      `The sign-in provider ${config.issuer} did not answer the token request; try again later.`,
    );
  }
  const claims = tokens.claims();
  if (!claims) throw new HttpError('unauthenticated', 'The sign-in provider sent no ID token.');
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
  const name = typeof claims.name === 'string' ? claims.name.trim() : undefined;
  return {
    issuer: claims.iss,
    subject: claims.sub,
    ...(email ? { email } : {}),
    ...(typeof claims.email_verified === 'boolean' ? { emailVerified: claims.email_verified } : {}),
    ...(name ? { name } : {}),
    roleValues: config.roleClaim ? claimStrings(claims[config.roleClaim]) : [],
  };
}
