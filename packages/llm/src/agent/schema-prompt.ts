/**
 * The schema as prompt text: metadata only (names, types, roles, labels, descriptions, joins, metric
 * definitions), every name and label quoted as a JSON string so a hostile name cannot pose as an
 * instruction. Sample values are a separate part, because privacy mode withholds them.
 */
import type { Entity, Metric, Relationship } from '@askdata/core';
import { quoteData } from '../privacy/quote-data';
import type { VerifiedExample } from './retrieve-schema';

export interface SchemaView {
  entities: Entity[];
  relationships: Relationship[];
  metrics: Metric[];
  examples: VerifiedExample[];
  /** Tables of the source not shown to the model. */
  omittedTables: number;
}

function entityLines(entity: Entity): string[] {
  const about = [
    entity.label !== entity.name ? `label ${quoteData(entity.label)}` : '',
    entity.rowCount !== undefined ? `${entity.rowCount} rows` : '',
    entity.description ? `description ${quoteData(entity.description)}` : '',
    entity.synonyms.length > 0 ? `also called ${entity.synonyms.map(quoteData).join(', ')}` : '',
  ].filter(Boolean);
  const lines = [`table ${quoteData(entity.name)}${about.length > 0 ? ` (${about.join('; ')})` : ''}`];
  for (const column of entity.columns) {
    const details = [
      column.logicalType,
      column.role === 'measure' && column.defaultAggregation
        ? `measure (${column.defaultAggregation})`
        : column.role,
      column.label !== column.name ? `label ${quoteData(column.label)}` : '',
      column.unit ? `unit ${quoteData(column.unit)}` : '',
      column.description ? `description ${quoteData(column.description)}` : '',
      column.synonyms.length > 0 ? `also called ${column.synonyms.map(quoteData).join(', ')}` : '',
      column.pii ? 'personal data' : '',
    ].filter(Boolean);
    lines.push(`  - ${quoteData(column.name)}: ${details.join(', ')}`);
  }
  return lines;
}

export function renderSchema(view: SchemaView): string {
  const lines = [
    'Tables and columns (every name is a JSON string; use it exactly, without the JSON quotes):',
  ];
  for (const entity of view.entities) lines.push(...entityLines(entity));
  if (view.omittedTables > 0) {
    lines.push(`(${view.omittedTables} more tables exist but look unrelated to this question.)`);
  }
  if (view.relationships.length > 0) {
    lines.push('Joins (many-to-one):');
    for (const relation of view.relationships) {
      lines.push(
        `  - ${quoteData(relation.from.table)}.${relation.from.columns.map(quoteData).join('+')} -> ${quoteData(relation.to.table)}.${relation.to.columns.map(quoteData).join('+')}`,
      );
    }
  }
  if (view.metrics.length > 0) {
    lines.push('Metrics (use them by name in a measure: {"id": ..., "metric": name}):');
    for (const metric of view.metrics) {
      const definition = `${metric.aggregation}(${metric.expression ?? '*'}) on ${quoteData(metric.table)}`;
      lines.push(
        `  - ${quoteData(metric.name)} = ${definition}${metric.description ? `, ${quoteData(metric.description)}` : ''}`,
      );
    }
  }
  if (view.examples.length > 0) {
    lines.push('Verified examples (question -> SQL):');
    for (const example of view.examples)
      lines.push(`  - ${quoteData(example.question)} -> ${quoteData(example.sql)}`);
  }
  return lines.join('\n');
}

export interface ColumnValues {
  table: string;
  column: string;
  values: string[];
}

/** Sample values of the shown text columns, a few each: cell values, so the gate may withhold them. */
export function renderSampleValues(view: SchemaView, samples: ColumnValues[], perColumn = 8): string {
  const shown = new Set(
    view.entities.flatMap((entity) =>
      entity.columns.map((column) => `${entity.name}.${column.name}`.toLowerCase()),
    ),
  );
  return samples
    .filter(
      (sample) => shown.has(`${sample.table}.${sample.column}`.toLowerCase()) && sample.values.length > 0,
    )
    .map(
      (sample) =>
        `  - ${quoteData(sample.table)}.${quoteData(sample.column)}: [${sample.values.slice(0, perColumn).map(quoteData).join(', ')}]`,
    )
    .join('\n');
}
