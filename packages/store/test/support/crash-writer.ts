/**
 * Child process for the crash test: opens the embedded store in the home folder given as argument,
 * claims a run, then writes messages forever, printing each id once its transaction has committed.
 * The test kills it with SIGKILL mid-stream.
 */
import { openStore, resolveStoreOptions } from '../../src/index';

const home = process.argv[2];
if (!home) throw new Error('usage: crash-writer <home>');
const store = await openStore(await resolveStoreOptions(home, {}));
const org = await store.defaultOrg();
const user = await store.users.create(org.id, {
  email: 'crash@example.com',
  password: 'pw',
  name: 'C',
  role: 'editor',
});
const session = await store.chatSessions.create(org.id, {
  ownerId: user.id,
  datasourceId: '00000000-0000-4000-8000-000000000000',
});
const pending = await store.messages.create(org.id, {
  sessionId: session.id,
  role: 'assistant',
  content: '',
  status: 'pending',
});
const run = await store.runs.create(org.id, {
  sessionId: session.id,
  messageId: pending.id,
  userId: user.id,
  input: {},
});
await store.runs.claim(run.id);
process.stdout.write(`run ${run.id} ${session.id}\n`);
for (let index = 0; ; index += 1) {
  const message = await store.messages.create(org.id, {
    sessionId: session.id,
    role: 'user',
    content: `q${index}`,
  });
  await store.runs.appendEvent(run.id, 'step', { index });
  process.stdout.write(`message ${message.id}\n`);
}
