/**
 * A workspace's value samples say when they hold a whole column, so the readers that need every value of
 * a column (rows with an empty cell, ties between values) work on a loaded file as they do in evaluation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '@askdata/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion, type PreparedSource, prepareSource, workspaceSource } from '../src/index';

describe('complete value samples of a workspace', () => {
  const home = mkdtempSync(join(tmpdir(), 'askdata-samples-'));
  let prepared: PreparedSource;

  beforeAll(async () => {
    const file = join(home, 'singles.csv');
    writeFileSync(
      file,
      'Year,Title,B-side,Label\n1998,Northern Lights,Glass House,Harbor\n1999,Paper Moon,,Harbor\n' +
        '2001,Silver Rain,Old Roads,Meridian\n2003,Kite Strings,,Meridian\n2004,Open Water,Harbor Song,Meridian\n',
    );
    const workspace = await openWorkspace({ home });
    await workspace.load(file);
    prepared = await prepareSource(workspaceSource(workspace));
  });
  afterAll(async () => {
    await prepared.source.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('marks a column sampled whole, and not one cut at the limit', async () => {
    const samples = await prepared.source.sampleValues(3);
    const label = samples.find((sample) => sample.column === 'label');
    const title = samples.find((sample) => sample.column === 'title');
    expect(label).toMatchObject({ complete: true });
    expect(label?.values.sort()).toEqual(['Harbor', 'Meridian']);
    expect(title).toMatchObject({ complete: false });
    expect(prepared.values.allValues('singles', 'b_side')?.sort()).toEqual([
      'Glass House',
      'Harbor Song',
      'Old Roads',
    ]);
  });

  it('answers a question about empty cells, which needs every value of the column', async () => {
    let rows: unknown[][] | undefined;
    for await (const event of askQuestion('which title has no b-sides?', prepared)) {
      if (event.type === 'answer') rows = event.answer.result.rows;
    }
    expect(rows?.map((row) => row[0])).toEqual(['Paper Moon', 'Kite Strings']);
  });
});
