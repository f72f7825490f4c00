/**
 * Previewed cross-source plans in the metadata store: what was stored comes back whole, only to the person who
 * previewed it, only until it expires, and (PostgreSQL) from another server process on the same database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewCrossSourcePlan, Organisation, User } from '../src/index';
import { backendNames, openBackend, type TestBackend } from './support/backends';

const plan = {
  question: 'total score by region',
  interpretation: 'Sum of score by region',
  confidence: 0.9,
  spec: { measures: [{ column: 'score', aggregate: 'sum' }], dimensions: [{ column: 'region' }] },
  relationship: {
    from: { table: 'ratings', column: 'customer_id' },
    to: { table: 'crm.customers', column: 'id' },
  },
  key: { reason: 'same-name', overlap: { sampled: 31, found: 30, ratio: 0.968 } },
};

describe.each(backendNames)('cross-source plans on %s', (name) => {
  let backend: TestBackend;
  let org: Organisation;
  let owner: User;
  let other: User;
  let entry: NewCrossSourcePlan;

  beforeAll(async () => {
    backend = await openBackend(name, 'xsource_plans');
    const { store } = backend;
    org = await store.defaultOrg();
    const person = (email: string) =>
      store.users.create(org.id, { email, password: 'pw-long-enough', name: email, role: 'viewer' });
    [owner, other] = [await person('owner@example.com'), await person('other@example.com')];
    const datasource = (datasourceName: string, kind: 'workspace' | 'postgres') =>
      store.datasources.create(org.id, { name: datasourceName, kind, config: {}, createdBy: owner.id });
    const file = await datasource('ratings upload', 'workspace');
    const database = await datasource('crm', 'postgres');
    entry = {
      userId: owner.id,
      fileDatasourceId: file.id,
      databaseDatasourceId: database.id,
      plan,
    };
  });
  afterAll(() => backend?.close());

  it('gives the plan back whole to its owner only, for 15 minutes by default', async () => {
    const stored = await backend.store.crossSourcePlans.create(org.id, entry);
    expect(stored.id).toMatch(/^[0-9a-f-]{36}$/);
    const lifetimeMs = Date.parse(stored.expiresAt) - Date.parse(stored.createdAt);
    expect(lifetimeMs).toBe(15 * 60_000);
    const found = await backend.store.crossSourcePlans.get(org.id, stored.id, owner.id);
    expect(found).toEqual(stored);
    expect(found?.plan).toEqual(plan);
    expect(await backend.store.crossSourcePlans.get(org.id, stored.id, other.id)).toBeNull();
    expect(await backend.store.crossSourcePlans.get(org.id, 'not-a-uuid', owner.id)).toBeNull();
  });

  it('forgets expired plans and sweeps them away', async () => {
    const expired = await backend.store.crossSourcePlans.create(org.id, { ...entry, expiresInMs: 0 });
    expect(await backend.store.crossSourcePlans.get(org.id, expired.id, owner.id)).toBeNull();
    const [{ count } = { count: 0 }] = await backend.raw.query(
      'SELECT count(*) AS count FROM cross_source_plans WHERE id = $1',
      [expired.id],
    );
    expect(Number(count)).toBe(1);
    expect(await backend.store.crossSourcePlans.deleteExpired()).toBeGreaterThanOrEqual(1);
    const left = await backend.raw.query('SELECT 1 FROM cross_source_plans WHERE id = $1', [expired.id]);
    expect(left).toHaveLength(0);
  });

  it('lets a second server process on the same database run the plan', async () => {
    if (!backend.openAnother) return; // one embedded database has one process
    const stored = await backend.store.crossSourcePlans.create(org.id, entry);
    const another = await backend.openAnother();
    expect((await another.crossSourcePlans.get(org.id, stored.id, owner.id))?.plan).toEqual(plan);
  });

  it('goes with the datasource it joins', async () => {
    const stored = await backend.store.crossSourcePlans.create(org.id, entry);
    expect(await backend.store.datasources.delete(org.id, entry.databaseDatasourceId)).toBeTruthy();
    expect(await backend.store.crossSourcePlans.get(org.id, stored.id, owner.id)).toBeNull();
  });
});
