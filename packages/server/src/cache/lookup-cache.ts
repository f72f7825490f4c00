import type { Store, TransactionStore } from '@askdata/store';

/** Entries kept per kind of lookup at most; the oldest go first. */
const maxEntries = 10_000;

/** A map whose entries expire `ttlMs` after they were read from the store. */
class Expiring<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(private readonly ttlMs: number) {}

  /** Reads of a key already on their way to the store: callers at the same moment share one (single flight). */
  private readonly loading = new Map<string, { promise: Promise<T>; generation: number }>();
  /** Bumped by every change, so a read that began before it is not kept (nor shared) after it. */
  private generation = 0;

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const found = this.entries.get(key);
    if (found && found.until > now) return found.value;
    const inFlight = this.loading.get(key);
    if (inFlight && inFlight.generation === this.generation) return inFlight.promise;
    const generation = this.generation;
    const promise = load().then((value) => {
      if (generation === this.generation) this.set(key, value, now);
      return value;
    });
    this.loading.set(key, { promise, generation });
    try {
      return await promise;
    } finally {
      if (this.loading.get(key)?.promise === promise) this.loading.delete(key);
    }
  }

  set(key: string, value: T, readAt = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: readAt + this.ttlMs });
    if (this.entries.size > maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

/**
 * The store with the reads that every request makes — who an API key or login cookie belongs to, the
 * datasource asked about, the caller's permission on it, the chat session asked in — kept in memory for
 * `ttlMs`. Any change to keys, users, login sessions, datasources, permissions or chat sessions made
 * through this store (or a transaction of
 * it) clears the affected kind at once, so this process never serves a stale grant; a change made by
 * another process is seen within `ttlMs`. `ttlMs <= 0` returns the store as it is.
 */
export function withLookupCache(store: Store, ttlMs: number): Store {
  if (ttlMs <= 0) return store;
  const apiKeys = new Expiring<Awaited<ReturnType<Store['apiKeys']['findBySecret']>>>(ttlMs);
  const logins = new Expiring<Awaited<ReturnType<Store['authSessions']['findByToken']>>>(ttlMs);
  const datasources = new Expiring<Awaited<ReturnType<Store['datasources']['get']>>>(ttlMs);
  const permissions = new Expiring<Awaited<ReturnType<Store['permissions']['get']>>>(ttlMs);
  const chatSessions = new Expiring<Awaited<ReturnType<Store['chatSessions']['get']>>>(ttlMs);
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
  const forgetSessions = () => chatSessions.clear();
  /** A session just written: what `get` returns for it, with or without deleted ones. */
  const rememberSession = (
    orgId: string,
    session: NonNullable<Awaited<ReturnType<Store['chatSessions']['get']>>>,
  ) => {
    chatSessions.set(sessionKey(orgId, session.id, true), session);
    if (session.deletedAt === null) chatSessions.set(sessionKey(orgId, session.id, false), session);
  };
  const sessionKey = (orgId: string, id: string, includeDeleted: boolean) =>
    `${orgId}\0${id}\0${includeDeleted}`;
  const forgetAll = () => {
    forgetPrincipals();
    forgetAccess();
    forgetSessions();
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
      chatSessions: {
        ...inner.chatSessions,
        // A new session is asked in right away: it is known without a read.
        async create(orgId, input) {
          const session = await inner.chatSessions.create(orgId, input);
          rememberSession(orgId, session);
          return session;
        },
        get: (orgId, id, options) =>
          chatSessions.get(sessionKey(orgId, id, options?.includeDeleted === true), () =>
            inner.chatSessions.get(orgId, id, options),
          ),
        rename: clearing(inner.chatSessions.rename.bind(inner.chatSessions), forgetSessions),
        softDelete: clearing(inner.chatSessions.softDelete.bind(inner.chatSessions), forgetSessions),
        restore: clearing(inner.chatSessions.restore.bind(inner.chatSessions), forgetSessions),
      },
      questions: {
        ...inner.questions,
        // Asking moves the session's `updatedAt`: the committed session replaces the entry.
        async ask(orgId, questions) {
          const asked = await inner.questions.ask(orgId, questions);
          for (const { session } of asked) rememberSession(orgId, session);
          return asked;
        },
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
