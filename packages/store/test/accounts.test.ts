import { AskdataError } from '@askdata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../src/index';
import { backendNames, openBackend, type TestBackend } from './support/backends';

describe.each(backendNames)('accounts on %s', (name) => {
  let backend: TestBackend;
  let org: Organisation;
  let adminEmail: string;
  beforeAll(async () => {
    backend = await openBackend(name, 'accounts');
    org = await backend.store.defaultOrg();
  });
  afterAll(() => backend?.close());

  it('bootstraps exactly one admin even when two requests race', async () => {
    const { users } = backend.store;
    expect(await users.countAll()).toBe(0);
    const results = await Promise.all([
      users.bootstrapAdmin(org.id, { email: 'Admin@Example.com', password: 'correct horse', name: 'Ada' }),
      users.bootstrapAdmin(org.id, { email: 'other@example.com', password: 'battery staple', name: 'Bob' }),
    ]);
    const created = results.filter((user) => user !== null);
    expect(created).toHaveLength(1);
    expect(created[0]?.role).toBe('admin');
    // Whichever request won, carry on with one known admin.
    adminEmail = created[0]?.email ?? '';
    expect(await users.countAll()).toBe(1);
  });

  it('stores argon2id hashes and verifies passwords, email case-insensitively', async () => {
    const { users } = backend.store;
    const user = await users.create(org.id, {
      email: 'viewer@example.com',
      password: 's3cret-pass',
      name: 'Vi',
      role: 'viewer',
    });
    const [row] = await backend.raw.query('SELECT * FROM users WHERE id = $1', [user.id]);
    expect(String(row?.password_hash)).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain('s3cret-pass');
    expect(JSON.stringify(user)).not.toContain('argon2');
    expect((await users.verifyPassword('VIEWER@example.com', 's3cret-pass'))?.id).toBe(user.id);
    expect(await users.verifyPassword('viewer@example.com', 'wrong')).toBeNull();
    expect(await users.verifyPassword('nobody@example.com', 's3cret-pass')).toBeNull();
    expect(await users.setPassword(org.id, user.id, 'new-pass-123')).toBe(true);
    expect(await users.verifyPassword('viewer@example.com', 's3cret-pass')).toBeNull();
    expect((await users.verifyPassword('viewer@example.com', 'new-pass-123'))?.id).toBe(user.id);
  });

  it('rejects a duplicate email with a conflict, changes roles, lists users', async () => {
    const { users } = backend.store;
    const attempt = users.create(org.id, {
      email: 'VIEWER@example.com',
      password: 'x',
      name: 'Dup',
      role: 'viewer',
    });
    await expect(attempt).rejects.toSatisfy(
      (error) => AskdataError.isInstance(error) && error.code === 'conflict',
    );
    const viewer = await users.findByEmail(org.id, 'viewer@example.com');
    expect(viewer).not.toBeNull();
    expect((await users.setRole(org.id, viewer?.id ?? '', 'editor'))?.role).toBe('editor');
    expect((await users.list(org.id)).map((user) => user.email)).toEqual([adminEmail, 'viewer@example.com']);
    expect(await users.get(org.id, 'not-a-uuid')).toBeNull();
  });

  it('keeps cookie session tokens hashed, expires them, and deletes them on logout', async () => {
    const { users, authSessions } = backend.store;
    const user = await users.findByEmail(org.id, adminEmail);
    if (!user) throw new Error('admin missing');
    const { session, token } = await authSessions.create(org.id, user.id, {
      ttlMs: 60_000,
      userAgent: 'vitest',
    });
    const [row] = await backend.raw.query('SELECT * FROM auth_sessions WHERE id = $1', [session.id]);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(session.csrfToken.length).toBeGreaterThanOrEqual(32);
    const found = await authSessions.findByToken(token);
    expect(found?.user.email).toBe(adminEmail);
    expect(found?.session.csrfToken).toBe(session.csrfToken);
    expect(await authSessions.findByToken(`${token}x`)).toBeNull();

    const short = await authSessions.create(org.id, user.id, { ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await authSessions.findByToken(short.token)).toBeNull();
    expect(await authSessions.deleteExpired()).toBeGreaterThanOrEqual(1);

    expect(await authSessions.deleteByToken(token)).toBe(true);
    expect(await authSessions.findByToken(token)).toBeNull();
  });

  it('issues API keys once, finds them by secret, lists prefixes, revokes', async () => {
    const { users, apiKeys } = backend.store;
    const user = await users.findByEmail(org.id, adminEmail);
    if (!user) throw new Error('admin missing');
    const { apiKey, secret } = await apiKeys.create(org.id, {
      userId: user.id,
      name: 'ci',
      scopes: ['read', 'ask'],
    });
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const [row] = await backend.raw.query('SELECT * FROM api_keys WHERE id = $1', [apiKey.id]);
    expect(row?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
    const found = await apiKeys.findBySecret(secret);
    expect(found?.user.id).toBe(user.id);
    expect(found?.apiKey.scopes).toEqual(['read', 'ask']);
    expect(found?.apiKey.lastUsedAt).not.toBeNull();
    expect(await apiKeys.findBySecret(secret.slice(0, -1))).toBeNull();
    expect((await apiKeys.list(org.id, { userId: user.id })).map((key) => key.id)).toEqual([apiKey.id]);
    expect(await apiKeys.revoke(org.id, apiKey.id)).toBe(true);
    expect(await apiKeys.findBySecret(secret)).toBeNull();
    expect(await apiKeys.list(org.id)).toEqual([]);
  });
});
