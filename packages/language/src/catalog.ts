/**
 * The language engine's view of the data: tables, columns, joins and metrics with the words that
 * name them. Built from the semantic model (or straight from an introspected schema), so the parser
 * does not depend on how the model is stored.
 */
import type { Aggregation, DatabaseSchema, LogicalType, SemanticModel } from '@askdata/core';

export interface CatalogColumn {
  table: string;
  name: string;
  label?: string;
  description?: string;
  synonyms?: string[];
  logicalType: LogicalType;
  /** Key columns (ids) are rarely what people mean by a word; they rank below other matches. */
  isKey?: boolean;
  /** Aggregation used when a question names a measure column without one ("revenue by region"). */
  defaultAggregation?: Aggregation;
}

export interface CatalogTable {
  name: string;
  label?: string;
  description?: string;
  synonyms?: string[];
  columns: CatalogColumn[];
  primaryKey?: string[];
  rowCount?: number;
}

export interface CatalogJoin {
  fromTable: string;
  fromColumns: string[];
  toTable: string;
  toColumns: string[];
}

export interface CatalogMetric {
  name: string;
  table: string;
  label?: string;
  synonyms?: string[];
}

export interface Catalog {
  tables: CatalogTable[];
  joins: CatalogJoin[];
  metrics: CatalogMetric[];
}

export function isNumericType(type: LogicalType): boolean {
  return type === 'integer' || type === 'decimal' || type === 'float';
}

export function isTemporalType(type: LogicalType): boolean {
  return type === 'date' || type === 'timestamp';
}

/** A catalog straight from introspection (no semantic model): foreign keys become joins. */
export function catalogFromSchema(schema: DatabaseSchema): Catalog {
  const joins: CatalogJoin[] = [];
  const tables = schema.tables.map((table): CatalogTable => {
    const keyColumns = new Set<string>([
      ...(table.primaryKey ?? []),
      ...(table.foreignKeys ?? []).flatMap((key) => key.columns),
    ]);
    for (const key of table.foreignKeys ?? []) {
      joins.push({
        fromTable: table.name,
        fromColumns: key.columns,
        toTable: key.referencedTable,
        toColumns: key.referencedColumns,
      });
    }
    return {
      name: table.name,
      label: table.label,
      description: table.description,
      primaryKey: table.primaryKey,
      rowCount: table.rowCount,
      columns: table.columns.map((column) => ({
        table: table.name,
        name: column.name,
        label: column.label,
        description: column.description,
        logicalType: column.logicalType,
        isKey: keyColumns.has(column.name) || /(^|_)id$/i.test(column.name),
      })),
    };
  });
  return { tables, joins, metrics: [] };
}

/** The catalog of a semantic model: labels, synonyms, roles, relationships and metrics. */
export function catalogFromModel(model: SemanticModel): Catalog {
  return {
    tables: model.entities.map((entity) => ({
      name: entity.name,
      label: entity.label,
      description: entity.description,
      synonyms: entity.synonyms,
      primaryKey: entity.primaryKey,
      rowCount: entity.rowCount,
      columns: entity.columns.map((column) => ({
        table: entity.name,
        name: column.name,
        label: column.label,
        description: column.description,
        synonyms: column.synonyms,
        logicalType: column.logicalType,
        isKey: column.role === 'key',
        defaultAggregation: column.defaultAggregation,
      })),
    })),
    joins: model.relationships.map((relationship) => ({
      fromTable: relationship.from.table,
      fromColumns: relationship.from.columns,
      toTable: relationship.to.table,
      toColumns: relationship.to.columns,
    })),
    metrics: model.metrics.map((metric) => ({
      name: metric.name,
      table: metric.table,
      label: metric.label,
      synonyms: metric.synonyms,
    })),
  };
}
