/**
 * The small documents retrieval ranks: one per table, column, metric and verified example. Each has a
 * stable key (so embedding scores can be matched to BM25 hits), the metadata text BM25 indexes, and
 * for embeddings that text prefixed with its table (no filler words, which every document would share)
 * plus a column's sample values as a separate cell-value part, which the request gate drops in
 * privacy mode.
 */
import type { Metric, SemanticModel } from '@askdata/core';
import type { EmbeddingPart } from '../privacy/request-gate';
import type { VerifiedExample } from './retrieve-schema';
import type { ColumnValues } from './schema-prompt';

export type RetrievalItem =
  | { kind: 'table'; table: string }
  | { kind: 'column'; table: string; column: string }
  | { kind: 'metric'; metric: Metric }
  | { kind: 'example'; example: VerifiedExample };

export interface RetrievalDocument {
  key: string;
  item: RetrievalItem;
  /** Names, labels, descriptions, synonyms: what BM25 indexes. */
  text: string;
  /** What an embedding model is sent for this document. */
  embedding: EmbeddingPart[];
}

const joined = (...parts: (string | undefined)[]) => parts.filter((part) => part).join(' ');

export function retrievalDocuments(
  model: SemanticModel,
  examples: VerifiedExample[] = [],
  samples: ColumnValues[] = [],
  valuesPerColumn = 8,
): RetrievalDocument[] {
  const valuesOf = new Map<string, string[]>();
  for (const sample of samples)
    valuesOf.set(`${sample.table}.${sample.column}`.toLowerCase(), sample.values.slice(0, valuesPerColumn));
  const documents: RetrievalDocument[] = [];
  for (const entity of model.entities) {
    const text = joined(entity.name, entity.label, entity.description, ...entity.synonyms);
    documents.push({
      key: `table:${entity.name}`,
      item: { kind: 'table', table: entity.name },
      text,
      embedding: [{ kind: 'schema', text }],
    });
    for (const column of entity.columns) {
      const text = joined(column.name, column.label, column.description, ...column.synonyms);
      const values = [
        ...(valuesOf.get(`${entity.name}.${column.name}`.toLowerCase()) ?? []),
        ...Object.entries(column.valueSynonyms ?? {}).flatMap(([value, spoken]) => [value, ...spoken]),
      ];
      documents.push({
        key: `column:${entity.name}.${column.name}`,
        item: { kind: 'column', table: entity.name, column: column.name },
        text,
        embedding: [
          { kind: 'schema', text: `${entity.name}.${text}` },
          ...(values.length > 0
            ? [{ kind: 'cell-values' as const, label: 'values', text: [...new Set(values)].join(', ') }]
            : []),
        ],
      });
    }
  }
  for (const metric of model.metrics) {
    const text = joined(metric.name, metric.label, metric.description, metric.expression, ...metric.synonyms);
    documents.push({
      key: `metric:${metric.name}`,
      item: { kind: 'metric', metric },
      text,
      embedding: [{ kind: 'schema', text: `${metric.table}: ${text}` }],
    });
  }
  examples.forEach((example, index) => {
    documents.push({
      key: `example:${index}`,
      item: { kind: 'example', example },
      text: example.question,
      embedding: [{ kind: 'schema', text: example.question }],
    });
  });
  return documents;
}
