import { randomBytes } from 'node:crypto';
import { type Organisation, openStore, type Store, type User } from '@askdata/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLookupCache } from '../src/cache/lookup-cache';

describe('lookup cache over the store', () => {
  let store: Store;
  let org: Organisation;
  let user: User;

  beforeAll(async () => {
    store = await openStore({ location: { kind: 'pglite' }, secretKey: randomBytes(32) });
    org = await store.defaultOrg();
    user = await store.users.create(org.id, { email: 'c@x.io', password: 'pw', name: 'C', role: 'viewer' });
  });
  afterAll(() => store?.close());

  it('serves repeated reads from memory and forgets a revoked key at once in this process', async () => {
    const cached = withLookupCache(store, 60_000);
    const { apiKey, secret } = await cached.apiKeys.create(org.id, {
      userId: user.id,
      name: 'k',
      scopes: ['read'],
    });
    expect((await cached.apiKeys.findBySecret(secret))?.apiKey.id).toBe(apiKey.id);
    // Revoked behind the cache's back (as another process would): still served from memory.
    await store.apiKeys.revoke(org.id, apiKey.id);
    expect((await cached.apiKeys.findBySecret(secret))?.apiKey.id).toBe(apiKey.id);
    // Revoked through the cache: gone at once.
    const other = await cached.apiKeys.create(org.id, { userId: user.id, name: 'k2', scopes: ['read'] });
    expect(await cached.apiKeys.findBySecret(other.secret)).not.toBeNull();
    await cached.apiKeys.revoke(org.id, other.apiKey.id);
    expect(await cached.apiKeys.findBySecret(other.secret)).toBeNull();
    expect(await cached.apiKeys.findBySecret(secret)).toBeNull();
  });

  it("sees another process's change once the entry expires", async () => {
    const cached = withLookupCache(store, 40);
    const { apiKey, secret } = await store.apiKeys.create(org.id, {
      userId: user.id,
      name: 'k3',
      scopes: ['read'],
    });
    expect(await cached.apiKeys.findBySecret(secret)).not.toBeNull();
    await store.apiKeys.revoke(org.id, apiKey.id);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await cached.apiKeys.findBySecret(secret)).toBeNull();
  });

  it('applies permission and role changes made through it, also inside a transaction', async () => {
    const cached = withLookupCache(store, 60_000);
    const datasource = await cached.datasources.create(org.id, {
      name: 'cache test',
      kind: 'workspace',
      config: {},
      tables: [],
      defaultAccess: 'none',
    });
    expect(await cached.permissions.get(org.id, datasource.id, user.id)).toBeNull();
    await cached.permissions.set(org.id, { datasourceId: datasource.id, userId: user.id, access: 'read' });
    expect((await cached.permissions.get(org.id, datasource.id, user.id))?.access).toBe('read');
    await cached.transaction((transaction) => transaction.permissions.remove(org.id, datasource.id, user.id));
    expect(await cached.permissions.get(org.id, datasource.id, user.id)).toBeNull();

    expect((await cached.datasources.get(org.id, datasource.id))?.name).toBe('cache test');
    await cached.datasources.delete(org.id, datasource.id);
    expect(await cached.datasources.get(org.id, datasource.id)).toBeNull();

    const { secret } = await cached.apiKeys.create(org.id, { userId: user.id, name: 'k4', scopes: ['read'] });
    expect((await cached.apiKeys.findBySecret(secret))?.user.role).toBe('viewer');
    await cached.users.setRole(org.id, user.id, 'editor');
    expect((await cached.apiKeys.findBySecret(secret))?.user.role).toBe('editor');
  });

  it('keeps chat sessions until renamed, deleted or asked in through it', async () => {
    const cached = withLookupCache(store, 60_000);
    const session = await cached.chatSessions.create(org.id, {
      ownerId: user.id,
      datasourceId: '00000000-0000-4000-8000-000000000000',
    });
    // Known from its creation: deleted behind the cache's back, it is still served from memory.
    await store.chatSessions.softDelete(org.id, session.id);
    expect((await cached.chatSessions.get(org.id, session.id))?.title).toBe(session.title);
    await store.chatSessions.restore(org.id, session.id);
    // Renamed behind the cache's back: still served from memory; through it: seen at once.
    await store.chatSessions.rename(org.id, session.id, 'elsewhere');
    expect((await cached.chatSessions.get(org.id, session.id))?.title).toBe(session.title);
    await cached.chatSessions.rename(org.id, session.id, 'Quarterly revenue');
    expect((await cached.chatSessions.get(org.id, session.id))?.title).toBe('Quarterly revenue');
    // A question moves updatedAt: the cache holds the committed session, without another read.
    const [asked] = await cached.questions.ask(org.id, [
      {
        sessionId: session.id,
        userId: user.id,
        question: 'Revenue by region',
        input: { question: 'Revenue by region', datasourceId: session.datasourceId },
        actor: { userId: user.id },
      },
    ]);
    expect((await cached.chatSessions.get(org.id, session.id))?.updatedAt).toBe(asked?.session.updatedAt);
    await cached.chatSessions.softDelete(org.id, session.id);
    expect(await cached.chatSessions.get(org.id, session.id)).toBeNull();
    expect(
      (await cached.chatSessions.get(org.id, session.id, { includeDeleted: true }))?.deletedAt,
    ).not.toBeNull();
  });

  it('shares one read among callers at the same moment, and never keeps a read that a change overtook', async () => {
    let reads = 0;
    const counting: Store = {
      ...store,
      datasources: {
        ...store.datasources,
        get: (orgId, id) => {
          reads++;
          return store.datasources.get(orgId, id);
        },
      },
    };
    const cached = withLookupCache(counting, 60_000);
    const datasource = await store.datasources.create(org.id, {
      name: 'shared read',
      kind: 'workspace',
      config: {},
      tables: [],
      defaultAccess: 'read',
    });
    const seen = await Promise.all(
      Array.from({ length: 20 }, () => cached.datasources.get(org.id, datasource.id)),
    );
    expect(reads).toBe(1);
    expect(new Set(seen.map((found) => found?.name))).toEqual(new Set(['shared read']));
    // Expired: a read starts, a change through the cache lands while it is on its way.
    const fresh = withLookupCache(counting, 60_000);
    const before = fresh.datasources.get(org.id, datasource.id);
    await fresh.datasources.update(org.id, datasource.id, { name: 'renamed' });
    await before;
    expect((await fresh.datasources.get(org.id, datasource.id))?.name).toBe('renamed');
  });

  it('is the store itself when turned off', () => {
    expect(withLookupCache(store, 0)).toBe(store);
  });
});
