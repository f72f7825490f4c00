/**
 * A workspace's value samples say when they hold a whole column, so the readers that need every value of
 * a column (rows with an empty cell, ties between values) work on a loaded file as they do in evaluation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion, type PreparedSource } from '../src/index';
import { type CsvWorkspace, openCsvWorkspace } from './support/csv-workspace';

describe('complete value samples of a workspace', () => {
  let singles: CsvWorkspace;
  let prepared: PreparedSource;

  beforeAll(async () => {
    singles = await openCsvWorkspace(
      'singles.csv',
      'Year,Title,B-side,Label\n1998,Northern Lights,Glass House,Harbor\n1999,Paper Moon,,Harbor\n' +
        '2001,Silver Rain,Old Roads,Meridian\n2003,Kite Strings,,Meridian\n2004,Open Water,Harbor Song,Meridian\n',
    );
    prepared = singles.prepared;
  });
  afterAll(() => singles?.close());

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
