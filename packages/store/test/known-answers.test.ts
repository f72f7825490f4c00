import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession, KnownAnswer, NewQuestion, Organisation, User } from '../src/index';
import { backendNames, openBackend, type TestBackend } from './support/backends';

describe.each(backendNames)('questions committed with a known answer on %s', (name) => {
  let backend: TestBackend;
  let org: Organisation;
  let user: User;

  const newSession = () =>
    backend.store.chatSessions.create(org.id, {
      ownerId: user.id,
      datasourceId: '00000000-0000-4000-8000-000000000000',
    });
  const answer = { narrative: 'EMEA leads.', rows: [['EMEA', 125]] };
  const known = (previousReplyId: string | null): KnownAnswer => ({
    previousReplyId,
    runId: randomUUID(),
    events: [
      { type: 'sql', data: { type: 'sql', sql: 'SELECT 1' } },
      { type: 'answer', data: { type: 'answer', answer } },
    ],
    message: { content: 'EMEA leads.', answer },
    audit: [{ action: 'sql.run', actor: { userId: user.id }, details: { sql: 'SELECT 1', rows: 1 } }],
  });
  const question = (session: ChatSession, knownAnswer?: KnownAnswer): NewQuestion => ({
    sessionId: session.id,
    userId: user.id,
    question: 'Revenue by region',
    input: { question: 'Revenue by region', datasourceId: session.datasourceId },
    actor: { userId: user.id },
    claim: true,
    ...(knownAnswer ? { knownAnswer } : {}),
  });

  beforeAll(async () => {
    backend = await openBackend(name, 'known_answers');
    org = await backend.store.defaultOrg();
    user = await backend.store.users.create(org.id, {
      email: 'k@x.io',
      password: 'pw',
      name: 'K',
      role: 'editor',
    });
  });
  afterAll(() => backend?.close());

  it('commits the run finished: answer complete, events stored, audit entries chained', async () => {
    const session = await newSession();
    const knownAnswer = known(null);
    const [asked] = await backend.store.questions.ask(org.id, [question(session, knownAnswer)]);
    expect(asked?.run).toMatchObject({ id: knownAnswer.runId, status: 'succeeded', claimedBy: null });
    expect(asked?.run.finishedAt).not.toBeNull();
    expect(asked?.answerMessage).toMatchObject({ status: 'complete', content: 'EMEA leads.', answer });
    // What was returned is what a later read gives.
    expect(await backend.store.runs.get(org.id, knownAnswer.runId)).toMatchObject({
      status: 'succeeded',
      messageId: asked?.answerMessage.id,
    });
    const stored = await backend.store.messages.get(org.id, asked?.answerMessage.id ?? '');
    expect(stored).toMatchObject({ status: 'complete', answer });
    const events = await backend.store.runs.events(knownAnswer.runId);
    expect(events.map((event) => [event.seq, event.type, event.data])).toEqual([
      [1, 'sql', { type: 'sql', sql: 'SELECT 1' }],
      [2, 'answer', { type: 'answer', answer }],
    ]);
    // The answer is stored once, in its message.
    const [raw] = await backend.raw.query(
      `SELECT data FROM run_events WHERE run_id = $1 AND type = 'answer'`,
      [knownAnswer.runId],
    );
    expect(raw?.data).toEqual({ type: 'answer', $answerOfMessage: asked?.answerMessage.id });
    const { entries } = await backend.store.audit.list(org.id, { limit: 2 });
    expect(entries.map((entry) => [entry.action, entry.targetId ?? entry.details['sql']])).toEqual([
      ['sql.run', 'SELECT 1'],
      ['question.asked', knownAnswer.runId],
    ]);
    expect((await backend.store.audit.verify()).ok).toBe(true);
    // Events appended later are numbered after the stored ones.
    expect(
      await backend.store.questions.appendEvents(org.id, [
        { runId: knownAnswer.runId, events: [{ type: 'note', data: {} }] },
      ]),
    ).toEqual([3]);
  });

  it("removes a run's events with the run when its session is deleted (no per-row foreign key)", async () => {
    const session = await newSession();
    const kept = await newSession();
    const [gone] = await backend.store.questions.ask(org.id, [question(session, known(null))]);
    const [stays] = await backend.store.questions.ask(org.id, [question(kept, known(null))]);
    const count = async (runId: string) =>
      Number(
        (await backend.raw.query('SELECT count(*) AS n FROM run_events WHERE run_id = $1', [runId]))[0]?.n,
      );
    expect(await count(gone?.run.id ?? '')).toBe(2);
    // Sessions cascade to messages, messages to runs; the runs' trigger removes their events.
    await backend.raw.query('DELETE FROM chat_sessions WHERE id = $1', [session.id]);
    expect(await backend.store.runs.get(org.id, gone?.run.id ?? '')).toBeNull();
    expect(await count(gone?.run.id ?? '')).toBe(0);
    expect(await count(stays?.run.id ?? '')).toBe(2);
  });

  it('commits as usual when the session has another latest reply than the answer was computed on', async () => {
    const session = await newSession();
    const [first] = await backend.store.questions.ask(org.id, [question(session, known(null))]);
    // The answer was computed on "no reply yet", but `first` is the session's latest reply now.
    const stale = known(null);
    const fresh = known(first?.answerMessage.id ?? '');
    const [second, third] = await backend.store.questions.ask(org.id, [
      question(session, stale),
      question(session, fresh),
    ]);
    expect(second?.run).toMatchObject({ status: 'running', claimedBy: backend.store.processId });
    expect(second?.run.id).not.toBe(stale.runId);
    expect(second?.answerMessage).toMatchObject({ status: 'pending', content: '', answer: null });
    expect(await backend.store.runs.events(second?.run.id ?? '')).toEqual([]);
    expect(third?.run).toMatchObject({ id: fresh.runId, status: 'succeeded' });
    expect(third?.run.input['previousReplyId']).toBe(first?.answerMessage.id);
  });
});
