import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '../src/audit/audit-hash';
import type { AuditEntry, Organisation, Store } from '../src/index';
import { backendNames, openBackend, type TestBackend } from './support/backends';

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** Edits one audit row behind the store's back, as a superuser who switched the guard trigger off. */
async function tamper(backend: TestBackend, sql: string, params: unknown[]) {
  await backend.raw.transaction(async (client) => {
    await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await client.query(sql, params);
    await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

describe.each(backendNames)('audit log on %s', (name) => {
  let backend: TestBackend;
  let org: Organisation;
  const appended: AuditEntry[] = [];
  beforeAll(async () => {
    backend = await openBackend(name, 'audit');
    org = await backend.store.defaultOrg();
  });
  afterAll(() => backend?.close());

  it('chains entries: each links to the previous hash and recomputes', async () => {
    const { audit } = backend.store;
    expect(await audit.verify()).toEqual({ ok: true, checked: 0 });
    appended.push(
      await audit.append(org.id, { action: 'auth.login', actor: { userId: null }, details: { ip: '::1' } }),
    );
    appended.push(
      await audit.append(org.id, {
        action: 'sql.run',
        targetType: 'datasource',
        targetId: 'ds-1',
        details: { sql: 'SELECT "a,b" FROM t', rows: 3, durationMs: 12.5, nested: { z: 1, a: [true, null] } },
      }),
    );
    appended.push(
      await audit.append(org.id, { action: 'export', details: { format: 'csv', note: '=cmd|calc' } }),
    );
    expect(appended.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(appended[1]?.prevHash).toBe(appended[0]?.hash);
    for (const entry of appended) {
      const { hash, ...rest } = entry;
      expect(auditHash(rest)).toBe(hash);
    }
    expect(await audit.verify()).toEqual({ ok: true, checked: 3 });
  });

  it('rejects UPDATE, DELETE and TRUNCATE through the trigger', async () => {
    await expect(backend.raw.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(backend.raw.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(backend.raw.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await backend.store.audit.verify()).ok).toBe(true);
  });

  it('pages newest first and exports CSV and JSONL oldest first', async () => {
    const { audit } = backend.store;
    const first = await audit.list(org.id, { limit: 2 });
    expect(first.entries.map((entry) => entry.seq)).toEqual([3, 2]);
    const second = await audit.list(org.id, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.entries.map((entry) => entry.seq)).toEqual([1]);
    expect(second.nextCursor).toBeNull();

    const jsonl = await collect(audit.export(org.id, 'jsonl'));
    const lines = jsonl
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEntry);
    expect(lines).toEqual(appended);

    const csv = await collect(audit.export(org.id, 'csv'));
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'id,seq,at,org_id,action,actor_user_id,actor_api_key_id,target_type,target_id,details,prev_hash,hash',
    );
    expect(rows).toHaveLength(4);
    expect(rows[2]).toContain('"{""sql"":""SELECT \\""a,b\\"" FROM t""');
    expect(rows[3]).toContain(appended[2]?.hash);
  });

  it('reports the first edited entry after a superuser tampers with it', async () => {
    const target = appended[1];
    if (!target) throw new Error('no entry');
    await tamper(
      backend,
      `UPDATE audit_log SET details = jsonb_set(details, '{rows}', '300') WHERE id = $1`,
      [target.id],
    );
    expect(await backend.store.audit.verify()).toEqual({
      ok: false,
      checked: 2,
      firstBadId: target.id,
      problem: 'hash_mismatch',
    });
    // Recomputing that entry's hash does not help: the next entry's link now breaks.
    const [row] = await backend.raw.query('SELECT * FROM audit_log WHERE id = $1', [target.id]);
    const forged = auditHash({ ...target, details: row?.details as AuditEntry['details'] });
    await tamper(backend, 'UPDATE audit_log SET hash = $1 WHERE id = $2', [forged, target.id]);
    expect(await backend.store.audit.verify()).toMatchObject({
      ok: false,
      firstBadId: appended[2]?.id,
      problem: 'broken_link',
    });
    // Put the original back: the chain verifies again.
    await tamper(backend, 'UPDATE audit_log SET details = $1::jsonb, hash = $2 WHERE id = $3', [
      JSON.stringify(target.details),
      target.hash,
      target.id,
    ]);
    expect(await backend.store.audit.verify()).toEqual({ ok: true, checked: 3 });
  });

  it('notices entries deleted from the end of the chain', async () => {
    await tamper(backend, 'DELETE FROM audit_log WHERE seq = 3', []);
    expect(await backend.store.audit.verify()).toEqual({ ok: false, checked: 2, problem: 'missing_entries' });
    const last = appended[2];
    if (!last) throw new Error('no entry');
    await backend.raw.query(
      `INSERT INTO audit_log (id, seq, org_id, at, action, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
      [
        last.id,
        last.seq,
        last.orgId,
        last.at,
        last.action,
        JSON.stringify(last.details),
        last.prevHash,
        last.hash,
      ],
    );
    expect(await backend.store.audit.verify()).toEqual({ ok: true, checked: 3 });
  });

  it('groups concurrent appends into few transactions, and rolls back with a caller transaction', async () => {
    const { audit } = backend.store;
    const before = (await audit.verify()).checked;
    const entries = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        audit.append(org.id, { action: 'sql.run', details: { index } }),
      ),
    );
    expect(entries.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 100 }, (_, index) => before + index + 1),
    );
    // One timestamp per group commit: far fewer groups than entries.
    expect(new Set(entries.map((entry) => entry.at)).size).toBeLessThan(20);
    await expect(
      backend.store.transaction(async (transaction) => {
        await transaction.audit.append(org.id, { action: 'export' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const inside = await backend.store.transaction((transaction) =>
      transaction.audit.append(org.id, { action: 'export' }),
    );
    expect(inside.seq).toBe(before + 101);
    expect(await audit.verify()).toEqual({ ok: true, checked: before + 101 });
  });
});

describe.each(backendNames.filter((name) => name === 'postgres'))(
  'audit chain across processes on %s',
  (name) => {
    let backend: TestBackend;
    let second: Store;
    beforeAll(async () => {
      backend = await openBackend(name, 'audit_race');
      second = (await backend.openAnother?.()) as Store;
    });
    afterAll(() => backend?.close());

    it('two store instances appending at once keep one unbroken chain', async () => {
      const org = await backend.store.defaultOrg();
      const writers = [backend.store, second].map(async (store, writer) => {
        for (let index = 0; index < 40; index += 1) {
          await Promise.all([
            store.audit.append(org.id, { action: 'question.asked', details: { writer, index, part: 'a' } }),
            store.audit.append(org.id, { action: 'question.asked', details: { writer, index, part: 'b' } }),
          ]);
        }
      });
      // Verifying while both write: the walk stops at the head it read first, so it always holds.
      const verifications: Promise<{ ok: boolean }>[] = [];
      const verifier = setInterval(() => verifications.push(backend.store.audit.verify()), 20);
      await Promise.all(writers);
      clearInterval(verifier);
      expect(verifications.length).toBeGreaterThan(0);
      expect((await Promise.all(verifications)).every((result) => result.ok)).toBe(true);
      expect(await backend.store.audit.verify()).toEqual({ ok: true, checked: 160 });
      const [counts] = await backend.raw.query(
        'SELECT count(*) AS total, count(DISTINCT seq) AS seqs, count(DISTINCT prev_hash) AS links FROM audit_log',
      );
      expect(counts).toMatchObject({ total: '160', seqs: '160', links: '160' });
    });
  },
);
