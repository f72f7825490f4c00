import { AskdataError } from '../errors';
import { addDays, format, parseDate, resolveRelativeDate } from '../query-spec/resolve-relative-date';
import { isRowPosition, ROW_POSITION } from '../query-spec/row-position';
import type { ColumnRef, Filter, RowAnchor, SameAs, ScalarValue } from '../query-spec/types';
import type { SemanticColumn } from '../semantic/types';
import type { Dialect } from './dialect';
import type { RowExpression } from './expression';
import type { ModelIndex } from './model-index';

export interface ResolvedColumn {
  table: string;
  column: SemanticColumn;
}

/** Renders names, literals, row expressions and filters for one dialect and model. */
export class SqlContext {
  /** Plain-language notes about how the question was interpreted, for caveats and the narrative. */
  readonly notes: string[] = [];

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  constructor(
    readonly dialect: Dialect,
    readonly index: ModelIndex,
    readonly asOf: string | undefined,
  ) {}

  quote(name: string): string {
    return this.dialect.quoteIdentifier(name);
  }

  /** Tables whose row position a column reference asked for (resolved before FROM is written). */
  private readonly positioned = new Set<string>();

  tableSource(table: string): string {
    const entity = this.index.entity(table);
    const name = this.quote(entity.name);
    const qualified = entity.namespace === undefined ? name : `${this.quote(entity.namespace)}.${name}`;
    if (this.positioned.has(entity.name) && this.dialect.rowPosition?.kind === 'window') {
      return `(SELECT *, row_number() OVER () AS ${this.quote(ROW_POSITION)} FROM ${qualified}) AS ${name}`;
    }
    return entity.namespace === undefined ? name : `${qualified} AS ${name}`;
  }

  resolve(ref: ColumnRef, defaultTable: string): ResolvedColumn {
    const entity = this.index.entity(ref.table ?? defaultTable);
    if (isRowPosition(ref.column)) return { table: entity.name, column: this.rowPositionColumn(entity.name) };
    return { table: entity.name, column: this.index.column(entity.name, ref.column) };
  }

  private rowPositionColumn(table: string): SemanticColumn {
    if (this.dialect.rowPosition === undefined) {
      throw new AskdataError(
        'unsupported_dialect',
        `${this.dialect.name} tables keep no row order, so "first", "last", "next" or "previous" row cannot be answered.`,
        { hint: 'Name a column to order by instead, e.g. a date or an id.' },
      );
    }
    this.positioned.add(table);
    return {
      name: ROW_POSITION,
      label: 'row position',
      logicalType: 'integer',
      role: 'dimension',
      synonyms: [],
    };
  }

  columnSql(resolved: ResolvedColumn): string {
    const position = this.dialect.rowPosition;
    if (resolved.column.name === ROW_POSITION && position?.kind === 'column') {
      return `${this.quote(resolved.table)}.${position.column}`;
    }
    return `${this.quote(resolved.table)}.${this.quote(resolved.column.name)}`;
  }

  /** Row expression → SQL; `tables` collects the tables it reads. */
  expressionSql(expression: RowExpression, defaultTable: string, tables: Set<string>): string {
    switch (expression.kind) {
      case 'column': {
        const resolved = this.resolve({ table: expression.table, column: expression.column }, defaultTable);
        tables.add(resolved.table);
        return this.columnSql(resolved);
      }
      case 'number':
        return expression.value;
      case 'negate':
        return `(-${this.expressionSql(expression.operand, defaultTable, tables)})`;
      case 'binary': {
        const left = this.expressionSql(expression.left, defaultTable, tables);
        const right = this.expressionSql(expression.right, defaultTable, tables);
        // Integer division truncates in PostgreSQL and SQLite; a zero divisor gives NULL, not an error.
        if (expression.operator === '/') return `(${this.dialect.toFloat(left)} / NULLIF(${right}, 0))`;
        return `(${left} ${expression.operator} ${right})`;
      }
    }
  }

  literal(value: ScalarValue, column: SemanticColumn): string {
    if (typeof value === 'boolean') return this.dialect.booleanLiteral(value);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new AskdataError('spec_invalid', `${value} is not a usable number.`);
      return String(value);
    }
    if (column.logicalType === 'date' || column.logicalType === 'timestamp') {
      if (!/^\d{4}-\d{2}-\d{2}/.test(value)) {
        throw new AskdataError(
          'spec_invalid',
          `'${value}' is not a date for column ${column.name} (use YYYY-MM-DD).`,
        );
      }
      return this.dialect.dateLiteral(value);
    }
    if (
      ['integer', 'decimal', 'float'].includes(column.logicalType) &&
      /^-?\d+(\.\d+)?$/.test(value.trim())
    ) {
      return value.trim();
    }
    if (column.logicalType === 'boolean' && (value === 'true' || value === 'false')) {
      return this.dialect.booleanLiteral(value === 'true');
    }
    return this.dialect.stringLiteral(value);
  }

  /**
   * "The row after X": position = the first matching row's position + offset, or the nearest row on that
   * side passing `nearest`; with `time`, a source listed newest first swaps the side (base table only).
   */
  rowAnchorSql(anchor: RowAnchor, table: string): string {
    const position = this.columnSql(this.resolve({ column: ROW_POSITION }, table));
    const source = this.tableSource(table);
    const read = new Set<string>();
    const where = (filters: Filter[]) =>
      filters.map((filter) => this.filterSql(filter, table, read)).join(' AND ');
    const conditions = where(anchor.filters);
    const skip =
      anchor.nearest !== undefined && anchor.nearest.length > 0 ? where(anchor.nearest) : undefined;
    let reversed: string | undefined;
    if (anchor.time !== undefined) {
      const resolved = this.resolve(anchor.time, table);
      read.add(resolved.table);
      const time = this.columnSql(resolved);
      const end = (direction: string) =>
        `(SELECT ${time} FROM ${source} WHERE ${time} IS NOT NULL ORDER BY ${position} ${direction} LIMIT 1)`;
      // Newest first: no row's time is later than the one listed before it, and the ends differ.
      const rises = `(SELECT COUNT(*) FROM (SELECT ${time} > LAG(${time}) OVER (ORDER BY ${position}) AS up FROM ${source} WHERE ${time} IS NOT NULL) AS steps WHERE up)`;
      reversed = `${rises} = 0 AND ${end('ASC')} > ${end('DESC')}`;
    }
    if ([...read].some((name) => name !== this.index.entity(table).name)) {
      throw new AskdataError('spec_invalid', 'A row anchor can only use columns of the base table.');
    }
    const start = `(SELECT MIN(${position}) FROM ${source} WHERE ${conditions})`;
    if (skip === undefined || anchor.offset === 0) {
      const { offset } = anchor;
      const shift = offset < 0 ? ` - ${-offset}` : offset > 0 ? ` + ${offset}` : '';
      if (reversed === undefined || offset === 0) return `${position} = ${start}${shift}`;
      return `${position} = ${start} + (CASE WHEN ${reversed} THEN ${-offset} ELSE ${offset} END)`;
    }
    const nearestOn = (after: boolean) =>
      `(SELECT ${after ? 'MIN' : 'MAX'}(${position}) FROM ${source} WHERE ${position} ${after ? '>' : '<'} ${start} AND ${skip})`;
    const forward = anchor.offset > 0;
    if (reversed === undefined) return `${position} = ${nearestOn(forward)}`;
    return `${position} = (CASE WHEN ${reversed} THEN ${nearestOn(!forward)} ELSE ${nearestOn(forward)} END)`;
  }

  /** "The same position as X": the column's value is one the rows matching the filters hold (base table only). */
  sameAsSql(sameAs: SameAs, table: string): string {
    const target = this.resolve(sameAs.column, table);
    const read = new Set<string>([target.table]);
    const conditions = sameAs.filters.map((filter) => this.filterSql(filter, table, read));
    if ([...read].some((name) => name !== this.index.entity(table).name)) {
      throw new AskdataError('spec_invalid', '"The same … as" can only use columns of the base table.');
    }
    const column = this.columnSql(target);
    return `${column} IN (SELECT ${column} FROM ${this.tableSource(table)} WHERE ${conditions.join(' AND ')})`;
  }

  /** A WHERE condition; `tables` collects the tables it reads. */
  filterSql(filter: Filter, defaultTable: string, tables: Set<string>): string {
    const resolved = this.resolve(filter.column, defaultTable);
    tables.add(resolved.table);
    const column = this.columnSql(resolved);
    const type = resolved.column.logicalType;
    const isTime = type === 'date' || type === 'timestamp';
    const literal = (value: ScalarValue) => this.literal(value, resolved.column);
    const range = (from: string | undefined, toExclusive: string | undefined) => {
      const parts: string[] = [];
      if (from !== undefined) parts.push(`${column} >= ${this.dialect.dateLiteral(from)}`);
      if (toExclusive !== undefined) parts.push(`${column} < ${this.dialect.dateLiteral(toExclusive)}`);
      if (parts.length === 0)
        throw new AskdataError('spec_invalid', 'A date range needs a from or a to date.');
      return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' AND ')})`;
    };
    if (
      (filter.op === 'eq' ||
        filter.op === 'neq' ||
        filter.op === 'gt' ||
        filter.op === 'gte' ||
        filter.op === 'lt' ||
        filter.op === 'lte') &&
      filter.keepEmpty
    ) {
      const { keepEmpty: _keep, ...strict } = filter;
      return `(${this.filterSql(strict, defaultTable, tables)} OR ${column} IS NULL)`;
    }
    switch (filter.op) {
      case 'eq':
        // "on 2024-03-01" for a timestamp column means that whole day.
        if (type === 'timestamp' && typeof filter.value === 'string' && filter.value.length === 10) {
          return range(filter.value, nextDay(filter.value));
        }
        return `${column} = ${literal(filter.value)}`;
      case 'neq':
        return `${column} <> ${literal(filter.value)}`;
      case 'gt':
        return `${column} > ${literal(filter.value)}`;
      case 'gte':
        return `${column} >= ${literal(filter.value)}`;
      case 'lt':
        return `${column} < ${literal(filter.value)}`;
      case 'lte':
        if (type === 'timestamp' && typeof filter.value === 'string' && filter.value.length === 10) {
          return `${column} < ${this.dialect.dateLiteral(nextDay(filter.value))}`;
        }
        return `${column} <= ${literal(filter.value)}`;
      case 'in':
        return `${column} IN (${filter.values.map(literal).join(', ')})`;
      case 'not_in':
        return `${column} NOT IN (${filter.values.map(literal).join(', ')})`;
      case 'between':
        if (
          isTime &&
          typeof filter.to === 'string' &&
          filter.to.length === 10 &&
          typeof filter.from === 'string'
        ) {
          return range(filter.from, nextDay(filter.to));
        }
        return `${column} BETWEEN ${literal(filter.from)} AND ${literal(filter.to)}`;
      case 'contains':
        return this.dialect.likeInsensitive(column, `%${escapeLike(filter.value)}%`);
      case 'starts_with':
        return this.dialect.likeInsensitive(column, `${escapeLike(filter.value)}%`);
      case 'ends_with':
        return this.dialect.likeInsensitive(column, `%${escapeLike(filter.value)}`);
      case 'is_null':
        return `${column} IS NULL`;
      case 'not_null':
        return `${column} IS NOT NULL`;
      case 'date_range': {
        // A plain-date `to` includes that whole day; a timestamp `to` is an inclusive instant.
        const toIsInstant = filter.to !== undefined && filter.to.length > 10;
        const parts: string[] = [];
        if (filter.from !== undefined || (filter.to !== undefined && !toIsInstant)) {
          parts.push(
            range(filter.from, filter.to === undefined || toIsInstant ? undefined : nextDay(filter.to)),
          );
        }
        if (toIsInstant && filter.to !== undefined)
          parts.push(`${column} <= ${this.dialect.dateLiteral(filter.to)}`);
        if (parts.length === 0)
          throw new AskdataError('spec_invalid', 'A date range needs a from or a to date.');
        return parts.join(' AND ');
      }
      case 'relative_date': {
        const resolvedRange = resolveRelativeDate(filter, this.asOf);
        const last = format(addDays(parseDate(resolvedRange.toExclusive), -1));
        this.note(`${resolved.column.label}: ${resolvedRange.from} to ${last} (relative to ${this.asOf}).`);
        return range(resolvedRange.from, resolvedRange.toExclusive);
      }
    }
  }
}

function nextDay(iso: string): string {
  return format(addDays(parseDate(iso), 1));
}

/** `!` is the LIKE escape character in every dialect's output. */
function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (character) => `!${character}`);
}
