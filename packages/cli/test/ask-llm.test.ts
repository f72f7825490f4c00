import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeLlmServer, startFakeLlmServer } from '../../../test-support/fake-openai-server';
import { runCli } from '../src/program';

const bin = fileURLToPath(new URL('../bin/askdata.js', import.meta.url));

function askdata(home: string, env: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: { ...process.env, ASKDATA_HOME: home, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
        encoding: 'utf8',
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const spec = (column: string) =>
  JSON.stringify({
    kind: 'spec',
    interpretation: 'Total amount by region',
    spec: {
      table: 'orders',
      measures: [{ id: 'total_amount', aggregation: 'sum', column: { column } }],
      dimensions: [{ id: 'region', column: { column: 'region' } }],
      filters: [],
    },
  });

describe('askdata ask --engine llm (spawned CLI, fake OpenAI endpoint)', () => {
  let home: string;
  let server: FakeLlmServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'askdata-cli-llm-'));
    writeFileSync(
      join(home, 'orders.csv'),
      'order_id,region,amount\n1,Nordics,120.5\n2,Benelux,80\n3,Nordics,19.5\n4,Iberia,44\n',
    );
    server = await startFakeLlmServer();
    env = {
      ASKDATA_LLM: 'openai:gpt-4.1-mini',
      ASKDATA_LLM_BASE_URL: server.baseUrl,
      OPENAI_API_KEY: 'sk-cli-test',
    };
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('answers through the model, shows the repair diagnosis, the model and its token use', async () => {
    server.script({ text: spec('amout') }, { text: spec('amount') }, { text: 'Nordics leads with 140.' });
    const run = await askdata(
      home,
      env,
      'ask',
      'What is the total amount per region?',
      '--engine',
      'llm',
      '--data',
      join(home, 'orders.csv'),
    );
    expect(run.stderr).toMatch(/attempt 1 failed, repairing: .*closest valid name is 'amount'/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Nordics\s+│?\s*140/);
    expect(run.stdout).toContain('Model: openai:gpt-4.1-mini');
    expect(run.stdout).toContain('Nordics leads with 140.');
    expect(server.requests).toHaveLength(3);
  });

  it('follows up with --continue, sending the earlier turn without its rows, and keeps values home with --privacy', async () => {
    const before = server.requests.length;
    server.script({
      text: spec('amount').replace(
        '"filters":[]',
        '"filters":[],"limit":1,"order":[{"by":"total_amount","direction":"desc"}]',
      ),
    });
    const run = await askdata(
      home,
      env,
      'ask',
      'only the largest one',
      '--engine',
      'llm',
      '--continue',
      '--privacy',
      '--json',
    );
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as {
      result: { rows: unknown[][] };
      llm: { narrativePhrasedBy: string };
    };
    expect(answer.result.rows).toEqual([['Nordics', 140]]);
    expect(answer.llm.narrativePhrasedBy).toBe('deterministic');
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.raw).toContain('What is the total amount per region?');
    for (const value of ['Nordics', 'Benelux', 'Iberia', '120.5', '19.5'])
      expect(sent[0]?.raw).not.toContain(value);
  });

  it('refuses --engine llm without a configured model, with the setting to use', async () => {
    // In process: no need to pay for a spawn to see one error line.
    const errors: string[] = [];
    const error = vi
      .spyOn(console, 'error')
      .mockImplementation((text: unknown) => void errors.push(String(text)));
    vi.stubEnv('ASKDATA_LLM', '');
    try {
      const code = await runCli([
        'node',
        'askdata',
        'ask',
        'total amount',
        '--engine',
        'llm',
        '--home',
        home,
      ]);
      expect(code).not.toBe(0);
      expect(errors.join('\n')).toMatch(/No LLM is configured: set ASKDATA_LLM/);
    } finally {
      vi.unstubAllEnvs();
      error.mockRestore();
    }
  });
});
