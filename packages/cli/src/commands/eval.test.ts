import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeLlmServer } from '../../../../test-support/fake-openai-server';
import { runCli } from '../program';

let folder: string;
let file: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'askdata-cli-eval-'));
  const database = new Database(join(folder, 'shop.sqlite'));
  database.exec(
    `CREATE TABLE product (name TEXT, price REAL); INSERT INTO product VALUES ('pen', 1.5), ('ink', 4);`,
  );
  database.close();
  file = join(folder, 'set.jsonl');
  const records = [
    {
      id: 'a',
      db: 'shop.sqlite',
      question: 'How many products are there?',
      gold_sql: 'SELECT count(*) FROM product',
    },
    { id: 'b', db: 'gone.sqlite', question: 'How many?', gold_sql: 'SELECT 1' },
  ];
  writeFileSync(file, `${records.map((record) => JSON.stringify(record)).join('\n')}\nnot json\n`);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function run(...args: string[]) {
  const output: string[] = [];
  const errors: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: unknown) => void output.push(String(text)));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((text: unknown) => void errors.push(String(text)));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await runCli(['node', 'askdata', 'eval', ...args]);
    return { code, output: output.join('\n'), errors: errors.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

describe('askdata eval', () => {
  it('prints the summary and writes the JSON report, keeping going past bad records', async () => {
    const out = join(folder, 'report.json');
    const { code, output } = await run(file, '--out', out);
    expect(code).toBe(0);
    expect(output).toContain('execution (SQL)');
    expect(output).toContain('1 line(s) skipped: line 3 (invalid JSON)');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.overall.records).toBe(2);
    expect(report.overall.errors).toBe(1);
    expect(report.failures.find((failure: { id: string }) => failure.id === 'b').reason).toMatch(
      /does not exist/,
    );
  });

  it('explains an engine that is not configured and bad options in one line', async () => {
    vi.stubEnv('ASKDATA_LLM', '');
    const llm = await run(file, '--engine', 'llm');
    vi.unstubAllEnvs();
    expect(llm.code).toBe(1);
    expect(llm.errors).toMatch(
      /^askdata: No LLM is configured: set ASKDATA_LLM \(for example openai:gpt-4.1-mini/,
    );
    const unknown = await run(file, '--engine', 'magic');
    expect(unknown.errors).toBe('askdata: Unknown engine "magic": choose one of offline, llm.');
    const limit = await run(file, '--limit', 'ten');
    expect(limit.errors).toBe('askdata: --limit needs a whole number, got "ten".');
  });

  it('scores the LLM engine against a configured provider (a fake OpenAI endpoint)', async () => {
    const server = await startFakeLlmServer([
      {
        text: JSON.stringify({
          kind: 'spec',
          interpretation: 'Number of products',
          spec: {
            table: 'product',
            measures: [{ id: 'products', aggregation: 'count' }],
            dimensions: [],
            filters: [],
          },
        }),
      },
      { text: 'There are 2 products.' },
    ]);
    vi.stubEnv('ASKDATA_LLM', 'openai:gpt-4.1-mini');
    vi.stubEnv('ASKDATA_LLM_BASE_URL', server.baseUrl);
    vi.stubEnv('OPENAI_API_KEY', 'sk-eval-test');
    try {
      const out = join(folder, 'llm-report.json');
      const { code } = await run(file, '--engine', 'llm', '--out', out);
      expect(code).toBe(0);
      const report = JSON.parse(readFileSync(out, 'utf8'));
      expect(report.engine).toBe('llm');
      expect(report.overall.records).toBe(2);
      expect(report.overall.correct).toBe(1);
      expect(report.failures.map((failure: { id: string }) => failure.id)).toEqual(['b']);
      expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-eval-test');
    } finally {
      vi.unstubAllEnvs();
      await server.close();
    }
  });
});
