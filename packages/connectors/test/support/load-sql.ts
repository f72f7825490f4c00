/**
 * Test-only: the SQL text both test datasets (support/retail-data.ts and contract/retail-tables.ts) are
 * loaded with — identifier quoting, value literals and batched INSERT statements per engine.
 */
import type { Cell } from './retail-data';

export type LoadDialect = 'duckdb' | 'postgres' | 'mysql' | 'sqlite';

export function identifierQuoter(dialect: LoadDialect): (name: string) => string {
  return dialect === 'mysql' ? (name) => `\`${name}\`` : (name) => `"${name}"`;
}

export function sqlLiteral(value: Cell, dialect: LoadDialect): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean')
    return dialect === 'sqlite' ? (value ? '1' : '0') : value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/** `INSERT INTO target VALUES …` statements of at most `batchRows` rows each. */
export function insertStatements(
  target: string,
  rows: readonly Cell[][],
  dialect: LoadDialect,
  batchRows: number,
): string[] {
  const statements: string[] = [];
  for (let index = 0; index < rows.length; index += batchRows) {
    const values = rows
      .slice(index, index + batchRows)
      .map((row) => `(${row.map((cell) => sqlLiteral(cell, dialect)).join(', ')})`);
    statements.push(`INSERT INTO ${target} VALUES ${values.join(', ')}`);
  }
  return statements;
}
