/**
 * Test-only: loads the retail tables (keys and comments from retail-tables.ts) into a DuckDB schema through CSV
 * and COPY, which takes a second where the equivalent INSERT statements take about fifteen.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RetailCell, retailStatements, retailTables } from '../contract/retail-tables';

function csvCell(value: RetailCell): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return `"${value.replaceAll('"', '""')}"`;
}

export async function loadRetailIntoDuckdb(
  run: (sql: string) => Promise<void>,
  schema: string,
): Promise<void> {
  await run(`CREATE SCHEMA "${schema}"`);
  for (const statement of retailStatements('postgres', schema)) {
    if (!statement.startsWith('INSERT')) await run(statement);
  }
  const folder = mkdtempSync(join(tmpdir(), 'askdata-retail-duckdb-'));
  try {
    for (const table of retailTables()) {
      const file = join(folder, `${table.name}.csv`);
      writeFileSync(file, `${table.rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`);
      await run(
        `COPY "${schema}"."${table.name}" FROM '${file}' (HEADER false, NULLSTR '\\N', QUOTE '"', ESCAPE '"')`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
