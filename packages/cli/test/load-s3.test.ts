import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeS3, startFakeS3 } from '../../connectors/test/support/fake-s3-server';

const bin = fileURLToPath(new URL('../bin/askdata.js', import.meta.url));
const secret = 'cli-secret-value-never-printed';

function askdata(home: string, environment: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: { ...process.env, ASKDATA_HOME: home, NO_COLOR: '1', FORCE_COLOR: '0', ...environment },
        encoding: 'utf8',
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('askdata load s3://', () => {
  let s3: FakeS3;
  let home: string;
  const credentials = { AWS_ACCESS_KEY_ID: 'AKIACLITEST', AWS_SECRET_ACCESS_KEY: secret };

  beforeAll(async () => {
    s3 = await startFakeS3({ requireAccessKey: 'AKIACLITEST' });
    s3.put('shop', 'exports/store_sales.csv', 'store,month,revenue\nLeeds,2026-01,100\nYork,2026-01,80\n');
    home = mkdtempSync(join(tmpdir(), 'askdata-cli-s3-'));
  });
  afterAll(async () => {
    await s3.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('loads an object through the endpoint with the AWS environment credentials', async () => {
    const load = await askdata(
      home,
      credentials,
      'load',
      's3://shop/exports/store_sales.csv',
      '--s3-endpoint',
      s3.endpoint,
    );
    expect(load.stderr).toBe('');
    expect(load.code).toBe(0);
    expect(load.stdout).toContain('store_sales (2 rows)');
    expect(`${load.stdout}${load.stderr}`).not.toContain(secret);
    const sql = await askdata(home, {}, 'sql', 'SELECT SUM(revenue) AS total FROM store_sales', '--json');
    expect(JSON.parse(sql.stdout).rows).toEqual([{ total: 180 }]);
  });

  it('fails in one line, without the secret, when the credentials are refused', async () => {
    const load = await askdata(
      home,
      { ...credentials, AWS_ACCESS_KEY_ID: 'AKIAWRONG' },
      'load',
      's3://shop/exports/store_sales.csv',
      '--s3-endpoint',
      s3.endpoint,
    );
    expect(load.code).not.toBe(0);
    expect(load.stderr.trim()).toBe(
      'askdata: Access to s3://shop/exports/store_sales.csv was refused: check the S3 credentials.',
    );
    expect(load.stderr).not.toContain(secret);
  });
});
