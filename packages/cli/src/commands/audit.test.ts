import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, resolveStoreOptions } from '@askdata/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// The test edits the stored log behind the store's back, so it needs a raw client on the same folder.
import { openPgliteClient } from '../../../store/src/sql/pglite-client';
import { runCli } from '../program';

let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'askdata-cli-audit-'));
  const store = await openStore(await resolveStoreOptions(home, {}));
  const org = await store.defaultOrg();
  await store.audit.append(org.id, { action: 'auth.login', details: { email: 'a@example.com' } });
  await store.audit.append(org.id, { action: 'sql.run', details: { sql: 'SELECT 1', rows: 1 } });
  await store.close();
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

async function run(...args: string[]) {
  const output: string[] = [];
  const errors: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: unknown) => void output.push(String(text)));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((text: unknown) => void errors.push(String(text)));
  try {
    const code = await runCli(['node', 'askdata', '--home', home, 'audit', ...args]);
    return { code, output: output.join('\n'), errors: errors.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.exitCode = undefined;
  }
}

describe('askdata audit', () => {
  it('verifies an intact log and exports it', async () => {
    const verified = await run('verify');
    expect(verified).toMatchObject({ code: 0, output: 'Audit log intact: 2 entries verified.' });
    const file = join(home, 'audit.csv');
    expect((await run('export', '--format', 'csv', '--output', file)).code).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('sql.run');
    expect((await run('export', '--format', 'xml')).errors).toContain('Unknown export format "xml"');
  });

  it('exits 1 and names the entry when the log was edited', async () => {
    const raw = await openPgliteClient(join(home, 'metadata'));
    const [entry] = await raw.query(`SELECT id FROM audit_log WHERE action = 'sql.run'`);
    await raw.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await raw.query(`UPDATE audit_log SET details = '{"sql": "SELECT 2", "rows": 1}' WHERE id = $1`, [
      entry?.id,
    ]);
    await raw.close();
    const verified = await run('verify', '--json');
    expect(verified.code).toBe(1);
    expect(JSON.parse(verified.output)).toEqual({
      ok: false,
      checked: 2,
      firstBadId: entry?.id,
      problem: 'hash_mismatch',
    });
  });
});
