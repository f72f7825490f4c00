import { AskdataError, type TableSchema } from '@askdata/core';
import { isSystemTable } from './function-allowlist';
import { sqlSpan } from './sql-span';
import type { ColumnAccess, ValidateOptions } from './types';

/** The table and column permissions of one validation, with case-insensitive lookups. */
export class AccessPolicy {
  private readonly tablesByName = new Map<string, TableSchema>();
  readonly tablesRead = new Set<string>();
  readonly columnsRead = new Set<string>();
  readonly masked = new Set<string>();

  constructor(
    private readonly options: ValidateOptions,
    private readonly sql: string,
  ) {
    for (const table of options.schema ?? []) {
      this.tablesByName.set(table.name.toLowerCase(), table);
      if (table.namespace) this.tablesByName.set(`${table.namespace}.${table.name}`.toLowerCase(), table);
    }
  }

  get hasColumnPolicy(): boolean {
    return this.options.columnPolicy !== undefined;
  }

  findTable(name: string, namespace?: string): TableSchema | undefined {
    const key = (namespace ? `${namespace}.${name}` : name).toLowerCase();
    return this.tablesByName.get(key) ?? (namespace ? undefined : this.tablesByName.get(name.toLowerCase()));
  }

  /** Throws `sql_forbidden_table` unless this user may read the table. */
  checkTable(
    name: string,
    namespace: string | undefined,
    offset: number | undefined,
  ): TableSchema | undefined {
    const shown = namespace ? `${namespace}.${name}` : name;
    const refuse = (why: string): never => {
      throw new AskdataError('sql_forbidden_table', `Table \`${shown}\` ${why}${sqlSpan(this.sql, offset)}`, {
        details: { table: shown },
      });
    };
    if (isSystemTable(name, namespace)) refuse('is a system catalog and cannot be queried');
    const allowed = this.options.allowedTables;
    const schemaTable = this.findTable(name, namespace);
    if (allowed instanceof Set || (allowed !== undefined && typeof allowed !== 'function')) {
      const set = allowed as ReadonlySet<string>;
      const ok = [...set].some(
        (entry) => entry.toLowerCase() === shown.toLowerCase() || entry.toLowerCase() === name.toLowerCase(),
      );
      if (!ok) refuse('is not available to you');
    } else if (typeof allowed === 'function') {
      if (!allowed(schemaTable?.name ?? name, namespace)) refuse('is not available to you');
    } else if (this.options.schema && !schemaTable) {
      refuse('does not exist in this data source');
    }
    this.tablesRead.add(shown.toLowerCase());
    return schemaTable;
  }

  access(table: string, column: string): ColumnAccess {
    return this.options.columnPolicy ? this.options.columnPolicy(table, column) : 'allow';
  }

  /** Records a column read and returns how it may be shown; throws `sql_forbidden_column` when denied. */
  checkColumn(table: string, column: string, offset: number | undefined): ColumnAccess {
    const decision = this.access(table, column);
    if (decision === 'deny') {
      throw new AskdataError(
        'sql_forbidden_column',
        `Column \`${column}\` of \`${table}\` is not available to you${sqlSpan(this.sql, offset)}`,
        { details: { table, column } },
      );
    }
    this.columnsRead.add(`${table}.${column}`);
    if (decision === 'mask') this.masked.add(`${table}.${column}`);
    return decision;
  }

  /** `SELECT *` over a table with restricted columns is refused: listing columns makes the choice visible. */
  checkStar(table: TableSchema | undefined, tableName: string, offset: number | undefined): void {
    if (!this.options.columnPolicy) return;
    if (!table) {
      throw new AskdataError(
        'sql_forbidden_column',
        `\`*\` over \`${tableName}\` cannot be checked against column permissions without its schema: list the columns you need${sqlSpan(this.sql, offset)}`,
      );
    }
    for (const column of table.columns) {
      const decision = this.access(table.name, column.name);
      if (decision === 'allow') continue;
      const why = decision === 'deny' ? 'which is not available to you' : 'which can only be shown masked';
      throw new AskdataError(
        'sql_forbidden_column',
        `\`*\` would include column \`${column.name}\` of \`${table.name}\`, ${why}: list the columns you need${sqlSpan(this.sql, offset)}`,
        { details: { table: table.name, column: column.name } },
      );
    }
    for (const column of table.columns) this.columnsRead.add(`${table.name}.${column.name}`);
  }
}
