import { randomBytes } from 'node:crypto';
import { AskdataError } from '@askdata/core';
import type { Role, User } from '@askdata/store';
import type { ServerDeps } from '../../app-env';
import { HttpError } from '../../http-error';
import { roleAtLeast } from '../access';
import type { OidcIdentity } from './oidc-client';
import type { OidcConfig } from './oidc-config';

/** The highest role any of the identity's claim values maps to, else the configured default. */
export function roleForIdentity(config: OidcConfig, identity: OidcIdentity): Role {
  let role: Role | undefined;
  for (const value of identity.roleValues) {
    const mapped = config.roleMap[value];
    if (mapped && (!role || roleAtLeast(mapped, role))) role = mapped;
  }
  return role ?? config.defaultRole;
}

function checkDomain(config: OidcConfig, email: string | undefined) {
  if (config.allowedDomains.length === 0) return;
  const domain = email?.split('@')[1];
  if (!domain || !config.allowedDomains.includes(domain)) {
    throw new HttpError(
      'forbidden',
      `Sign-in is open to ${config.allowedDomains.map((allowed) => `@${allowed}`).join(', ')} addresses only.`,
    );
  }
}

/**
 * The askdata user an identity signs in as: the one linked to its issuer and subject; else the user with
 * its email, linked now (only when the provider verified that email, so nobody takes over an account by
 * claiming its address); else a new user with the mapped role. Roles of existing users are left to admins.
 */
export async function userForIdentity(
  deps: ServerDeps,
  config: OidcConfig,
  identity: OidcIdentity,
): Promise<User> {
  const { store, org } = deps;
  checkDomain(config, identity.email);
  const linked = await store.identities.findUser(identity.issuer, identity.subject);
  if (linked) return linked;
  if (!identity.email) {
    throw new HttpError(
      'forbidden',
      'The sign-in provider shared no email address; allow the "email" scope for askdata.',
    );
  }
  if (identity.emailVerified === false) {
    throw new HttpError('forbidden', 'The sign-in provider has not verified this email address.');
  }
  const link = async (user: User, created: boolean) => {
    await store.identities.link(org.id, {
      userId: user.id,
      issuer: identity.issuer,
      subject: identity.subject,
      email: identity.email,
    });
    await store.audit.append(org.id, {
      action: created ? 'user.created' : 'auth.identity_linked',
      actor: { userId: user.id },
      targetType: 'user',
      targetId: user.id,
      details: { method: 'oidc', issuer: identity.issuer, ...(created ? { role: user.role } : {}) },
    });
    return user;
  };
  const existing = await store.users.findByEmail(org.id, identity.email);
  if (existing) {
    if (identity.emailVerified !== true) {
      throw new HttpError(
        'conflict',
        'An account with this email exists, and the sign-in provider did not confirm the address; ask an admin.',
      );
    }
    return link(existing, false);
  }
  try {
    const user = await store.users.create(org.id, {
      email: identity.email,
      // Nobody knows it: this user signs in through the provider (an admin may set a password).
      password: randomBytes(32).toString('base64url'),
      name: identity.name || identity.email,
      role: roleForIdentity(config, identity),
    });
    return await link(user, true);
  } catch (error) {
    // A second sign-in of the same person at the same moment created the user first.
    if (AskdataError.isInstance(error) && error.code === 'conflict') {
      const again = await store.identities.findUser(identity.issuer, identity.subject);
      if (again) return again;
    }
    throw error;
  }
}
