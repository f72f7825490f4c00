import { deriveSemanticModel, type TableSchema } from '@askdata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeLlmServer,
  type RecordedRequest,
  startFakeLlmServer,
} from '../../../test-support/fake-openai-server';
import {
  type AgentEvent,
  type AgentOutcome,
  type ColumnValues,
  createLlmClient,
  type LlmClient,
  type LlmConfig,
  llmConfigSchema,
  runAgent,
} from '../src/index';

const subjects = ['account', 'invoice', 'ledger', 'campaign', 'ticket', 'asset', 'vendor', 'payroll'];

/** 60 unrelated tables and, in the middle, `deliveries`, which the questions are about in other words. */
function schema(): TableSchema[] {
  const tables: TableSchema[] = subjects.flatMap((subject, group) =>
    Array.from({ length: 8 }, (_, index) => ({
      name: `${subject}_${group * 8 + index}`,
      columns: [
        { name: 'id', sourceType: 'INTEGER', logicalType: 'integer' as const, nullable: false },
        { name: 'status', sourceType: 'VARCHAR', logicalType: 'text' as const, nullable: true },
        { name: 'owner', sourceType: 'VARCHAR', logicalType: 'text' as const, nullable: true },
        { name: 'amount', sourceType: 'DOUBLE', logicalType: 'float' as const, nullable: true },
      ],
      primaryKey: ['id'],
    })),
  );
  tables.splice(40, 0, {
    name: 'deliveries',
    columns: [
      { name: 'delivery_id', sourceType: 'INTEGER', logicalType: 'integer', nullable: false },
      { name: 'hub', sourceType: 'VARCHAR', logicalType: 'text', nullable: false },
      { name: 'weight_kg', sourceType: 'DOUBLE', logicalType: 'float', nullable: true },
      { name: 'delivered_on', sourceType: 'DATE', logicalType: 'date', nullable: false },
    ],
    primaryKey: ['delivery_id'],
  });
  return tables;
}

/** Sample values of every text column; the privacy test searches every request for each of them. */
const samples: ColumnValues[] = [
  { table: 'deliveries', column: 'hub', values: ['Rotterdam-Noord', 'Lyon Part-Dieu', 'Gdansk Port'] },
  ...subjects.map((subject, group) => ({
    table: `${subject}_${group * 8}`,
    column: 'owner',
    values: [`Zebulon ${subject}`, `Quintessa-${group}`],
  })),
];

/** The fake embedding model knows these words mean the same; BM25 does not. */
const concepts = [
  ['consignment', 'delivery'],
  ['depot', 'hub'],
];

const answerReply = {
  text: JSON.stringify({
    kind: 'spec',
    interpretation: 'Deliveries by hub',
    spec: {
      table: 'deliveries',
      measures: [{ id: 'count', aggregation: 'count' }],
      dimensions: [{ id: 'hub', column: { column: 'hub' } }],
      filters: [],
    },
  }),
};

async function drain<T>(generator: AsyncGenerator<AgentEvent, AgentOutcome<T>>) {
  const events: AgentEvent[] = [];
  for (;;) {
    const next = await generator.next();
    if (next.done) return { events, outcome: next.value };
    events.push(next.value);
  }
}

const isEmbedding = (request: RecordedRequest) => request.path.endsWith('/embeddings');
const inputsOf = (request: RecordedRequest) => request.body['input'] as string[];

describe('embedding retrieval', () => {
  let server: FakeLlmServer;
  const model = deriveSemanticModel({ tables: schema() });

  beforeEach(async () => {
    server = await startFakeLlmServer([], { embeddingConcepts: concepts });
  });
  afterEach(async () => {
    await server.close();
  });

  const clientWith = (settings: Partial<LlmConfig> = {}, embeddings = true): LlmClient =>
    createLlmClient(
      llmConfigSchema.parse({
        models: [{ provider: 'openai', model: 'gpt-4.1-mini', baseUrl: server.baseUrl, apiKey: 'sk-test' }],
        ...(embeddings
          ? {
              embedding: {
                provider: 'openai',
                model: 'text-embedding-3-small',
                baseUrl: server.baseUrl,
                apiKey: 'sk-test',
              },
            }
          : {}),
        ...settings,
      }),
    );

  const ask = (client: LlmClient, question: string) => {
    server.script(answerReply);
    return drain(
      runAgent(client, { question, model, dialect: 'duckdb', samples }, { execute: async () => 'ran' }),
    );
  };

  const retrievedTables = (events: AgentEvent[]) => {
    const retrieval = events.find((event) => event.type === 'retrieval');
    return retrieval?.type === 'retrieval' ? retrieval.tables : [];
  };

  it('finds a table asked about in other words through embeddings, which BM25 alone misses', async () => {
    const question = 'how many consignments per depot';
    const keywordsOnly = await ask(clientWith({}, false), question);
    expect(retrievedTables(keywordsOnly.events)).not.toContain('deliveries');
    expect(server.requests.some(isEmbedding)).toBe(false);

    const blended = await ask(clientWith(), question);
    expect(retrievedTables(blended.events)[0]).toBe('deliveries');
    expect(blended.outcome.kind).toBe('answer');
    const chat = server.requests.filter((request) => request.path.endsWith('/chat/completions')).at(-1);
    expect(chat?.raw).toContain('weight_kg');
  });

  it('embeds the schema once and then only each new question, and meters the tokens', async () => {
    const client = clientWith();
    const first = await ask(client, 'how many consignments per depot');
    const second = await ask(client, 'total weight of consignments by depot');
    const embeddingRequests = server.requests.filter(isEmbedding);
    expect(embeddingRequests).toHaveLength(2);
    const [initial, later] = embeddingRequests.map(inputsOf);
    expect(initial?.[0]).toBe('how many consignments per depot');
    expect(initial?.length).toBeGreaterThan(300);
    expect(later).toEqual(['total weight of consignments by depot']);
    expect(client.vectors.size).toBe((initial?.length ?? 0) - 1);
    expect(retrievedTables(second.events)[0]).toBe('deliveries');

    const usage = first.events.find((event) => event.type === 'usage' && event.usage.purpose === 'embed');
    expect(usage).toMatchObject({ usage: { model: 'openai:text-embedding-3-small', outputTokens: 0 } });
    const tokens = usage?.type === 'usage' ? usage.usage.inputTokens : 0;
    expect(tokens).toBeGreaterThan(0);
    expect(usage?.type === 'usage' && usage.usage.costUsd).toBeCloseTo((tokens * 0.02) / 1_000_000, 12);
  });

  it.each([
    { status: 500, reason: /HTTP 500/ },
    { status: 401, reason: /API key was refused/ },
  ])('falls back to BM25 with a notice when embedding fails (HTTP $status)', async ({ status, reason }) => {
    const client = clientWith({ retries: 0 });
    server.scriptEmbeddings({ status });
    const failed = await ask(client, 'deliveries by hub');
    expect(failed.outcome.kind).toBe('answer');
    const notice = failed.events.find((event) => event.type === 'notice');
    expect(notice?.type === 'notice' && notice.message).toMatch(/BM25/);
    expect(notice?.type === 'notice' && notice.message).toMatch(reason);
    expect(retrievedTables(failed.events)[0]).toBe('deliveries');
    expect(client.vectors.size).toBe(0);

    // The next question tries again, and the synonyms work once the provider is back.
    const recovered = await ask(client, 'how many consignments per depot');
    expect(recovered.events.some((event) => event.type === 'notice')).toBe(false);
    expect(retrievedTables(recovered.events)[0]).toBe('deliveries');
  });

  it('falls back to BM25 when the embedding model does not answer in time', async () => {
    const client = clientWith({ timeoutMs: 300 });
    server.scriptEmbeddings({ hangMs: 5_000 });
    const { events, outcome } = await ask(client, 'deliveries by hub');
    expect(outcome.kind).toBe('answer');
    const notice = events.find((event) => event.type === 'notice');
    expect(notice?.type === 'notice' && notice.message).toMatch(/did not answer within/);
  });

  it('sends sample values for embedding only when privacy mode is off', async () => {
    const values = samples.flatMap((sample) => sample.values);
    await ask(clientWith({ privacy: true }), 'how many consignments per depot');
    const everything = server.requests.map((request) => request.raw).join('\n');
    expect(server.requests.filter(isEmbedding)).toHaveLength(1);
    expect(everything).toContain('hub');
    for (const value of values) expect(everything).not.toContain(value);

    // The control: without privacy mode the same run does send them, so the search above can fail.
    server.requests.length = 0;
    await ask(clientWith({ privacy: false }), 'how many consignments per depot');
    const embedded = server.requests
      .filter(isEmbedding)
      .map((request) => request.raw)
      .join('\n');
    for (const value of values) expect(embedded).toContain(value);
  });

  it('finds a column by a value it holds when privacy mode is off', async () => {
    const client = clientWith({ privacy: false });
    const { events } = await ask(client, 'parcels that left Rotterdam-Noord');
    expect(retrievedTables(events)[0]).toBe('deliveries');
  });

  it('embeds through a native Ollama server', async () => {
    const client = createLlmClient(
      llmConfigSchema.parse({
        models: [{ provider: 'ollama', model: 'llama3.1', baseUrl: server.ollamaUrl }],
        embedding: { provider: 'ollama', model: 'nomic-embed-text', baseUrl: server.ollamaUrl },
      }),
    );
    const { events } = await ask(client, 'how many consignments per depot');
    expect(server.requests[0]?.path).toBe('/api/embed');
    expect(server.requests[0]?.body['model']).toBe('nomic-embed-text');
    expect(retrievedTables(events)[0]).toBe('deliveries');
    expect(events.find((event) => event.type === 'usage' && event.usage.purpose === 'embed')).toMatchObject({
      usage: { model: 'ollama:nomic-embed-text', costUsd: 0 },
    });
  });

  it('refuses an Anthropic embedding model with a clear message', () => {
    expect(() =>
      createLlmClient(
        llmConfigSchema.parse({
          models: [{ provider: 'anthropic', model: 'claude-sonnet-4-0', apiKey: 'k' }],
          embedding: { provider: 'anthropic', model: 'claude-sonnet-4-0', apiKey: 'k' },
        }),
      ),
    ).toThrow(/Anthropic has no embedding models/);
  });
});
