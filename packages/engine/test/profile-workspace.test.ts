import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, profileWorkspaceTable, type Workspace } from '../src/index';

describe('profileWorkspaceTable', () => {
  let root: string;
  let workspace: Workspace;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'askdata-profile-'));
    const rows = ['id,amount,code,sold_on'];
    // "code" is mostly numbers with a few words: ingestion keeps it as text and records a note.
    for (let i = 1; i <= 40; i++)
      rows.push(
        `${i},"$${(i * 1234.5).toLocaleString('en-US')}",${i % 9 === 0 ? 'pending' : i * 3},2024-0${1 + (i % 9)}-15`,
      );
    writeFileSync(path.join(root, 'sales.csv'), `${rows.join('\n')}\n`);
    workspace = await openWorkspace({ home: path.join(root, 'home') });
    await workspace.load(path.join(root, 'sales.csv'));
  });

  afterAll(() => {
    workspace?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('profiles a loaded table with its unit hints and ingestion notes', async () => {
    const profile = await profileWorkspaceTable(workspace, 'sales');
    expect(profile.rowCount).toBe(40);
    const amount = profile.columns.find((column) => column.name === 'amount');
    expect(amount).toMatchObject({ logicalType: 'decimal', semanticType: 'currency', min: 1234.5 });
    const code = profile.columns.find((column) => column.name === 'code');
    expect(code?.logicalType).toBe('text');
    expect(code?.notes.join(' ')).toMatch(/mixed/i);
    expect(profile.dateRange).toEqual({ column: 'sold_on', min: '2024-01-15', max: '2024-09-15' });
    expect(profile.suggestedQuestions[0]).toBe('What is the total amount by code?');
  });

  it('names the loaded tables when the table is unknown', async () => {
    await expect(profileWorkspaceTable(workspace, 'nope')).rejects.toMatchObject({
      code: 'table_not_found',
      message: 'Table "nope" does not exist.',
      hint: 'loaded tables: sales',
    });
  });
});
