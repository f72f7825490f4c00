import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeLlmServer, startFakeLlmServer } from '../../../test-support/fake-openai-server';
import type { PipelineEvent } from '../src/index';
import {
  ask,
  echoNarrative,
  ending,
  goodSpecReply,
  openSalesFixture,
  type SalesFixture,
  testClient,
} from './llm-fixture';

const embeddingRequests = (server: FakeLlmServer) =>
  server.requests.filter((request) => request.path.endsWith('/embeddings'));

function answered(events: PipelineEvent[]) {
  const last = ending(events);
  if (last.type !== 'answer') throw new Error(`expected an answer, got ${JSON.stringify(last)}`);
  return last.answer;
}

describe('askQuestion with embedding retrieval', () => {
  let fixture: SalesFixture;
  let server: FakeLlmServer;

  beforeAll(async () => {
    fixture = await openSalesFixture();
  });
  afterAll(async () => {
    await fixture.close();
  });
  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const clientFor = (privacy: boolean) =>
    testClient(server, {
      privacy,
      embedding: {
        provider: 'openai',
        model: 'text-embedding-3-small',
        baseUrl: server.baseUrl,
        apiKey: 'sk-test-key',
      },
    });

  it('privacy mode: embeds metadata only; no cell value of the table appears in any request', async () => {
    server.script({ text: goodSpecReply }, echoNarrative);
    const events = await ask('What is the total amount by region?', fixture.prepared, {
      engine: 'llm',
      llm: clientFor(true),
    });
    answered(events);
    expect(embeddingRequests(server)).toHaveLength(1);
    expect(embeddingRequests(server)[0]?.raw).toContain('region');
    expect(fixture.cellValues.length).toBeGreaterThan(15);
    for (const request of server.requests) {
      for (const value of fixture.cellValues)
        expect(request.raw, `${request.path} leaks ${value}`).not.toContain(value);
    }
  });

  it('without privacy mode, sample values are embedded with their column (so the search above can fail)', async () => {
    server.script({ text: goodSpecReply }, echoNarrative);
    const events = await ask('What is the total amount by region?', fixture.prepared, {
      engine: 'llm',
      llm: clientFor(false),
    });
    const answer = answered(events);
    const embedded = embeddingRequests(server)[0]?.raw ?? '';
    for (const region of ['EMEA', 'APAC', 'Americas']) expect(embedded).toContain(region);
    // Embedding tokens are part of the answer's usage.
    const usage = events.filter((event) => event.type === 'usage');
    expect(usage.map((event) => event.type === 'usage' && event.purpose)).toContain('embed');
    const total = usage.reduce((sum, event) => sum + (event.type === 'usage' ? event.inputTokens : 0), 0);
    expect(answer.llm?.inputTokens).toBe(total);
  });

  it('answers with keyword retrieval and a warning when the embedding endpoint fails', async () => {
    server.scriptEmbeddings({ status: 503 });
    server.script({ text: goodSpecReply }, echoNarrative);
    const events = await ask('What is the total amount by region?', fixture.prepared, {
      engine: 'llm',
      llm: clientFor(false),
    });
    expect(answered(events).spec?.table).toBe('sales');
    const warning = events.find((event) => event.type === 'warning');
    expect(warning?.type === 'warning' && warning.message).toMatch(/HTTP 503.*BM25/);
  });
});
