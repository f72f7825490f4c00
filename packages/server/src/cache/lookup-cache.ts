import type { Store, TransactionStore } from '@askdata/store';

/** Entries kept per kind of lookup at most; the oldest go first. */
const maxEntries = 10_000;

/** A map whose entries expire `ttlMs` after they were read from the store. */
class Expiring<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(private readonly ttlMs: number) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const found = this.entries.get(key);
    if (found && found.until > now) return found.value;
    const value = await load();
    this.entries.delete(key);
    this.entries.set(key, { value, until: now + this.ttlMs });
    if (this.entries.size > maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * The store with the reads that every request makes — who an API key or login cookie belongs to, the
 * datasource asked about, the caller's permission on it — kept in memory for `ttlMs`. Any change to
 * keys, users, login sessions, datasources or permissions made through this store (or a transaction of
 * it) clears the affected kind at once, so this process never serves a stale grant; a change made by
 * another process is seen within `ttlMs`. `ttlMs <= 0` returns the store as it is.
 */
export function withLookupCache(store: Store, ttlMs: number): Store {
  if (ttlMs <= 0) return store;
  const apiKeys = new Expiring<Awaited<ReturnType<Store['apiKeys']['findBySecret']>>>(ttlMs);
  const logins = new Expiring<Awaited<ReturnType<Store['authSessions']['findByToken']>>>(ttlMs);
  const datasources = new Expiring<Awaited<ReturnType<Store['datasources']['get']>>>(ttlMs);
  const permissions = new Expiring<Awaited<ReturnType<Store['permissions']['get']>>>(ttlMs);
  const forgetPrincipals = () => {
    apiKeys.clear();
    logins.clear();
  };
  const forgetAccess = () => {
    datasources.clear();
    permissions.clear();
  };
  // A change clears the cache before and after it commits, so no read in between can bring the old row back.
  const clearing =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>, forget: () => void) =>
    async (...args: A): Promise<R> => {
      forget();
      try {
        return await work(...args);
      } finally {
        forget();
      }
    };
  const forgetAll = () => {
    forgetPrincipals();
    forgetAccess();
  };

  function wrap<S extends TransactionStore>(inner: S): S {
    return {
      ...inner,
      users: {
        ...inner.users,
        setRole: clearing(inner.users.setRole.bind(inner.users), forgetAll),
        setPassword: clearing(inner.users.setPassword.bind(inner.users), forgetPrincipals),
      },
      authSessions: {
        ...inner.authSessions,
        findByToken: (token) => logins.get(token, () => inner.authSessions.findByToken(token)),
        deleteByToken: clearing(inner.authSessions.deleteByToken.bind(inner.authSessions), forgetPrincipals),
        deleteForUser: clearing(inner.authSessions.deleteForUser.bind(inner.authSessions), forgetPrincipals),
        deleteExpired: clearing(inner.authSessions.deleteExpired.bind(inner.authSessions), forgetPrincipals),
      },
      apiKeys: {
        ...inner.apiKeys,
        findBySecret: (secret) => apiKeys.get(secret, () => inner.apiKeys.findBySecret(secret)),
        revoke: clearing(inner.apiKeys.revoke.bind(inner.apiKeys), forgetPrincipals),
      },
      datasources: {
        ...inner.datasources,
        get: (orgId, id) => datasources.get(`${orgId}\0${id}`, () => inner.datasources.get(orgId, id)),
        update: clearing(inner.datasources.update.bind(inner.datasources), forgetAccess),
        delete: clearing(inner.datasources.delete.bind(inner.datasources), forgetAccess),
      },
      permissions: {
        ...inner.permissions,
        get: (orgId, datasourceId, userId) =>
          permissions.get(`${orgId}\0${datasourceId}\0${userId}`, () =>
            inner.permissions.get(orgId, datasourceId, userId),
          ),
        set: clearing(inner.permissions.set.bind(inner.permissions), forgetAccess),
        remove: clearing(inner.permissions.remove.bind(inner.permissions), forgetAccess),
      },
    };
  }

  const cached = wrap(store);
  return {
    ...cached,
    transaction: (work) => store.transaction((transaction) => work(wrap(transaction))),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
