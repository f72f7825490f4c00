import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AskdataError } from '@askdata/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openConnector } from './open-connector';

const folder = mkdtempSync(join(tmpdir(), 'askdata-open-connector-'));
const spiderDb = resolve(import.meta.dirname, '../../../../shared/bench/spider/db/concert_singer.sqlite');

async function failure(target: string): Promise<AskdataError> {
  try {
    await openConnector(target);
  } catch (error) {
    if (AskdataError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected ${target} to be refused`);
}

describe('openConnector (what --db accepts)', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('picks the connector from the URL scheme, and labels it without the password', async () => {
    for (const [url, kind, dialect] of [
      ['postgres://me:secret@db.example.com:5433/shop', 'postgres', 'postgres'],
      ['postgresql://me:secret@db.example.com/shop', 'postgres', 'postgres'],
      ['mysql://me:secret@db.example.com:3307/shop', 'mysql', 'mysql'],
      ['mariadb://me:secret@db.example.com/shop?ssl=true', 'mysql', 'mysql'],
    ] as const) {
      const connector = await openConnector(url);
      expect(connector.kind).toBe(kind);
      expect(connector.dialect).toBe(dialect);
      expect(connector.label).toContain('db.example.com');
      expect(connector.label).not.toContain('secret');
      await connector.close();
    }
  });

  it('opens a SQLite file by its header and a workspace folder by its catalog', async () => {
    const sqlite = await openConnector(spiderDb);
    expect(sqlite.kind).toBe('sqlite');
    await sqlite.close();
    const workspace = join(folder, 'workspace');
    rmSync(workspace, { recursive: true, force: true });
    mkdirSync(workspace);
    expect((await failure(workspace)).code).toBe('database_not_found');
    writeFileSync(join(workspace, 'catalog.json'), '{"version":1,"datasets":[]}');
    const duckdb = await openConnector(workspace);
    expect(duckdb.kind).toBe('duckdb');
    await duckdb.close();
  });

  it('refuses what it cannot open, in one sentence', async () => {
    expect((await failure('snowflake-but-typo://account')).code).toBe('invalid_input');
    expect((await failure(join(folder, 'missing.sqlite'))).code).toBe('database_not_found');
    const text = join(folder, 'notes.txt');
    writeFileSync(text, 'not a database');
    const refused = await failure(text);
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toContain('neither a database URL nor a SQLite file');
  });
});
