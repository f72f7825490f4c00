/**
 * Prunes a semantic model to what a question is about, so large schemas fit a prompt and the model
 * sees few wrong names to hallucinate from: BM25 over table and column names, labels, descriptions
 * and synonyms, metric definitions and verified question→SQL examples, blended by reciprocal-rank
 * fusion with embedding similarities when the caller has them; then tables one join away from the best
 * ones; then a token budget that drops the weakest tables and columns first.
 */
import type { Entity, Metric, SemanticModel } from '@askdata/core';
import { Bm25Index } from './bm25';
import { reciprocalRankFusion } from './rank-fusion';
import { type RetrievalItem, retrievalDocuments } from './retrieval-documents';
import { renderSchema, type SchemaView } from './schema-prompt';

export interface VerifiedExample {
  question: string;
  sql: string;
}

export interface RetrievalOptions {
  maxTables?: number;
  maxColumnsPerTable?: number;
  maxExamples?: number;
  /** Rough token budget for the rendered schema (4 characters a token). */
  tokenBudget?: number;
  /** How many of the most similar documents by embedding join the BM25 hits (default 20). */
  denseTopK?: number;
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const key = (table: string) => table.toLowerCase();

/**
 * How much a hit counts towards its table. BM25 scores favour a table's own name (strong evidence) over
 * one of its columns; fused scores are reciprocal ranks, where the ranking already says how strong a hit
 * is, so a column ranked first must not lose to a table ranked twentieth.
 */
const tableWeights = {
  bm25: { table: 1.5, column: 0.5, metric: 1 },
  fused: { table: 1, column: 1, metric: 1 },
} as const;

/** BM25 hits alone, or fused with the documents most similar by embedding (`similarity` by document key). */
function rankDocuments(
  model: SemanticModel,
  query: string,
  examples: VerifiedExample[],
  similarity: ReadonlyMap<string, number> | undefined,
  denseTopK: number,
): { hits: { item: RetrievalItem; score: number }[]; fused: boolean } {
  const documents = retrievalDocuments(model, examples);
  const lexical = new Bm25Index(
    documents.map((document) => ({ item: document, text: document.text })),
  ).search(query);
  if (!similarity || similarity.size === 0)
    return { hits: lexical.map(({ item, score }) => ({ item: item.item, score })), fused: false };
  const dense = documents
    .filter((document) => (similarity.get(document.key) ?? 0) > 0)
    .sort((left, right) => (similarity.get(right.key) ?? 0) - (similarity.get(left.key) ?? 0))
    .slice(0, denseTopK);
  const fused = reciprocalRankFusion([
    lexical.map(({ item }) => item.key),
    dense.map((document) => document.key),
  ]);
  const hits = documents
    .filter((document) => fused.has(document.key))
    .map((document) => ({ item: document.item, score: fused.get(document.key) ?? 0 }))
    .sort((left, right) => right.score - left.score);
  return { hits, fused: true };
}

export function retrieveSchema(
  model: SemanticModel,
  query: string,
  examples: VerifiedExample[] = [],
  options: RetrievalOptions = {},
  similarity?: ReadonlyMap<string, number>,
): SchemaView {
  const maxTables = options.maxTables ?? 8;
  const maxColumns = options.maxColumnsPerTable ?? 40;
  const tokenBudget = options.tokenBudget ?? 3000;
  const { hits, fused } = rankDocuments(model, query, examples, similarity, options.denseTopK ?? 20);
  const weight = tableWeights[fused ? 'fused' : 'bm25'];

  const tableScores = new Map<string, number>();
  const columnScores = new Map<string, number>();
  const add = (table: string, score: number) =>
    tableScores.set(key(table), (tableScores.get(key(table)) ?? 0) + score);
  const metricHits: Metric[] = [];
  const exampleHits: VerifiedExample[] = [];
  for (const { item, score } of hits) {
    if (item.kind === 'table') add(item.table, score * weight.table);
    else if (item.kind === 'column') {
      columnScores.set(`${key(item.table)}.${item.column.toLowerCase()}`, score);
      add(item.table, score * weight.column);
    } else if (item.kind === 'metric') {
      metricHits.push(item.metric);
      add(item.metric.table, score * weight.metric);
    } else exampleHits.push(item.example);
  }

  const ranked = [...model.entities].sort(
    (left, right) => (tableScores.get(key(right.name)) ?? 0) - (tableScores.get(key(left.name)) ?? 0),
  );
  let chosen: Entity[];
  if (model.entities.length <= maxTables) chosen = ranked;
  else {
    const top = ranked.filter((entity) => (tableScores.get(key(entity.name)) ?? 0) > 0).slice(0, maxTables);
    if (top.length === 0) top.push(...ranked.slice(0, Math.min(3, ranked.length)));
    // Tables one join away from the best two, so the model can reach lookups (names of ids).
    const names = new Set(top.map((entity) => key(entity.name)));
    for (const anchor of top.slice(0, 2)) {
      for (const relation of model.relationships) {
        const other =
          key(relation.from.table) === key(anchor.name)
            ? relation.to.table
            : key(relation.to.table) === key(anchor.name)
              ? relation.from.table
              : undefined;
        if (!other || names.has(key(other)) || names.size >= maxTables) continue;
        const entity = model.entities.find((candidate) => key(candidate.name) === key(other));
        if (entity) {
          names.add(key(other));
          top.push(entity);
        }
      }
    }
    chosen = top;
  }

  const columnScore = (entity: Entity, column: string) =>
    columnScores.get(`${key(entity.name)}.${column.toLowerCase()}`) ?? 0;
  const pruneColumns = (entity: Entity, limit: number): Entity => {
    if (entity.columns.length <= limit) return entity;
    const essential = (role: string) => role === 'key' || role === 'time';
    const ordered = [...entity.columns].sort(
      (left, right) =>
        Number(essential(right.role)) - Number(essential(left.role)) ||
        columnScore(entity, right.name) - columnScore(entity, left.name),
    );
    const kept = new Set(ordered.slice(0, limit).map((column) => column.name));
    return { ...entity, columns: entity.columns.filter((column) => kept.has(column.name)) };
  };

  let entities = chosen.map((entity) => pruneColumns(entity, maxColumns));
  const tableNames = () => new Set(entities.map((entity) => key(entity.name)));
  const view = (): SchemaView => {
    const names = tableNames();
    return {
      entities,
      relationships: model.relationships.filter(
        (relation) => names.has(key(relation.from.table)) && names.has(key(relation.to.table)),
      ),
      metrics: (metricHits.length > 0 ? metricHits : model.metrics).filter((metric) =>
        names.has(key(metric.table)),
      ),
      examples: exampleHits.slice(0, options.maxExamples ?? 3),
      omittedTables: model.entities.length - entities.length,
    };
  };
  let current = view();
  // Over budget: drop the weakest table, then halve column lists, until it fits.
  let columnLimit = maxColumns;
  while (estimateTokens(renderSchema(current)) > tokenBudget) {
    if (entities.length > 1) entities = entities.slice(0, -1);
    else if (columnLimit > 8) {
      columnLimit = Math.floor(columnLimit / 2);
      entities = entities.map((entity) => pruneColumns(entity, columnLimit));
    } else break;
    current = view();
  }
  return current;
}
