/**
 * Test-only: copies Spider SQLite databases (read from ../shared/bench/spider, never copied into the repo)
 * into a PostgreSQL schema or a MariaDB database, with primary keys and, where the data allows, foreign
 * keys. Types follow the SQLite connector's logical types; columns whose values do not fit become text.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CellValue, LogicalType, TableSchema, ValidatedSql } from '@askdata/core';
import { SqliteConnector } from '../../src/index';

export const spiderFolder = resolve(import.meta.dirname, '../../../../../shared/bench/spider');
export const spiderDatabases = ['concert_singer', 'pets_1', 'poker_player', 'employee_hire_evaluation'];

export function spiderFile(name: string): string {
  return resolve(spiderFolder, 'db', `${name}.sqlite`);
}

export function spiderAvailable(): boolean {
  return spiderDatabases.every((name) => existsSync(spiderFile(name)));
}

type Target = 'postgres' | 'mysql';
type Kind = 'integer' | 'decimal' | 'float' | 'text';

const targetTypes = {
  postgres: { integer: 'BIGINT', decimal: 'NUMERIC', float: 'DOUBLE PRECISION', text: 'TEXT', key: 'TEXT' },
  mysql: { integer: 'BIGINT', decimal: 'DECIMAL(20,6)', float: 'DOUBLE', text: 'TEXT', key: 'VARCHAR(191)' },
} satisfies Record<Target, Record<'integer' | 'decimal' | 'float' | 'text' | 'key', string>>;

function fits(type: LogicalType, values: CellValue[]): boolean {
  if (type === 'integer') return values.every((value) => value === null || Number.isInteger(value));
  return values.every((value) => value === null || typeof value === 'number');
}

function literal(value: CellValue, target: Target): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  // MySQL reads backslashes in strings as escapes; PostgreSQL (standard strings) does not.
  const text = target === 'mysql' ? value.replaceAll('\\', '\\\\') : value;
  return `'${text.replaceAll("'", "''")}'`;
}

export interface CopiedDatabase {
  statements: string[];
  /** Foreign keys as separate statements: the caller runs them and skips the ones the data breaks. */
  foreignKeys: string[];
  tables: TableSchema[];
}

/** Reads a Spider file through the SQLite connector and writes the statements that recreate it. */
export async function copySpiderDatabase(
  name: string,
  target: Target,
  namespace: string,
): Promise<CopiedDatabase> {
  const connector = new SqliteConnector(spiderFile(name));
  const quote =
    target === 'mysql' ? (id: string) => `\`${id}\`` : (id: string) => `"${id.replaceAll('"', '""')}"`;
  const qualified = (table: string) => `${quote(namespace)}.${quote(table)}`;
  try {
    const { tables } = await connector.introspect();
    const statements: string[] = [];
    const foreignKeys: string[] = [];
    const data = new Map<string, CellValue[][]>();
    const kinds = new Map<string, Kind>();
    const kindKey = (table: string, column: string) => `${table}.${column}`;
    for (const table of tables) {
      const result = await connector.execute(`SELECT * FROM "${table.name}"` as ValidatedSql, {
        maxRows: 1_000_000,
        timeoutMs: 30_000,
      });
      data.set(table.name, result.rows);
      table.columns.forEach((column, index) => {
        const values = result.rows.map((row) => row[index] ?? null);
        const logical = column.logicalType;
        const numeric = logical === 'integer' || logical === 'decimal' || logical === 'float';
        kinds.set(
          kindKey(table.name, column.name),
          numeric && fits(logical, values) ? (logical as Kind) : 'text',
        );
      });
    }
    // A key declared as text that references an integer key (or the reverse) is made an integer on both
    // sides when every value is a whole number, so the server accepts the foreign key.
    const wholeNumbers = (table: string, column: string) => {
      const schema = tables.find((candidate) => candidate.name === table);
      const index = schema?.columns.findIndex((candidate) => candidate.name === column) ?? -1;
      return (data.get(table) ?? []).every((row) => {
        const value = row[index] ?? null;
        return (
          value === null || Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value))
        );
      });
    };
    for (const table of tables) {
      for (const key of table.foreignKeys ?? []) {
        key.columns.forEach((column, position) => {
          const referenced = key.referencedColumns[position] as string;
          const from = kindKey(table.name, column);
          const to = kindKey(key.referencedTable, referenced);
          if (kinds.get(from) === kinds.get(to)) return;
          if (wholeNumbers(table.name, column) && wholeNumbers(key.referencedTable, referenced)) {
            kinds.set(from, 'integer');
            kinds.set(to, 'integer');
          } else {
            kinds.set(from, 'text');
            kinds.set(to, 'text');
          }
        });
      }
    }
    for (const table of tables) {
      const rows = data.get(table.name) ?? [];
      const keyColumns = new Set([
        ...(table.primaryKey ?? []),
        ...(table.foreignKeys ?? []).flatMap((key) => key.columns),
        ...tables.flatMap((other) =>
          (other.foreignKeys ?? [])
            .filter((key) => key.referencedTable === table.name)
            .flatMap((key) => key.referencedColumns),
        ),
      ]);
      const definitions = table.columns.map((column) => {
        const kind = kinds.get(kindKey(table.name, column.name)) ?? 'text';
        const type = kind === 'text' && keyColumns.has(column.name) ? 'key' : kind;
        return `${quote(column.name)} ${targetTypes[target][type]}`;
      });
      if (table.primaryKey) definitions.push(`PRIMARY KEY (${table.primaryKey.map(quote).join(', ')})`);
      statements.push(`CREATE TABLE ${qualified(table.name)} (${definitions.join(', ')})`);
      const seen = new Set<string>();
      const unique = rows.filter((row) => {
        // Spider files hold a few rows that repeat a primary key; a server refuses them.
        if (!table.primaryKey) return true;
        const key = JSON.stringify(
          table.primaryKey.map(
            (column) => row[table.columns.findIndex((candidate) => candidate.name === column)],
          ),
        );
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      for (let index = 0; index < unique.length; index += 500) {
        const values = unique
          .slice(index, index + 500)
          .map((row) => `(${row.map((cell) => literal(cell, target)).join(', ')})`)
          .join(', ');
        statements.push(`INSERT INTO ${qualified(table.name)} VALUES ${values}`);
      }
      for (const key of table.foreignKeys ?? []) {
        foreignKeys.push(
          `ALTER TABLE ${qualified(table.name)} ADD FOREIGN KEY (${key.columns.map(quote).join(', ')}) REFERENCES ${qualified(key.referencedTable)} (${key.referencedColumns.map(quote).join(', ')})${target === 'postgres' ? ' NOT VALID' : ''}`,
        );
      }
    }
    return { statements, foreignKeys, tables };
  } finally {
    await connector.close();
  }
}
