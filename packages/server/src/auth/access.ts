import type { ApiKeyScope, Role } from '@askdata/store';
import type { Context } from 'hono';
import type { AppEnv, Principal } from '../app-env';
import { HttpError } from '../http-error';

const roleRank = { viewer: 0, editor: 1, admin: 2 } as const satisfies Record<Role, number>;
const scopeRank = { read: 0, ask: 1, admin: 2 } as const satisfies Record<ApiKeyScope, number>;

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank[role] >= roleRank[minimum];
}

/** 'admin' covers 'ask', which covers 'read'. */
export function scopeAllows(scopes: readonly ApiKeyScope[], needed: ApiKeyScope): boolean {
  return scopes.some((scope) => scopeRank[scope] >= scopeRank[needed]);
}

/** The signed-in caller of a route declared `auth: 'user'`. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw new HttpError('unauthenticated', 'Sign in first.');
  return principal;
}

export function isAdmin(principal: Principal): boolean {
  return (
    principal.user.role === 'admin' && (principal.kind === 'cookie' || scopeAllows(principal.scopes, 'admin'))
  );
}

/** Throws 401/403 unless the principal may call a route with this access. */
export function checkAccess(
  principal: Principal | undefined,
  access: { role: Role; scope: ApiKeyScope },
): Principal {
  if (!principal) throw new HttpError('unauthenticated', 'Sign in first, or send an API key.');
  if (!roleAtLeast(principal.user.role, access.role)) {
    throw new HttpError('forbidden', `This needs the ${access.role} role; you are ${principal.user.role}.`);
  }
  if (principal.kind === 'api-key' && !scopeAllows(principal.scopes, access.scope)) {
    throw new HttpError('forbidden', `This API key lacks the "${access.scope}" scope.`);
  }
  return principal;
}
