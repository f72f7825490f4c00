import type { Aggregation } from '../query-spec/types';
import type { ColumnSchema, DatabaseSchema, TableSchema } from '../schema';
import type { ColumnRole, Entity, Relationship, SemanticColumn, SemanticModel } from './types';

export interface ColumnStats {
  distinctCount?: number;
}

export interface DeriveOptions {
  /** Per table, per column statistics (from profiling); used to tell categories from free text. */
  stats?: Record<string, Record<string, ColumnStats>>;
}

const averagedNames =
  /(rate|ratio|price|pct|percent|percentage|score|age|avg|average|mean|margin|discount|temperature|temp|rating|latitude|longitude|lat|lon|lng|probability|share)s?$/;
const numericTypes = new Set(['integer', 'decimal', 'float']);
const timeTypes = new Set(['date', 'timestamp']);

/** Builds the automatic semantic model: entities, column roles, default aggregations and join paths. */
export function deriveSemanticModel(schema: DatabaseSchema, options: DeriveOptions = {}): SemanticModel {
  const entities = schema.tables.map((table) => deriveEntity(table, schema, options));
  return { entities, relationships: deriveRelationships(schema), metrics: [], sources: [] };
}

function deriveEntity(table: TableSchema, schema: DatabaseSchema, options: DeriveOptions): Entity {
  const primaryKey = table.primaryKey ?? guessPrimaryKey(table);
  const foreignKeyColumns = new Set((table.foreignKeys ?? []).flatMap((key) => key.columns));
  const columns = table.columns.map((column) =>
    deriveColumn(column, {
      isKey:
        primaryKey.includes(column.name) ||
        foreignKeyColumns.has(column.name) ||
        looksLikeKey(column.name, schema),
      stats: options.stats?.[table.name]?.[column.name],
      table: table.name,
    }),
  );
  const timeColumn = columns.find((column) => column.role === 'time');
  return {
    name: table.name,
    ...(table.namespace === undefined ? {} : { namespace: table.namespace }),
    label: table.label ?? humanize(table.name),
    ...(table.description === undefined ? {} : { description: table.description }),
    synonyms: singularPlural(table.name),
    primaryKey,
    columns,
    ...(timeColumn === undefined ? {} : { defaultTimeColumn: timeColumn.name }),
    ...(table.rowCount === undefined ? {} : { rowCount: table.rowCount }),
  };
}

function deriveColumn(
  column: ColumnSchema,
  context: { isKey: boolean; stats: ColumnStats | undefined; table: string },
): SemanticColumn {
  const role = columnRole(column, context.isKey);
  const result: SemanticColumn = {
    name: column.name,
    label: column.label ?? humanize(column.name),
    logicalType: column.logicalType,
    role,
    synonyms: [],
  };
  if (role === 'measure') result.defaultAggregation = defaultAggregation(column.name);
  const pii = piiTag(column.name, context.table);
  if (pii !== undefined) result.pii = pii;
  if (column.description !== undefined) result.description = column.description;
  if (column.unit !== undefined) result.unit = column.unit;
  if (context.stats?.distinctCount !== undefined) result.distinctCount = context.stats.distinctCount;
  return result;
}

function columnRole(column: ColumnSchema, isKey: boolean): ColumnRole {
  if (isKey) return 'key';
  if (timeTypes.has(column.logicalType)) return 'time';
  if (numericTypes.has(column.logicalType)) {
    // An identifier never adds up, even when the table it points to is not loaded.
    if (/(^|_)id$/.test(column.name)) return 'key';
    // Position within a parent (line 3 of an order) identifies a row; it neither adds up nor groups.
    if (/(^|_)(line|item|row|seq|sequence)(_?(no|num|number))?$/.test(column.name) && column.name !== 'item')
      return 'key';
    // Years and codes stored as numbers group rather than add up.
    if (/(^|_)(year|code|zip|postcode|phone|number|no)$/.test(column.name)) return 'dimension';
    return 'measure';
  }
  if (column.logicalType === 'text' || column.logicalType === 'boolean') return 'dimension';
  return 'other';
}

// Name patterns for personal data; askdata.yaml can add tags or clear one with `pii: false`.
const piiPatterns: Array<[RegExp, string]> = [
  [/(^|_)e?mail(_address)?$/, 'email'],
  [/(^|_)(phone|mobile|telephone|fax)(_number|_no)?$/, 'phone'],
  [/(^|_)(ssn|social_security(_number)?|national_id|passport(_number|_no)?|tax_id)$/, 'national_id'],
  [/^(first|last|full|given|family|sur)_?name$/, 'name'],
  [/(^|_)(street|address(_line_?\d)?|postcode|postal_code|zip(_code)?)$/, 'address'],
  [/(^|_)(date_of_birth|birth_?date|dob)$/, 'birth_date'],
  [/(^|_)ip(_address)?$/, 'ip_address'],
  [/(^|_)(iban|card_number|credit_card(_number)?)$/, 'financial'],
];

const peopleTables =
  /^(customer|user|employee|person|people|member|patient|student|contact|client|staff|account_holder)s?$/;

function piiTag(name: string, table: string): string | undefined {
  const lower = name.toLowerCase();
  // A bare "name" is personal only in a table of people (not products or regions).
  if (lower === 'name' && peopleTables.test(table.toLowerCase())) return 'name';
  return piiPatterns.find(([pattern]) => pattern.test(lower))?.[1];
}

function defaultAggregation(name: string): Aggregation {
  return averagedNames.test(name.toLowerCase()) ? 'avg' : 'sum';
}

function guessPrimaryKey(table: TableSchema): string[] {
  const candidates = ['id', `${singular(table.name)}_id`];
  const found = table.columns.find((column) => candidates.includes(column.name));
  return found === undefined ? [] : [found.name];
}

function looksLikeKey(name: string, schema: DatabaseSchema): boolean {
  if (name === 'id') return true;
  const match = /^(.*)_id$/.exec(name);
  return match?.[1] !== undefined && findTableForStem(match[1], schema) !== undefined;
}

function deriveRelationships(schema: DatabaseSchema): Relationship[] {
  const relationships: Relationship[] = [];
  const seen = new Set<string>();
  const add = (relationship: Relationship) => {
    const key = `${relationship.from.table}.${relationship.from.columns.join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    relationships.push(relationship);
  };
  for (const table of schema.tables) {
    for (const foreignKey of table.foreignKeys ?? []) {
      add({
        from: { table: table.name, columns: foreignKey.columns },
        to: { table: foreignKey.referencedTable, columns: foreignKey.referencedColumns },
        source: 'declared',
        confidence: 1,
      });
    }
  }
  for (const table of schema.tables) {
    for (const column of table.columns) {
      const match = /^(.*)_id$/.exec(column.name);
      if (match?.[1] === undefined) continue;
      const target = findTableForStem(match[1], schema);
      if (target === undefined || target.name === table.name) continue;
      const targetKey = target.primaryKey?.length === 1 ? target.primaryKey[0] : undefined;
      const targetColumn =
        targetKey ?? target.columns.find((c) => c.name === 'id' || c.name === column.name)?.name ?? undefined;
      if (targetColumn === undefined) continue;
      // A declared primary key on the target makes the name match much more trustworthy.
      add({
        from: { table: table.name, columns: [column.name] },
        to: { table: target.name, columns: [targetColumn] },
        source: 'inferred',
        confidence: targetKey === undefined ? 0.7 : 0.9,
      });
    }
  }
  return relationships;
}

function findTableForStem(stem: string, schema: DatabaseSchema): TableSchema | undefined {
  const forms = new Set(singularPlural(stem));
  return schema.tables.find((table) => forms.has(table.name.toLowerCase()));
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses') || word.endsWith('xes')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function singularPlural(word: string): string[] {
  const one = singular(word.toLowerCase());
  const many = one.endsWith('y') ? `${one.slice(0, -1)}ies` : one.endsWith('s') ? `${one}es` : `${one}s`;
  return [...new Set([word.toLowerCase(), one, many])];
}

export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.length === 0 ? name : words[0]?.toUpperCase() + words.slice(1);
}
