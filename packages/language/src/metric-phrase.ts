/**
 * Metrics of the semantic model named in a question ("net sales by region", "total net sales"): the
 * metric's definition is the measure, so its filters and expression apply as its owner defined them.
 */
import type { CatalogMetric } from './catalog';
import type { Tag } from './tagger';

/** The metric a schema phrase names, when no column or table reading of it scores as high. */
export function metricOfTag(tag: Tag | undefined): CatalogMetric | undefined {
  if (tag?.type !== 'schema') return undefined;
  let best: { metric: CatalogMetric; score: number } | undefined;
  let bestColumn = 0;
  let bestTable = 0;
  for (const entry of tag.entries) {
    if (entry.target.kind === 'metric') {
      if (!best || entry.score > best.score) best = { metric: entry.target.metric, score: entry.score };
    } else if (entry.target.kind === 'column') bestColumn = Math.max(bestColumn, entry.score);
    else bestTable = Math.max(bestTable, entry.score);
  }
  // A table of the same name keeps its reading ("orders" counts rows either way).
  return best && best.score >= bestColumn && best.score > bestTable ? best.metric : undefined;
}
