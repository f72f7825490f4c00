import { deriveSemanticModel, type TableSchema } from '@askdata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeLlmServer, promptText, startFakeLlmServer } from '../../../test-support/fake-openai-server';
import {
  type AgentEvent,
  type AgentOutcome,
  type Candidate,
  createLlmClient,
  estimateTokens,
  llmConfigSchema,
  renderSchema,
  retrieveSchema,
  runAgent,
} from '../src/index';

const words = [
  'account',
  'invoice',
  'ledger',
  'campaign',
  'ticket',
  'asset',
  'vendor',
  'payroll',
  'contract',
  'session',
];
const columnWords = [
  'status',
  'owner',
  'created_at',
  'score',
  'category',
  'note',
  'priority',
  'channel',
  'cost',
  'tier',
];

/** 500 tables of 12 columns each; one of them (`shipments`) is what the question is about. */
function largeSchema(): TableSchema[] {
  const tables: TableSchema[] = [];
  for (let index = 0; index < 499; index++) {
    const name = `${words[index % words.length]}_${words[Math.floor(index / 10) % words.length]}_${index}`;
    tables.push({
      name,
      columns: [
        { name: 'id', sourceType: 'INTEGER', logicalType: 'integer', nullable: false },
        ...columnWords.map((column, position) => ({
          name: `${column}_${position}`,
          sourceType: 'VARCHAR',
          logicalType: 'text' as const,
          nullable: true,
        })),
        { name: 'amount_value', sourceType: 'DOUBLE', logicalType: 'float', nullable: true },
      ],
      primaryKey: ['id'],
    });
  }
  tables.splice(257, 0, {
    name: 'shipments',
    description: 'Outbound parcels and their refunds',
    columns: [
      { name: 'shipment_id', sourceType: 'INTEGER', logicalType: 'integer', nullable: false },
      { name: 'warehouse', sourceType: 'VARCHAR', logicalType: 'text', nullable: false },
      { name: 'refund_amount', sourceType: 'DOUBLE', logicalType: 'float', nullable: true },
      { name: 'shipped_at', sourceType: 'DATE', logicalType: 'date', nullable: false },
    ],
    primaryKey: ['shipment_id'],
  });
  return tables;
}

const shipmentSpec = {
  kind: 'spec',
  interpretation: 'Refunds by warehouse',
  spec: {
    table: 'shipments',
    measures: [{ id: 'refunds', aggregation: 'sum', column: { column: 'refund_amount' } }],
    dimensions: [{ id: 'warehouse', column: { column: 'warehouse' } }],
    filters: [],
  },
};

async function drain<T>(generator: AsyncGenerator<AgentEvent, AgentOutcome<T>>) {
  const events: AgentEvent[] = [];
  for (;;) {
    const next = await generator.next();
    if (next.done) return { events, outcome: next.value };
    events.push(next.value);
  }
}

describe('agent loop', () => {
  let server: FakeLlmServer;
  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('keeps the prompt of a 500-table schema under its token budget and finds the table asked about', async () => {
    const model = deriveSemanticModel({ tables: largeSchema() });
    expect(model.entities).toHaveLength(500);
    const full = estimateTokens(
      renderSchema({
        entities: model.entities,
        relationships: [],
        metrics: [],
        examples: [],
        omittedTables: 0,
      }),
    );
    expect(full).toBeGreaterThan(40_000);

    server.script({ text: JSON.stringify(shipmentSpec) });
    const client = createLlmClient(
      llmConfigSchema.parse({
        models: [{ provider: 'openai', model: 'gpt-4.1-mini', baseUrl: server.baseUrl, apiKey: 'sk-test' }],
      }),
    );
    const executed: Candidate[] = [];
    const { events, outcome } = await drain(
      runAgent(
        client,
        {
          question: 'total refund amount by warehouse for shipments',
          model,
          dialect: 'postgres',
          asOf: '2024-06-30',
        },
        { execute: async (candidate) => void executed.push(candidate) },
      ),
    );
    expect(outcome.kind).toBe('answer');
    expect(executed[0]).toMatchObject({ kind: 'spec', spec: { table: 'shipments' } });
    const retrieval = events.find((event) => event.type === 'retrieval');
    expect(retrieval?.type === 'retrieval' && retrieval.tables[0]).toBe('shipments');
    expect(retrieval?.type === 'retrieval' && retrieval.omittedTables).toBeGreaterThanOrEqual(492);
    const request = server.requests[0];
    if (!request) throw new Error('no request');
    const promptTokens = estimateTokens(promptText(request));
    expect(promptTokens).toBeLessThan(4000);
    expect(promptText(request)).toContain('refund_amount');
  });

  it('retrieves by synonyms, descriptions and verified examples', () => {
    const model = deriveSemanticModel({ tables: largeSchema() });
    const view = retrieveSchema(model, 'parcels sent out', [
      {
        question: 'How many parcels went out per warehouse?',
        sql: 'SELECT warehouse, count(*) FROM shipments GROUP BY 1',
      },
    ]);
    expect(view.entities[0]?.name).toBe('shipments');
    expect(view.examples).toHaveLength(1);
    expect(renderSchema(view)).toContain('Verified examples');
  });

  it('talks to a native Ollama server', async () => {
    server.script({ text: JSON.stringify(shipmentSpec), usage: { input: 321, output: 54 } });
    const client = createLlmClient(
      llmConfigSchema.parse({
        models: [{ provider: 'ollama', model: 'llama3.1', baseUrl: server.ollamaUrl }],
      }),
    );
    const model = deriveSemanticModel({ tables: largeSchema().slice(250, 260) });
    const { events, outcome } = await drain(
      runAgent(
        client,
        { question: 'refunds by warehouse', model, dialect: 'duckdb' },
        { execute: async () => 1 },
      ),
    );
    expect(outcome).toMatchObject({ kind: 'answer', model: 'ollama:llama3.1' });
    expect(server.requests[0]?.path).toBe('/api/chat');
    expect(server.requests[0]?.body['model']).toBe('llama3.1');
    expect(events.find((event) => event.type === 'usage')).toMatchObject({
      usage: { inputTokens: 321, outputTokens: 54, costUsd: 0 },
    });
  });

  it('needs an API key for hosted providers and says which variable to set', () => {
    expect(() =>
      createLlmClient(
        llmConfigSchema.parse({ models: [{ provider: 'anthropic', model: 'claude-sonnet-4-0' }] }),
      ),
    ).toThrow(/needs an API key: set ANTHROPIC_API_KEY/);
  });
});
