import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession, Organisation, Store, User } from '../src/index';
import { createStore } from '../src/open-store';
import { hashRequest } from '../src/tokens';
import { backendNames, openBackend, type TestBackend } from './support/backends';

/** The pid of a process that has exited (a finished child), so a run claimed under it is orphaned. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe.each(backendNames)('runs and idempotency on %s', (name) => {
  let backend: TestBackend;
  let org: Organisation;
  let user: User;
  let session: ChatSession;

  async function newRun(store: Store = backend.store) {
    const message = await store.messages.create(org.id, {
      sessionId: session.id,
      role: 'assistant',
      content: '',
      status: 'pending',
    });
    return store.runs.create(org.id, {
      sessionId: session.id,
      messageId: message.id,
      userId: user.id,
      input: { q: 1 },
    });
  }

  beforeAll(async () => {
    backend = await openBackend(name, 'runs');
    org = await backend.store.defaultOrg();
    user = await backend.store.users.create(org.id, {
      email: 'u@x.io',
      password: 'pw',
      name: 'U',
      role: 'editor',
    });
    session = await backend.store.chatSessions.create(org.id, {
      ownerId: user.id,
      datasourceId: '00000000-0000-4000-8000-000000000000',
    });
  });
  afterAll(() => backend?.close());

  it('claims a run once, numbers its events and replays after a sequence number', async () => {
    const { runs } = backend.store;
    const run = await newRun();
    expect(run.status).toBe('queued');
    const claims = await Promise.all([runs.claim(run.id), runs.claim(run.id), runs.claim(run.id)]);
    expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
    const claimed = claims.find((claim) => claim !== null);
    expect(claimed).toMatchObject({ status: 'running', claimedBy: backend.store.processId });

    const appended = await Promise.all(
      Array.from({ length: 10 }, (_, index) => runs.appendEvent(run.id, 'step', { index })),
    );
    expect(appended.map((event) => event.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const all = await runs.events(run.id);
    expect(all.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const replay = await runs.events(run.id, 7);
    expect(replay.map((event) => event.seq)).toEqual([8, 9, 10]);
    expect(replay[0]?.type).toBe('step');

    expect((await runs.finish(run.id, 'succeeded'))?.status).toBe('succeeded');
    expect(await runs.finish(run.id, 'failed')).toBeNull();
    expect((await runs.get(org.id, run.id))?.finishedAt).not.toBeNull();
  });

  it('appends a batch of events in order in one go, numbered on after the single appends', async () => {
    const { runs } = backend.store;
    const run = await newRun();
    await runs.claim(run.id);
    await runs.appendEvent(run.id, 'step-started', { step: 'understanding' });
    const batches = await Promise.all([
      runs.appendEvents(run.id, [
        { type: 'sql', data: { sql: 'SELECT 1', nested: [1, null, 'x'] } },
        { type: 'note', data: null },
      ]),
      runs.appendEvents(run.id, [{ type: 'rows', data: { count: 3 } }]),
    ]);
    expect(await runs.appendEvents(run.id, [])).toEqual([]);
    expect(batches[0].map((event) => event.seq)).toEqual((batches[0][0]?.seq ?? 0) === 2 ? [2, 3] : [3, 4]);
    const all = await runs.events(run.id);
    expect(all.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(all.find((event) => event.type === 'sql')?.data).toEqual({
      sql: 'SELECT 1',
      nested: [1, null, 'x'],
    });
    expect(all.find((event) => event.type === 'note')?.data).toBeNull();
    // The batch keeps its own order.
    const sqlSeq = all.find((event) => event.type === 'sql')?.seq ?? 0;
    expect(all.find((event) => event.type === 'note')?.seq).toBe(sqlSeq + 1);
    await expect(
      runs.appendEvents('00000000-0000-4000-8000-000000000001', [{ type: 'x', data: 1 }]),
    ).rejects.toThrow(/does not exist/);
  });

  it('claims several runs in one go, each once', async () => {
    const { runs } = backend.store;
    const [first, second, third] = await Promise.all([newRun(), newRun(), newRun()]);
    if (!first || !second || !third) throw new Error('runs missing');
    expect(await runs.claim(third.id)).not.toBeNull();
    const races = await Promise.all([
      runs.claimMany([first.id, second.id, third.id, 'not-a-uuid']),
      runs.claimMany([second.id, first.id]),
    ]);
    const won = races.flat().map((run) => run.id);
    expect(won.sort()).toEqual([first.id, second.id].sort());
    expect(races.flat().every((run) => run.status === 'running')).toBe(true);
    expect(await runs.claimMany([])).toEqual([]);
  });

  it('claims queued runs oldest first and cancels queued and running runs', async () => {
    const { runs } = backend.store;
    const older = await newRun();
    const newer = await newRun();
    expect((await runs.claimNext())?.id).toBe(older.id);
    const cancelledQueued = await runs.requestCancel(org.id, newer.id);
    expect(cancelledQueued).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect((await backend.store.messages.get(org.id, newer.messageId))?.status).toBe('cancelled');
    expect(await runs.claimNext()).toBeNull();
    const cancelledRunning = await runs.requestCancel(org.id, older.id);
    expect(cancelledRunning).toMatchObject({ status: 'running', cancelRequested: true });
    expect((await runs.finish(older.id, 'cancelled'))?.status).toBe('cancelled');
  });

  it('marks runs of dead processes failed on startup, and leaves live ones alone', async () => {
    const deadHere = await createStore(backend.raw, {
      ...backend.options,
      processId: `${hostname()}:${deadPid()}:gone`,
    });
    const elsewhere = await createStore(backend.raw, {
      ...backend.options,
      processId: 'other-host:4242:alive',
    });
    const orphan = await newRun(deadHere);
    const remote = await newRun(elsewhere);
    const mine = await newRun();
    expect(await deadHere.runs.claim(orphan.id)).not.toBeNull();
    expect(await elsewhere.runs.claim(remote.id)).not.toBeNull();
    expect(await backend.store.runs.claim(mine.id)).not.toBeNull();

    const marked = await backend.store.runs.markInterruptedRuns({ staleAfterMs: 60_000 });
    expect(marked.map((run) => run.id)).toEqual([orphan.id]);
    expect(marked[0]).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    expect((await backend.store.messages.get(org.id, orphan.messageId))?.status).toBe('failed');

    // The remote holder stops sending heartbeats: once stale, its run is failed too.
    expect(await backend.store.runs.markInterruptedRuns({ staleAfterMs: 60_000 })).toEqual([]);
    await backend.raw.query(`UPDATE runs SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1`, [
      remote.id,
    ]);
    const stale = await backend.store.runs.markInterruptedRuns({ staleAfterMs: 60_000 });
    expect(stale.map((run) => run.id)).toEqual([remote.id]);
    expect((await backend.store.runs.get(org.id, mine.id))?.status).toBe('running');

    await backend.raw.query(`UPDATE runs SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1`, [
      mine.id,
    ]);
    expect(await backend.store.runs.heartbeat([mine.id])).toEqual([]);
    await backend.store.runs.requestCancel(org.id, mine.id);
    expect(await backend.store.runs.heartbeat([mine.id, 'not-a-uuid'])).toEqual([mine.id]);
    expect(await elsewhere.runs.markInterruptedRuns({ staleAfterMs: 60_000 })).toEqual([]);
  });

  it('replays the stored response for the same key and request, within the lifetime', async () => {
    const { idempotency } = backend.store;
    const hash = hashRequest('POST', '/v1/sessions', '{"datasourceId":"d"}');
    expect(await idempotency.begin(org.id, user.id, 'key-1', hash)).toEqual({ state: 'new' });
    expect(await idempotency.begin(org.id, user.id, 'key-1', hash)).toEqual({ state: 'in_progress' });
    await idempotency.complete(org.id, user.id, 'key-1', { status: 201, body: { session: { id: 's1' } } });
    expect(await idempotency.begin(org.id, user.id, 'key-1', hash)).toEqual({
      state: 'replay',
      response: { status: 201, body: { session: { id: 's1' } } },
    });
    const otherBody = hashRequest('POST', '/v1/sessions', '{"datasourceId":"e"}');
    expect(await idempotency.begin(org.id, user.id, 'key-1', otherBody)).toEqual({ state: 'mismatch' });

    // A failed first attempt is released so the client can retry with the same key.
    expect(await idempotency.begin(org.id, user.id, 'key-2', hash)).toEqual({ state: 'new' });
    await idempotency.release(org.id, user.id, 'key-2');
    expect(await idempotency.begin(org.id, user.id, 'key-2', hash)).toEqual({ state: 'new' });

    // Racing first requests: exactly one is told to run.
    const racing = await Promise.all(
      Array.from({ length: 4 }, () => idempotency.begin(org.id, user.id, 'key-3', hash)),
    );
    expect(racing.filter((result) => result.state === 'new')).toHaveLength(1);
  });

  it('forgets keys after their lifetime', async () => {
    const shortLived = await createStore(backend.raw, { ...backend.options, idempotencyTtlMs: 50 });
    const hash = hashRequest('POST', '/v1/query', '{}');
    expect(await shortLived.idempotency.begin(org.id, user.id, 'key-old', hash)).toEqual({ state: 'new' });
    await shortLived.idempotency.complete(org.id, user.id, 'key-old', { status: 200, body: { ok: true } });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await shortLived.idempotency.begin(org.id, user.id, 'key-old', hash)).toEqual({ state: 'new' });
    await shortLived.idempotency.complete(org.id, user.id, 'key-old', { status: 200, body: { ok: true } });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await shortLived.idempotency.deleteExpired()).toBe(1);
  });
});
