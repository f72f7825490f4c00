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

  it('is the store itself when turned off', () => {
    expect(withLookupCache(store, 0)).toBe(store);
  });
});
