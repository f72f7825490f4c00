/**
 * The LLM agent as an answerer for the evaluation harness (`askdata eval --engine llm`): each benchmark
 * source becomes an AnalysisSource (a SQLite file in place, or a loaded DuckDB table behind the guard),
 * and each question goes through the same `askQuestion` pipeline with the LLM engine.
 */
import { AskdataError, type QueryResult, type TableSchema, type ValidatedSql } from '@askdata/core';
import { validateSql } from '@askdata/guard';
import { createLlmClient, type LlmClient, loadLlmConfig } from '@askdata/llm';
import type { AnalysisSource } from './analysis-source';
import { askQuestion } from './ask-question';
import { type PreparedSource, prepareSource } from './prepare-source';
import { sqliteSource } from './sqlite-source';

/** Structurally the harness's source, request and outcome types (eval does not depend on this package). */
type EvalSource =
  | { kind: 'sqlite'; path: string; dialect: 'sqlite' }
  | {
      kind: 'table';
      path: string;
      table: TableSchema;
      dialect: 'duckdb';
      query: (sql: string) => Promise<QueryResult>;
    };

type EvalOutcome =
  | { kind: 'answer'; sql: string; interpretation: string; confidence: number; chart?: string }
  | { kind: 'abstain'; reason: string }
  | { kind: 'clarify'; options: string[] };

function tableSource(source: Extract<EvalSource, { kind: 'table' }>): AnalysisSource {
  return {
    dialect: 'duckdb',
    label: `table ${source.table.name}`,
    tables: () => [source.table],
    snapshotIds: () => [],
    sampleValues: async () => [],
    distinctCounts: async () => ({}),
    async validate(sql, maxRows) {
      const result = await validateSql(sql, { dialect: 'duckdb', schema: [source.table], maxRows });
      return { sql: result.sql, tables: result.tables };
    },
    run: (sql: ValidatedSql) => source.query(sql),
    // The harness's table source can only run queries, so there is no plan for the dry run to inspect.
    explain: async () => ({ operator: 'plan not available', children: [] }),
    async close() {},
  };
}

export interface LlmAnswererOptions {
  /** The environment to read ASKDATA_LLM and keys from (the caller is the composition root). */
  environment?: Record<string, string | undefined>;
  llm?: LlmClient;
  asOf?: string;
}

export function createLlmAnswerer(options: LlmAnswererOptions = {}) {
  const config = options.llm ? undefined : loadLlmConfig(options.environment ?? {});
  if (!options.llm && !config) {
    throw new AskdataError(
      'llm_not_configured',
      'No LLM is configured: set ASKDATA_LLM (for example openai:gpt-4.1-mini, anthropic:claude-sonnet-4-0 or ollama:llama3.1) and its key.',
    );
  }
  const llm = options.llm ?? createLlmClient(config as NonNullable<typeof config>);
  const prepared = new Map<string, Promise<PreparedSource>>();
  const prepare = (source: EvalSource) => {
    const key = `${source.kind}:${source.path}:${source.kind === 'table' ? source.table.name : ''}`;
    let entry = prepared.get(key);
    if (!entry) {
      entry = prepareSource(source.kind === 'sqlite' ? sqliteSource(source.path) : tableSource(source));
      prepared.set(key, entry);
    }
    return entry;
  };
  return {
    name: 'llm',
    llm,
    async prepare(source: EvalSource): Promise<void> {
      await prepare(source);
    },
    async answer(request: { question: string; source: EvalSource }): Promise<EvalOutcome> {
      const source = await prepare(request.source);
      for await (const event of askQuestion(request.question, source, {
        engine: 'llm',
        llm,
        ...(options.asOf ? { asOf: options.asOf } : {}),
      })) {
        if (event.type === 'answer') {
          return {
            kind: 'answer',
            sql: event.answer.sql,
            interpretation: event.answer.interpretation,
            confidence: event.answer.confidence,
            chart: event.answer.chart.choice.type,
          };
        }
        if (event.type === 'clarification')
          return { kind: 'clarify', options: event.options.map((option) => option.description) };
        if (event.type === 'abstention') return { kind: 'abstain', reason: event.reason };
        if (event.type === 'error') {
          if (event.code === 'llm_budget_exceeded') throw new AskdataError(event.code, event.message);
          return { kind: 'abstain', reason: `${event.code}: ${event.message}` };
        }
      }
      return { kind: 'abstain', reason: 'the pipeline ended without an answer' };
    },
    async close(): Promise<void> {
      for (const entry of prepared.values()) await (await entry).source.close();
      prepared.clear();
    },
  };
}
