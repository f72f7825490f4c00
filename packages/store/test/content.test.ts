import { randomBytes } from 'node:crypto';
import { AskdataError } from '@askdata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, Organisation, User } from '../src/index';
import { createStore } from '../src/open-store';
import { backendNames, openBackend, type TestBackend } from './support/backends';

const password = 'hunter2-very-secret';
const url = `postgres://analyst:${password}@db.internal:5432/sales`;

describe.each(backendNames)('datasources, sessions, messages and metrics on %s', (name) => {
  let backend: TestBackend;
  let org: Organisation;
  let owner: User;
  let other: User;
  beforeAll(async () => {
    backend = await openBackend(name, 'content');
    org = await backend.store.defaultOrg();
    owner = await backend.store.users.create(org.id, {
      email: 'o@x.io',
      password: 'pw-owner',
      name: 'O',
      role: 'editor',
    });
    other = await backend.store.users.create(org.id, {
      email: 'v@x.io',
      password: 'pw-viewer',
      name: 'V',
      role: 'viewer',
    });
  });
  afterAll(() => backend?.close());

  it('encrypts datasource secrets at rest and returns them only from readSecrets', async () => {
    const { datasources } = backend.store;
    const created = await datasources.create(org.id, {
      name: 'Sales',
      kind: 'postgres',
      config: { host: 'db.internal', database: 'sales' },
      secrets: { url },
      createdBy: owner.id,
    });
    expect(created.hasSecrets).toBe(true);
    expect(JSON.stringify(created)).not.toContain(password);
    expect(JSON.stringify(await datasources.list(org.id))).not.toContain(password);
    const [row] = await backend.raw.query('SELECT * FROM datasources WHERE id = $1', [created.id]);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(password);
    expect(stored).not.toContain('analyst');
    expect(String(row?.secrets_sealed)).toMatch(/^v1\./);
    expect(await datasources.readSecrets(org.id, created.id)).toEqual({ url });

    // A ciphertext copied onto another row does not open there (the row id is associated data).
    const copy = await datasources.create(org.id, { name: 'Copy', kind: 'postgres', secrets: { url: 'x' } });
    await backend.raw.query('UPDATE datasources SET secrets_sealed = $1 WHERE id = $2', [
      row?.secrets_sealed,
      copy.id,
    ]);
    await expect(datasources.readSecrets(org.id, copy.id)).rejects.toSatisfy(AskdataError.isInstance);

    // Another key cannot open it.
    const stranger = await createStore(backend.raw, { ...backend.options, secretKey: randomBytes(32) });
    await expect(stranger.datasources.readSecrets(org.id, created.id)).rejects.toThrow(
      /could not be decrypted/,
    );
  });

  it('updates datasources, keeps or replaces secrets, deletes with permissions', async () => {
    const { datasources, permissions } = backend.store;
    const demo = await datasources.create(org.id, {
      name: 'Demo retail',
      kind: 'workspace',
      tables: ['orders'],
      defaultAccess: 'read',
    });
    expect(demo.hasSecrets).toBe(false);
    expect(await datasources.readSecrets(org.id, demo.id)).toBeNull();
    const renamed = await datasources.update(org.id, demo.id, { tables: ['orders', 'customers'] });
    expect(renamed).toMatchObject({
      name: 'Demo retail',
      tables: ['orders', 'customers'],
      defaultAccess: 'read',
    });
    expect((await datasources.findByName(org.id, 'Demo retail'))?.id).toBe(demo.id);

    const sales = await datasources.findByName(org.id, 'Sales');
    if (!sales) throw new Error('Sales missing');
    await datasources.update(org.id, sales.id, { name: 'Sales EU' });
    expect(await datasources.readSecrets(org.id, sales.id)).toEqual({ url });
    await datasources.update(org.id, sales.id, { secrets: { url: 'postgres://new@h/db' } });
    expect(await datasources.readSecrets(org.id, sales.id)).toEqual({ url: 'postgres://new@h/db' });

    const permission = await permissions.set(org.id, {
      datasourceId: demo.id,
      userId: other.id,
      access: 'read',
      deniedColumns: ['email', 'email', 'phone'],
    });
    expect(permission.deniedColumns).toEqual(['email', 'phone']);
    await permissions.set(org.id, { datasourceId: demo.id, userId: other.id, access: 'none' });
    expect(await permissions.get(org.id, demo.id, other.id)).toMatchObject({
      access: 'none',
      deniedColumns: [],
    });
    expect(await permissions.listForUser(org.id, other.id)).toHaveLength(1);
    expect(await datasources.delete(org.id, demo.id)).toBe(true);
    expect(await permissions.listForDatasource(org.id, demo.id)).toEqual([]);
    expect(await datasources.get(org.id, demo.id)).toBeNull();
  });

  it('keeps chat sessions per owner with rename, soft delete and restore', async () => {
    const { chatSessions, datasources } = backend.store;
    const [datasource] = await datasources.list(org.id);
    const first = await chatSessions.create(org.id, {
      ownerId: owner.id,
      datasourceId: datasource?.id ?? '',
    });
    expect(first.title).toBe('New conversation');
    const second = await chatSessions.create(org.id, {
      ownerId: owner.id,
      datasourceId: first.datasourceId,
      title: 'Q3',
    });
    await chatSessions.create(org.id, { ownerId: other.id, datasourceId: first.datasourceId });
    expect((await chatSessions.rename(org.id, first.id, 'Revenue'))?.title).toBe('Revenue');
    expect((await chatSessions.listForOwner(org.id, owner.id)).map((session) => session.id)).toEqual([
      first.id,
      second.id,
    ]);
    expect(await chatSessions.softDelete(org.id, second.id)).toBe(true);
    expect(await chatSessions.get(org.id, second.id)).toBeNull();
    expect((await chatSessions.get(org.id, second.id, { includeDeleted: true }))?.deletedAt).not.toBeNull();
    expect(await chatSessions.listForOwner(org.id, owner.id)).toHaveLength(1);
    expect((await chatSessions.restore(org.id, second.id))?.deletedAt).toBeNull();
    expect(await chatSessions.listForOwner(org.id, owner.id)).toHaveLength(2);
  });

  it('stores messages in order with answers, and touches the session', async () => {
    const { chatSessions, messages } = backend.store;
    const [session] = await chatSessions.listForOwner(org.id, owner.id);
    if (!session) throw new Error('session missing');
    const question = await messages.create(org.id, {
      sessionId: session.id,
      role: 'user',
      content: 'revenue by month',
    });
    const reply = await messages.create(org.id, {
      sessionId: session.id,
      role: 'assistant',
      content: '',
      status: 'pending',
    });
    const answer = {
      sql: 'SELECT 1',
      chart: { spec: { mark: 'bar' } },
      snapshotIds: ['s1'],
      result: { rows: [[1, null]] },
    };
    const done = await messages.update(org.id, reply.id, {
      content: 'Revenue grew.',
      status: 'complete',
      answer,
    });
    expect(done).toMatchObject({ status: 'complete', answer, content: 'Revenue grew.' });
    const listed = await messages.listForSession(org.id, session.id);
    expect(listed.map((message) => message.id)).toEqual([question.id, reply.id]);
    expect(listed[0]?.answer).toBeNull();
    const touched = await chatSessions.get(org.id, session.id);
    expect(Date.parse(touched?.updatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(session.updatedAt));
  });

  it('finds the latest complete answer of a session for a follow-up, skipping others', async () => {
    const { chatSessions, messages } = backend.store;
    const session = await chatSessions.create(org.id, {
      ownerId: owner.id,
      datasourceId: '00000000-0000-4000-8000-000000000000',
    });
    const reply = (status: 'complete' | 'failed' | 'pending', answer?: JsonObject) =>
      messages.create(org.id, {
        sessionId: session.id,
        role: 'assistant',
        content: '',
        status,
        ...(answer ? { answer } : {}),
      });
    expect(await messages.lastAnswerId(org.id, session.id, 'not-a-uuid')).toBeNull();
    const older = await reply('complete', { spec: { measures: [] }, result: { rows: [[1]] } });
    const newer = await reply('complete', { spec: { measures: [] }, result: { rows: [[2]] } });
    const clarification = await reply('complete', { question: 'Which region?', options: [] });
    await reply('failed', { spec: { measures: [] }, result: { rows: [[3]] } });
    const current = await reply('pending');
    expect(await messages.lastAnswerId(org.id, session.id, current.id)).toBe(newer.id);
    expect(await messages.lastAnswerId(org.id, session.id, newer.id)).toBe(older.id);
    expect(await messages.lastCompleteReplyId(org.id, session.id, current.id)).toBe(clarification.id);
  });

  it('shares a session by a hashed token that expires and stops working when revoked', async () => {
    const { chatSessions, shareLinks } = backend.store;
    const [session] = await chatSessions.listForOwner(org.id, owner.id);
    if (!session) throw new Error('session missing');
    const { shareLink, token } = await shareLinks.create(org.id, {
      sessionId: session.id,
      createdBy: owner.id,
      role: 'viewer',
      expiresInHours: 24,
    });
    const [row] = await backend.raw.query('SELECT * FROM share_links WHERE id = $1', [shareLink.id]);
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await shareLinks.findByToken(token))?.sessionId).toBe(session.id);
    await chatSessions.softDelete(org.id, session.id);
    expect(await shareLinks.findByToken(token)).toBeNull();
    await chatSessions.restore(org.id, session.id);
    expect(await shareLinks.revoke(org.id, shareLink.id)).toBe(true);
    expect(await shareLinks.findByToken(token)).toBeNull();
    const expired = await shareLinks.create(org.id, {
      sessionId: session.id,
      createdBy: owner.id,
      role: 'viewer',
      expiresInHours: -1,
    });
    expect(await shareLinks.findByToken(expired.token)).toBeNull();
    expect(await shareLinks.listForSession(org.id, session.id)).toHaveLength(2);
  });

  it('versions metric definitions and rejects duplicate names', async () => {
    const { metrics } = backend.store;
    const metric = await metrics.create(org.id, {
      name: 'revenue',
      description: 'Sum of order amounts',
      expression: 'sum(amount)',
      table: 'orders',
      owner: 'finance',
    });
    expect(metric.version).toBe(1);
    const updated = await metrics.update(org.id, metric.id, { expression: 'sum(amount) - sum(refunds)' });
    expect(updated).toMatchObject({ version: 2, owner: 'finance', expression: 'sum(amount) - sum(refunds)' });
    expect((await metrics.update(org.id, metric.id, { owner: null }))?.version).toBe(3);
    await metrics.create(org.id, {
      name: 'orders',
      description: '',
      expression: 'count(*)',
      table: 'orders',
    });
    await expect(metrics.update(org.id, metric.id, { name: 'orders' })).rejects.toSatisfy(
      (error) => AskdataError.isInstance(error) && error.code === 'conflict',
    );
    expect((await metrics.list(org.id)).map((item) => item.name)).toEqual(['orders', 'revenue']);
  });

  it('runs several writes in one transaction, all or nothing', async () => {
    const { chatSessions } = backend.store;
    const [session] = await chatSessions.listForOwner(org.id, owner.id);
    if (!session) throw new Error('session missing');
    const before = await backend.store.messages.listForSession(org.id, session.id);
    await expect(
      backend.store.transaction(async (transaction) => {
        await transaction.messages.create(org.id, { sessionId: session.id, role: 'user', content: 'lost' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await backend.store.messages.listForSession(org.id, session.id)).toHaveLength(before.length);
    const { run, message } = await backend.store.transaction(async (transaction) => {
      const message = await transaction.messages.create(org.id, {
        sessionId: session.id,
        role: 'assistant',
        content: '',
        status: 'pending',
      });
      const run = await transaction.runs.create(org.id, {
        sessionId: session.id,
        messageId: message.id,
        userId: owner.id,
        input: { question: 'q' },
      });
      return { run, message };
    });
    expect((await backend.store.runs.get(org.id, run.id))?.messageId).toBe(message.id);
  });
});
