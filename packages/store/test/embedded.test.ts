import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, resolveStoreOptions } from '../src/index';

describe('embedded default in ASKDATA_HOME', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'askdata-store-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('creates a 0600 secret key once and reuses it', async () => {
    const options = await resolveStoreOptions(home, {});
    expect(options.location).toEqual({ kind: 'pglite', dataDir: join(home, 'metadata') });
    expect(options.secretKey).toHaveLength(32);
    const file = join(home, 'secret.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await resolveStoreOptions(home, {});
    expect(again.secretKey.equals(options.secretKey)).toBe(true);
    expect((await readFile(file, 'utf8')).trim()).toBe(options.secretKey.toString('base64'));
  });

  it('prefers DATABASE_URL and ASKDATA_SECRET_KEY from the environment, and rejects a short key', async () => {
    const key = Buffer.alloc(32, 9);
    const options = await resolveStoreOptions(home, {
      DATABASE_URL: 'postgres://u@h/db',
      ASKDATA_DATABASE_SCHEMA: 'askdata',
      ASKDATA_SECRET_KEY: key.toString('hex'),
    });
    expect(options.location).toEqual({ kind: 'postgres', url: 'postgres://u@h/db', schema: 'askdata' });
    expect(options.secretKey.equals(key)).toBe(true);
    await expect(resolveStoreOptions(home, { ASKDATA_SECRET_KEY: 'c2hvcnQ=' })).rejects.toThrow(/32 bytes/);
    const badSchema = { kind: 'postgres' as const, url: 'postgres://u@127.0.0.1:1/db', schema: 'a b; drop' };
    await expect(openStore({ location: badSchema, secretKey: key })).rejects.toThrow(
      /not a usable schema name/,
    );
  });

  it('keeps data across reopen, and refuses a second opener while one holds the folder', async () => {
    const options = await resolveStoreOptions(home, {});
    const store = await openStore(options);
    const org = await store.defaultOrg();
    await store.audit.append(org.id, { action: 'auth.bootstrap' });
    await expect(openStore(options)).rejects.toThrow(/in use|already open/);
    await store.close();

    const reopened = await openStore(options);
    expect((await reopened.defaultOrg()).id).toBe(org.id);
    expect(await reopened.audit.verify()).toEqual({ ok: true, checked: 1 });
    await reopened.close();
  });

  it('takes over the lock left by a process that died', async () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    await writeFile(join(home, 'metadata.lock'), child.stdout);
    const store = await openStore(await resolveStoreOptions(home, {}));
    expect(await store.audit.verify()).toEqual({ ok: true, checked: 1 });
    await store.close();
  });

  it('loses no committed message when the process is killed with SIGKILL, and fails its running run', async () => {
    const crashHome = join(home, 'crash');
    const script = fileURLToPath(new URL('./support/crash-writer.ts', import.meta.url));
    const runTs = fileURLToPath(new URL('../../cli/bin/run-ts.js', import.meta.url));
    const child = spawn(process.execPath, [runTs, script, crashHome], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const committed: string[] = [];
    let runLine = '';
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('run ')) runLine = line;
          if (line.startsWith('message ')) committed.push(line.slice('message '.length));
        }
        if (committed.length >= 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const [, runId = '', sessionId = ''] = runLine.split(' ');
    const store = await openStore(await resolveStoreOptions(crashHome, {}));
    try {
      const org = await store.defaultOrg();
      const stored = new Set(
        (await store.messages.listForSession(org.id, sessionId)).map((message) => message.id),
      );
      expect(committed.filter((id) => !stored.has(id))).toEqual([]);
      const marked = await store.runs.markInterruptedRuns();
      expect(marked.map((run) => run.id)).toEqual([runId]);
      const events = await store.runs.events(runId);
      expect(events.length).toBeGreaterThanOrEqual(committed.length - 1);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    } finally {
      await store.close();
    }
  });
});
