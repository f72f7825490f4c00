import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempWorkspace, tempWorkspace } from './support/temp-workspace';

/** Real published tables with the quirks of the wild: footnotes, thousands separators, dashes, newlines in headers. */
const tablesDirectory = resolve(import.meta.dirname, '../../../../shared/bench/wtq/tables');

let ws: TempWorkspace;
beforeAll(async () => {
  ws = await tempWorkspace();
});
afterAll(() => ws.dispose());

async function columnsOf(file: string): Promise<string[]> {
  const result = await ws.workspace.load(`${tablesDirectory}/${file}`, { name: `wtq ${file}` });
  return result.dataset.tables[0]!.columns.map(
    (column) => `${column.name}:${column.sourceType}${column.unit ? `/${column.unit}` : ''}`,
  );
}

describe('WikiTableQuestions tables', () => {
  it('loads 25 tables without a crash, each queryable', async () => {
    const files = readdirSync(tablesDirectory)
      .filter((file) => file.endsWith('.csv'))
      .sort()
      .slice(0, 25);
    expect(files).toHaveLength(25);
    for (const file of files) {
      const result = await ws.workspace.load(`${tablesDirectory}/${file}`, { name: `wtq ${file}` });
      const table = result.dataset.tables[0]!;
      expect(table.columns.length).toBeGreaterThan(0);
      const counted = await ws.rows(`SELECT count(*) FROM "${table.name}"`);
      expect(counted).toEqual([[table.rowCount]]);
    }
  });

  it('pins the column types of a handful of tables', async () => {
    // "1,115" thousands separators become integers.
    expect(await columnsOf('200-10.csv')).toEqual([
      'year:BIGINT',
      'deaths:BIGINT',
      'num_of_accidents:BIGINT',
    ]);
    // Newlines in quoted headers; "–" for no chart entry becomes NULL.
    expect(await columnsOf('200-0.csv')).toEqual([
      'year:BIGINT',
      'title:VARCHAR',
      'chart_positions_uk:BIGINT',
      'chart_positions_us:BIGINT',
      'chart_positions_nl:BIGINT',
      'comments:VARCHAR',
    ]);
    // "30 January 2008" dates; the end column has "Incumbent" and stays text.
    expect(await columnsOf('200-44.csv')).toEqual(['name:VARCHAR', 'term_start:DATE', 'term_end:VARCHAR']);
    // "June 12, 2012" dates.
    expect(await columnsOf('202-192.csv')).toEqual([
      'region:VARCHAR',
      'date:DATE',
      'label:VARCHAR',
      'format:VARCHAR',
    ]);
    // Binary codes with leading zeros are not numbers.
    expect(await columnsOf('200-41.csv')).toEqual([
      'number:VARCHAR',
      'encoding:VARCHAR',
      'implied_probability:VARCHAR',
    ]);
    // Shares in % interleaved with counts: kept as text rather than mixing units.
    expect(await columnsOf('200-33.csv')).toEqual([
      'district:VARCHAR',
      'area_size_km2:VARCHAR',
      'population:VARCHAR',
      'density_per_km2:BIGINT',
    ]);
    expect(ws.workspace.table('wtq_200_33_csv')?.columnNotes['population']).toEqual([
      'mixed: 50% percentages',
    ]);
    // DuckDB's sniffer fixes "07/12/2013" as m/d/Y and then fails on "27/10/2013"; the all-text read
    // loads it, and since the column mixes m/d/Y ("02/19/2011") and d/m/Y, it stays text with a note.
    expect(await columnsOf('204-276.csv')).toEqual([
      'record:VARCHAR',
      'date:VARCHAR',
      'result:VARCHAR',
      'opponent:VARCHAR',
      'location:VARCHAR',
      'method:VARCHAR',
      'round:BIGINT',
    ]);
    expect(ws.workspace.table('wtq_204_276_csv')?.columnNotes['date']).toEqual(['mixed: 92% dates']);
    // "5'10" heights made the sniffer choose BIGINT; read as text they stay text.
    expect((await columnsOf('204-602.csv')).slice(0, 4)).toEqual([
      'name:VARCHAR',
      'position:VARCHAR',
      'height:VARCHAR',
      'weight:BIGINT',
    ]);
  });
});
