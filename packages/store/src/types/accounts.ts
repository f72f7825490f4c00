/** Organisations, users, cookie sessions and API keys. */

export type Role = 'admin' | 'editor' | 'viewer';

export interface Organisation {
  id: string;
  name: string;
  createdAt: string;
}

export interface User {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  email: string;
  /** Plain password; stored only as an argon2id hash. */
  password: string;
  name: string;
  role: Role;
}

export interface UserRepository {
  /** Users in every organisation; 0 means the product has not been bootstrapped. */
  countAll(): Promise<number>;
  /** Creates the first admin atomically; null when any user already exists (two racing calls: one wins). */
  bootstrapAdmin(orgId: string, input: Omit<NewUser, 'role'>): Promise<User | null>;
  /** Throws AskdataError 'conflict' when the email is taken in this organisation. */
  create(orgId: string, input: NewUser): Promise<User>;
  get(orgId: string, id: string): Promise<User | null>;
  findByEmail(orgId: string, email: string): Promise<User | null>;
  list(orgId: string): Promise<User[]>;
  setRole(orgId: string, id: string, role: Role): Promise<User | null>;
  setPassword(orgId: string, id: string, password: string): Promise<boolean>;
  /**
   * The user when email and password match, else null. Looks the email up in every organisation
   * (emails are unique per organisation; with one organisation that is one row). Takes about the
   * same time whether or not the email exists.
   */
  verifyPassword(email: string, password: string): Promise<User | null>;
}

/** Sign-in identities at OpenID Connect providers: issuer + subject, each linked to one user. */
export interface UserIdentityRepository {
  /** The user this issuer's subject signs in as, null when not linked yet; records the sign-in time. */
  findUser(issuer: string, subject: string): Promise<User | null>;
  /** Links issuer + subject to a user; a pair already linked keeps its user (false then). */
  link(
    orgId: string,
    input: { userId: string; issuer: string; subject: string; email?: string },
  ): Promise<boolean>;
}

export interface AuthSession {
  id: string;
  orgId: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface AuthSessionRepository {
  /** `token` goes into the cookie and is returned only here; the store keeps its SHA-256. */
  create(
    orgId: string,
    userId: string,
    options: { ttlMs: number; userAgent?: string; ip?: string },
  ): Promise<{ session: AuthSession; token: string }>;
  /** The live session and its user for a cookie token; null when unknown or expired. */
  findByToken(token: string): Promise<{ session: AuthSession; user: User } | null>;
  /** Logout: deletes the session for this token; true when one existed. */
  deleteByToken(token: string): Promise<boolean>;
  deleteForUser(orgId: string, userId: string): Promise<number>;
  deleteExpired(): Promise<number>;
}

export type ApiKeyScope = 'read' | 'ask' | 'admin';

export interface ApiKey {
  id: string;
  orgId: string;
  userId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** The first characters of the secret, safe to show so a person can tell keys apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface ApiKeyRepository {
  /** `secret` is returned once; the store keeps its SHA-256 and the prefix. */
  create(
    orgId: string,
    input: { userId: string; name: string; scopes: ApiKeyScope[] },
  ): Promise<{ apiKey: ApiKey; secret: string }>;
  list(orgId: string, filter?: { userId?: string }): Promise<ApiKey[]>;
  /** The key and its owner for a bearer secret; null when unknown or revoked. Records last use. */
  findBySecret(secret: string): Promise<{ apiKey: ApiKey; user: User } | null>;
  revoke(orgId: string, id: string): Promise<boolean>;
}
