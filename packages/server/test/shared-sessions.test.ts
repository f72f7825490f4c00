/**
 * Sessions shared with me: a signed-in user who opens a share link finds that session under
 * `GET /v1/sessions?scope=shared` and may read it (not change it) while the link lives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from './support/api-client';
import { askAndWait, createPeople } from './support/fixtures';
import { backends, openTestServer, type TestServer } from './support/test-server';

interface Listed {
  id: string;
  title: string;
  sharedBy?: { id: string; name: string };
  sharedUntil?: string;
}

describe.each(backends)('sessions shared with me on %s', (backend) => {
  let server: TestServer;
  let people: Awaited<ReturnType<typeof createPeople>>;

  beforeAll(async () => {
    server = await openTestServer(backend, 'shared');
    people = await createPeople(server);
  });
  afterAll(async () => server?.close());

  const sharedWith = async (person: 'vera' | 'victor' | 'edith') => {
    const response = await people.as(person)('GET', '/v1/sessions?scope=shared');
    expect(response.status).toBe(200);
    return ((await response.json()) as { sessions: Listed[] }).sessions;
  };

  async function sharedSession(title: string) {
    const created = await people.as('vera')('POST', '/v1/sessions', {
      body: { datasourceId: server.demo?.id ?? '', title },
    });
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;
    const shared = await people.as('vera')('POST', `/v1/sessions/${sessionId}/share`, {
      body: { expiresInHours: 2 },
    });
    const { token } = (await shared.json()) as { token: string };
    return { sessionId, token };
  }

  it('lists a session once its share link was opened, and lets the visitor read but not change it', async () => {
    const { sessionId, token } = await sharedSession('Quarterly review');
    const asked = await askAndWait(people.as('vera'), sessionId, 'Total revenue by customer segment');
    expect((await people.as('victor')('GET', `/v1/sessions/${sessionId}`)).status).toBe(404);
    expect(await sharedWith('victor')).toEqual([]);

    expect((await callApi(server.app)('GET', `/v1/shared/${token}`)).status).toBe(200);
    expect((await people.as('victor')('GET', `/v1/shared/${token}`)).status).toBe(200);
    // Opening it twice lists it once.
    expect((await people.as('victor')('GET', `/v1/shared/${token}`)).status).toBe(200);

    const listed = await sharedWith('victor');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: sessionId,
      title: 'Quarterly review',
      sharedBy: { id: people.ids.vera, name: 'vera' },
    });
    expect(Date.parse(listed[0]?.sharedUntil ?? '')).toBeGreaterThan(Date.now());
    // Not among victor's own sessions, and edith (who never opened it) sees nothing.
    const own = await people.as('victor')('GET', '/v1/sessions');
    expect(
      ((await own.json()) as { sessions: Listed[] }).sessions.map((session) => session.id),
    ).not.toContain(sessionId);
    expect(await sharedWith('edith')).toEqual([]);

    const read = await people.as('victor')('GET', `/v1/sessions/${sessionId}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { messages: unknown[] }).messages).toHaveLength(2);
    expect((await people.as('victor')('GET', `/v1/charts/${asked.messageId}`)).status).toBe(200);
    expect(
      (await people.as('victor')('PATCH', `/v1/sessions/${sessionId}`, { body: { title: 'mine' } })).status,
    ).toBe(404);
    expect(
      (
        await people.as('victor')('POST', `/v1/sessions/${sessionId}/messages`, {
          body: { question: 'Number of orders' },
        })
      ).status,
    ).toBe(404);
    expect((await people.as('victor')('DELETE', `/v1/sessions/${sessionId}`)).status).toBe(404);
  });

  it("does not list the owner's own session as shared with them", async () => {
    const { token } = await sharedSession('Mine to share');
    expect((await people.as('vera')('GET', `/v1/shared/${token}`)).status).toBe(200);
    expect(await sharedWith('vera')).toEqual([]);
  });

  it('drops the session when its link is revoked or the session deleted', async () => {
    const first = await sharedSession('Revoked later');
    const second = await sharedSession('Deleted later');
    await people.as('edith')('GET', `/v1/shared/${first.token}`);
    await people.as('edith')('GET', `/v1/shared/${second.token}`);
    expect((await sharedWith('edith')).map((session) => session.title).sort()).toEqual([
      'Deleted later',
      'Revoked later',
    ]);

    const { store, org } = server.deps;
    const [link] = await store.shareLinks.listForSession(org.id, first.sessionId);
    expect(await store.shareLinks.revoke(org.id, link?.id ?? '')).toBe(true);
    expect((await people.as('vera')('DELETE', `/v1/sessions/${second.sessionId}`)).status).toBe(204);

    expect(await sharedWith('edith')).toEqual([]);
    expect((await people.as('edith')('GET', `/v1/sessions/${first.sessionId}`)).status).toBe(404);
  });

  it('refuses an unknown scope', async () => {
    const response = await people.as('vera')('GET', '/v1/sessions?scope=everyone');
    expect(response.status).toBe(400);
  });
});
