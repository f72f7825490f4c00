import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSession, NewQuestion, Organisation, User } from '../src/index';
import { backendNames, openBackend, type TestBackend } from './support/backends';

describe.each(backendNames)('questions asked and concluded together on %s', (name) => {
  let backend: TestBackend;
  let org: Organisation;
  let user: User;
  let sessions: ChatSession[];

  const question = (session: ChatSession, text: string): NewQuestion => ({
    sessionId: session.id,
    userId: user.id,
    question: text,
    input: { question: text, datasourceId: session.datasourceId },
    actor: { userId: user.id },
    auditDetails: { datasourceId: session.datasourceId },
  });

  beforeAll(async () => {
    backend = await openBackend(name, 'questions');
    org = await backend.store.defaultOrg();
    user = await backend.store.users.create(org.id, {
      email: 'q@x.io',
      password: 'pw',
      name: 'Q',
      role: 'editor',
    });
    sessions = await Promise.all(
      [1, 2].map(() =>
        backend.store.chatSessions.create(org.id, {
          ownerId: user.id,
          datasourceId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    );
  });
  afterAll(() => backend?.close());

  it('writes each question, its pending answer, its queued run and its audit entry, in order', async () => {
    const [first, second] = sessions as [ChatSession, ChatSession];
    const asked = await backend.store.questions.ask(org.id, [
      question(first, 'Revenue by region'),
      question(second, 'Orders by year'),
      question(first, 'Top 5 products'),
    ]);
    expect(
      asked.map((item) => [item.userMessage.content, item.answerMessage.status, item.run.status]),
    ).toEqual([
      ['Revenue by region', 'pending', 'queued'],
      ['Orders by year', 'pending', 'queued'],
      ['Top 5 products', 'pending', 'queued'],
    ]);
    for (const item of asked) {
      expect(item.run.messageId).toBe(item.answerMessage.id);
      expect(item.run.input).toMatchObject({ question: item.userMessage.content });
    }
    // Each session reads question, answer, question, answer in the order asked.
    const firstMessages = await backend.store.messages.listForSession(org.id, first.id);
    expect(firstMessages.map((message) => [message.role, message.content])).toEqual([
      ['user', 'Revenue by region'],
      ['assistant', ''],
      ['user', 'Top 5 products'],
      ['assistant', ''],
    ]);
    const { entries } = await backend.store.audit.list(org.id, { limit: 3 });
    expect(entries.map((entry) => [entry.action, entry.targetId, entry.details['question']])).toEqual(
      [...asked].reverse().map((item) => ['question.asked', item.run.id, item.userMessage.content]),
    );
    expect((await backend.store.audit.verify()).ok).toBe(true);
  });

  it('concludes runs together: events numbered after the stored ones, answers filled, statuses final', async () => {
    const [first, second] = sessions as [ChatSession, ChatSession];
    const [a, b] = await backend.store.questions.ask(org.id, [
      question(first, 'Count customers'),
      question(second, 'Count orders'),
    ]);
    if (!a || !b) throw new Error('two questions were asked');
    await backend.store.runs.appendEvents(a.run.id, [
      { type: 'step-started', data: { step: 'understanding' } },
    ]);
    const finished = await backend.store.questions.conclude(org.id, [
      {
        runId: a.run.id,
        messageId: a.answerMessage.id,
        events: [
          { type: 'rows', data: { rows: 3 } },
          { type: 'answer', data: { text: 'three' } },
        ],
        message: { content: 'There are 3 customers.', answer: { value: 3 }, status: 'complete' },
        status: 'succeeded',
      },
      {
        runId: b.run.id,
        messageId: b.answerMessage.id,
        events: [],
        message: { content: 'No such table.', answer: null, status: 'failed' },
        status: 'failed',
        error: { code: 'table_not_found', message: 'No such table.' },
      },
    ]);
    expect(finished.map((run) => run?.status)).toEqual(['succeeded', 'failed']);
    expect(finished[1]?.error).toEqual({ code: 'table_not_found', message: 'No such table.' });
    const events = await backend.store.runs.events(a.run.id);
    expect(events.map((event) => [event.seq, event.type])).toEqual([
      [1, 'step-started'],
      [2, 'rows'],
      [3, 'answer'],
    ]);
    expect(await backend.store.messages.get(org.id, a.answerMessage.id)).toMatchObject({
      content: 'There are 3 customers.',
      answer: { value: 3 },
      status: 'complete',
    });
    expect(await backend.store.messages.get(org.id, b.answerMessage.id)).toMatchObject({
      answer: null,
      status: 'failed',
    });
    // A run that has already ended is not ended again.
    const again = await backend.store.questions.conclude(org.id, [
      {
        runId: a.run.id,
        messageId: a.answerMessage.id,
        events: [],
        message: { content: 'There are 3 customers.', answer: { value: 3 }, status: 'complete' },
        status: 'cancelled',
      },
    ]);
    expect(again).toEqual([null]);
    expect((await backend.store.runs.get(org.id, a.run.id))?.status).toBe('succeeded');
  });

  it("records each session's latest complete reply in the run input, and returns the moved session", async () => {
    const session = await backend.store.chatSessions.create(org.id, {
      ownerId: user.id,
      datasourceId: '00000000-0000-4000-8000-000000000000',
    });
    const [first] = await backend.store.questions.ask(org.id, [question(session, 'Revenue by region')]);
    if (!first) throw new Error('one question was asked');
    expect(first.run.input['previousReplyId']).toBeNull();
    expect(first.session.id).toBe(session.id);
    expect(Date.parse(first.session.updatedAt)).toBeGreaterThanOrEqual(Date.parse(session.updatedAt));
    // Still pending: not a reply to build on yet.
    const [pendingOne] = await backend.store.questions.ask(org.id, [question(session, 'and by year')]);
    expect(pendingOne?.run.input['previousReplyId']).toBeNull();
    await backend.store.questions.conclude(org.id, [
      {
        runId: first.run.id,
        messageId: first.answerMessage.id,
        events: [],
        message: { content: 'Revenue by region.', answer: { value: 1 }, status: 'complete' },
        status: 'succeeded',
      },
    ]);
    const [other] = sessions as [ChatSession];
    const [followUp, elsewhere] = await backend.store.questions.ask(org.id, [
      question(session, 'now by month'),
      question(other, 'Count orders'),
    ]);
    expect(followUp?.run.input['previousReplyId']).toBe(first.answerMessage.id);
    // Asked by the process that runs it: committed claimed by it, nothing left for others to claim.
    const [claimed] = await backend.store.questions.ask(org.id, [
      { ...question(session, 'and by year'), claim: true },
    ]);
    expect(claimed?.run).toMatchObject({ status: 'running', claimedBy: backend.store.processId });
    expect(await backend.store.runs.claim(claimed?.run.id ?? '')).toBeNull();
    expect(followUp?.run.status).toBe('queued');
    expect(elsewhere?.run.input['previousReplyId']).toBe(
      await backend.store.messages.lastCompleteReplyId(org.id, other.id, elsewhere?.answerMessage.id ?? ''),
    );
  });

  it('stores the final answer once, in its message, and reads the answer event back whole', async () => {
    const [first] = sessions as [ChatSession];
    const [asked] = await backend.store.questions.ask(org.id, [question(first, 'Revenue by region')]);
    if (!asked) throw new Error('one question was asked');
    const answer = { narrative: 'EMEA leads.', rows: [['EMEA', 125]] };
    await backend.store.questions.conclude(org.id, [
      {
        runId: asked.run.id,
        messageId: asked.answerMessage.id,
        events: [
          { type: 'rows', data: { type: 'rows', rows: [['EMEA', 125]] } },
          { type: 'answer', data: { type: 'answer', answer } },
        ],
        message: { content: 'EMEA leads.', answer, status: 'complete' },
        status: 'succeeded',
      },
    ]);
    const events = await backend.store.runs.events(asked.run.id);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['rows', { type: 'rows', rows: [['EMEA', 125]] }],
      ['answer', { type: 'answer', answer }],
    ]);
    // What the table holds for the answer event is the reference, not a second copy.
    const [raw] = await backend.raw.query(
      `SELECT data FROM run_events WHERE run_id = $1 AND type = 'answer'`,
      [asked.run.id],
    );
    expect(raw?.data).toEqual({ type: 'answer', $answerOfMessage: asked.answerMessage.id });
    expect(await backend.store.runs.events(asked.run.id, 1)).toHaveLength(1);
  });

  it('appends the events of several runs at once, each numbered on from its own last event', async () => {
    const [first, second] = sessions as [ChatSession, ChatSession];
    const [a, b, c] = await backend.store.questions.ask(org.id, [
      question(first, 'A'),
      question(second, 'B'),
      question(second, 'C'),
    ]);
    if (!a || !b || !c) throw new Error('three questions were asked');
    await backend.store.runs.appendEvents(a.run.id, [{ type: 'one', data: {} }]);
    const firsts = await backend.store.questions.appendEvents(org.id, [
      { runId: a.run.id, events: [{ type: 'two', data: { n: 2 } }] },
      { runId: c.run.id, events: [] },
      { runId: b.run.id, events: [{ type: 'uno', data: {} }] },
    ]);
    expect(firsts).toEqual([2, null, 1]);
    expect(await backend.store.runs.events(c.run.id)).toEqual([]);
    expect((await backend.store.runs.events(a.run.id)).map((event) => [event.seq, event.type])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect((await backend.store.runs.events(b.run.id)).map((event) => event.type)).toEqual(['uno']);
  });

  it('writes nothing of a group whose transaction fails', async () => {
    const [first] = sessions as [ChatSession];
    const before = await backend.store.messages.listForSession(org.id, first.id);
    const missingSession = { ...first, id: '00000000-0000-4000-8000-00000000dead' };
    await expect(
      backend.store.questions.ask(org.id, [question(first, 'fine'), question(missingSession, 'orphan')]),
    ).rejects.toThrow();
    expect(await backend.store.messages.listForSession(org.id, first.id)).toHaveLength(before.length);
  });
});
