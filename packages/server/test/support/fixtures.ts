import { expect } from 'vitest';
import { type Caller, callApi, signIn } from './api-client';
import type { TestServer } from './test-server';

export const password = 'correct horse battery';

export type Person = 'ada' | 'edith' | 'vera' | 'victor';
export const roles = { ada: 'admin', edith: 'editor', vera: 'viewer', victor: 'viewer' } as const;

/** The first admin plus one user per role, each signed in; `vera` owns the fixtures, `victor` does not. */
export async function createPeople(server: TestServer) {
  const anonymous = callApi(server.app);
  const boot = await anonymous('POST', '/v1/auth/bootstrap', {
    body: { email: 'ada@example.com', password, name: 'Ada' },
  });
  expect(boot.status).toBe(201);
  const callers = {} as Record<Person, Caller>;
  const ids = {} as Record<Person, string>;
  callers.ada = await signIn(server.app, 'ada@example.com', password);
  const admin = callApi(server.app, callers.ada);
  ids.ada = ((await (await admin('GET', '/v1/auth/me')).json()) as { user: { id: string } }).user.id;
  for (const person of ['edith', 'vera', 'victor'] as const) {
    const created = await admin('POST', '/v1/users', {
      body: { email: `${person}@example.com`, password, name: person, role: roles[person] },
    });
    expect(created.status).toBe(201);
    ids[person] = ((await created.json()) as { user: { id: string } }).user.id;
    callers[person] = await signIn(server.app, `${person}@example.com`, password);
  }
  return { callers, ids, as: (person: Person) => callApi(server.app, callers[person]) };
}

/** Reads an SSE body into events. */
export function parseSse(text: string): { event: string; data: unknown; id?: string }[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
      }
      return {
        event: fields['event'] ?? 'message',
        data: fields['data'] ? JSON.parse(fields['data']) : undefined,
        ...(fields['id'] ? { id: fields['id'] } : {}),
      };
    });
}

/** Asks a question in a session and waits for the run to end; returns the run id, message id and events. */
export async function askAndWait(
  call: ReturnType<typeof callApi>,
  sessionId: string,
  question: string,
): Promise<{ runId: string; messageId: string; events: ReturnType<typeof parseSse> }> {
  const posted = await call('POST', `/v1/sessions/${sessionId}/messages`, { body: { question } });
  expect(posted.status).toBe(202);
  const { runId, messageId } = (await posted.json()) as { runId: string; messageId: string };
  const stream = await call('GET', `/v1/runs/${runId}/events`);
  expect(stream.headers.get('content-type')).toContain('text/event-stream');
  return { runId, messageId, events: parseSse(await stream.text()) };
}
