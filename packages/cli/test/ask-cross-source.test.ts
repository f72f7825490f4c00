import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import { runCli } from './run-cli';

const bin = fileURLToPath(new URL('../bin/askdata.js', import.meta.url));

const available = await probeService('postgres');
const namespace = `askdata_cli_xsource_${process.pid}`;

/** 40 customers in two regions; the uploaded file scores 30 of them (ids 1..30), plus one the database lacks. */
const customers = Array.from({ length: 40 }, (_, index) => ({
  id: index + 1,
  region: index % 3 === 0 ? 'EMEA' : 'APAC',
}));
const scores = [
  ...customers.slice(0, 30).map((customer) => ({ id: customer.id, score: customer.id * 2 })),
  { id: 99, score: 5 },
];

function expectedTotals(): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of scores) {
    const region = customers.find((customer) => customer.id === row.id)?.region ?? 'null';
    totals[region] = (totals[region] ?? 0) + row.score;
  }
  return totals;
}

describe.skipIf(!available)('askdata ask --data file --db postgres:// (cross-source join)', () => {
  let home: string;
  let csv: string;
  let admin: pg.Client;
  const ask = (...args: string[]) =>
    runCli(
      home,
      'ask',
      'total score by region',
      '--data',
      csv,
      '--db',
      serviceAddresses.postgres.url,
      '--schema',
      namespace,
      ...args,
    );

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'askdata-cli-xsource-'));
    csv = join(home, 'ratings.csv');
    writeFileSync(csv, `customer_id,score\n${scores.map((row) => `${row.id},${row.score}`).join('\n')}\n`);
    admin = new pg.Client({ connectionString: serviceAddresses.postgres.url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
    await admin.query(`CREATE SCHEMA ${namespace}`);
    await admin.query(`CREATE TABLE ${namespace}.customers (id integer PRIMARY KEY, region text NOT NULL)`);
    await admin.query(
      `INSERT INTO ${namespace}.customers VALUES ${customers.map((customer) => `(${customer.id}, '${customer.region}')`).join(', ')}`,
    );
    // Row counts come from the statistics: the file (31 rows) is the small side and travels to PostgreSQL.
    await admin.query(`ANALYZE ${namespace}.customers`);
  });

  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
    await admin?.end();
    rmSync(home, { recursive: true, force: true });
  });

  it('without a terminal or --yes, prints the preview and the plan and says how to run in full', async () => {
    const run = await ask();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Preview');
    expect(run.stdout).toContain('Join key: ratings.customer_id = customers.id');
    expect(run.stdout).toMatch(/Moved: \d+ rows of ratings \(customer_id, score\)/);
    expect(run.stdout).toContain(`Ran in PostgreSQL`);
    expect(run.stdout).toMatch(
      /Sources: workspace .*\(ratings; snapshot .*\) \+ PostgreSQL .*\(askdata_cli_xsource_\d+\.customers\)/,
    );
    // 31 file rows fit in the 200-row sample: the preview says it is already complete.
    expect(run.stdout).toContain('all 31 rows of ratings that the join needs fit in the sample');
    expect(run.stdout).toContain('add --yes');
    expect(run.stdout).not.toContain('Full run');
  });

  it('with --yes runs in full and writes the rows as CSV', async () => {
    const out = join(home, 'totals.csv');
    const run = await ask('--yes', '--json', '--export', out);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      preview: { preview: boolean };
      result: { preview: boolean; strategy: string; result: { rows: Array<[string | null, number]> } };
    };
    expect(printed.preview.preview).toBe(true);
    expect(printed.result.preview).toBe(false);
    expect(printed.result.strategy).toBe('send-file-rows-to-database');
    const totals = Object.fromEntries(
      printed.result.result.rows.map(([region, total]) => [String(region), Number(total)]),
    );
    expect(totals).toEqual(expectedTotals());
    const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(Object.keys(expectedTotals()).length + 1);
  });

  /** Runs the CLI on a pseudo-terminal (util-linux `script`) and answers the confirmation once it is asked. */
  function onTerminal(answer: string): Promise<string> {
    const command = [
      process.execPath,
      bin,
      'ask',
      "'total score by region'",
      '--data',
      csv,
      '--db',
      `'${serviceAddresses.postgres.url}'`,
      '--schema',
      namespace,
    ].join(' ');
    return new Promise((resolve) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        env: { ...process.env, ASKDATA_HOME: home, NO_COLOR: '1', FORCE_COLOR: '0' },
      });
      let output = '';
      let answered = false;
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (!answered && output.includes('[y/N]')) {
          answered = true;
          child.stdin.write(`${answer}\r`);
        }
      });
      child.on('close', () => resolve(output));
    });
  }

  it.runIf(existsSync('/usr/bin/script'))(
    'on a terminal, asks before the full run and runs it only on yes',
    async () => {
      const declined = await onTerminal('n');
      expect(declined).toContain('Run the join on all rows? [y/N]');
      expect(declined).not.toContain('Full run');
      const accepted = await onTerminal('y');
      expect(accepted).toContain('Full run');
      const fullPart = accepted.slice(accepted.indexOf('Full run'));
      expect(fullPart).toMatch(/Moved: 31 rows of ratings/);
    },
  );

  it('asks which columns to join on when none match', async () => {
    const other = join(home, 'colours.csv');
    writeFileSync(other, 'colour,votes\nred,3\nblue,5\n');
    const run = await runCli(
      home,
      'ask',
      'total votes by region',
      '--data',
      other,
      '--db',
      serviceAddresses.postgres.url,
      '--schema',
      namespace,
    );
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^Which columns join colours with PostgreSQL/);
  });
});
