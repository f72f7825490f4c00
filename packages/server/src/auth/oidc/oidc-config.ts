import type { Role } from '@askdata/store';

/** Optional single sign-on with an OpenID Connect provider; the server decides nothing here from the environment. */
export interface OidcConfig {
  /** The provider's issuer URL; its discovery document is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Confidential clients send it to the token endpoint (client_secret_basic); public clients leave it out. */
  clientSecret?: string;
  /** Where the provider sends the browser back: `<publicUrl>/v1/auth/oidc/callback` unless set. */
  redirectUrl: string;
  /** Email domains allowed to sign in (lower case); empty allows every domain. */
  allowedDomains: string[];
  /** Role of a user created at first sign-in when no claim maps to one. */
  defaultRole: Role;
  /** A claim of the ID token holding group or role names (a string or an array of them), e.g. `groups`. */
  roleClaim?: string;
  /** Claim value → role; a new user gets the highest role any of their values maps to. */
  roleMap: Record<string, Role>;
  /** Extra scopes besides `openid email profile`. */
  extraScopes: string[];
}

const roles = new Set<string>(['admin', 'editor', 'viewer']);

function isRole(value: string): value is Role {
  return roles.has(value);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * Reads `ASKDATA_OIDC_*` settings from an environment record (the composition root passes
 * `process.env`). Undefined when `ASKDATA_OIDC_ISSUER` is not set: OIDC sign-in is off.
 * Throws a one-sentence error for a setting that cannot be right.
 */
export function oidcConfigFromEnvironment(
  environment: Record<string, string | undefined>,
  publicUrl: string,
): OidcConfig | undefined {
  const issuer = environment.ASKDATA_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const clientId = environment.ASKDATA_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('ASKDATA_OIDC_CLIENT_ID is required when ASKDATA_OIDC_ISSUER is set.');
  const defaultRole = environment.ASKDATA_OIDC_DEFAULT_ROLE?.trim() || 'viewer';
  if (!isRole(defaultRole)) {
    throw new Error(`ASKDATA_OIDC_DEFAULT_ROLE must be viewer, editor or admin, not ${defaultRole}.`);
  }
  const roleMap: Record<string, Role> = {};
  // "group=role" pairs, e.g. "askdata-admins=admin,analysts=editor".
  for (const pair of list(environment.ASKDATA_OIDC_ROLE_MAP)) {
    const [value, role] = pair.split('=');
    if (!value || !role || !isRole(role)) {
      throw new Error(`ASKDATA_OIDC_ROLE_MAP entries are "value=viewer|editor|admin"; "${pair}" is not.`);
    }
    roleMap[value] = role;
  }
  const roleClaim = environment.ASKDATA_OIDC_ROLE_CLAIM?.trim();
  const clientSecret = environment.ASKDATA_OIDC_CLIENT_SECRET;
  return {
    issuer,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    redirectUrl:
      environment.ASKDATA_OIDC_REDIRECT_URL?.trim() ||
      `${publicUrl.replace(/\/+$/, '')}/v1/auth/oidc/callback`,
    allowedDomains: list(environment.ASKDATA_OIDC_ALLOWED_DOMAINS).map((domain) =>
      domain.toLowerCase().replace(/^@/, ''),
    ),
    defaultRole,
    ...(roleClaim ? { roleClaim } : {}),
    roleMap,
    extraScopes: list(environment.ASKDATA_OIDC_SCOPES),
  };
}
