import { applySemanticYaml, deriveSemanticModel, type SemanticModel } from '@askdata/core';
import { ValueIndex, type ValueSample } from '@askdata/language';
import type { AnalysisSource } from './analysis-source';

export interface PreparedSource {
  source: AnalysisSource;
  model: SemanticModel;
  values: ValueIndex;
  /** The sampled values behind `values`, for LLM prompts (the request gate withholds them in privacy mode). */
  samples?: ValueSample[];
  /** Distinct counts per table and column behind `model`, reused by cross-source planning. */
  stats?: Record<string, Record<string, { distinctCount: number }>>;
}

/** Values per text column the language engine may match ("EMEA", "Rock"); beyond this a column is free text. */
const valuesPerColumn = 2000;

/**
 * Builds what the language engine needs from a source once: the semantic model (with distinct counts, and
 * the optional askdata.yaml enrichment) and the index of categorical values.
 */
export async function prepareSource(
  source: AnalysisSource,
  options: { semanticYaml?: { text: string; fileName: string } } = {},
): Promise<PreparedSource> {
  const stats = await source.distinctCounts();
  let model = deriveSemanticModel({ tables: source.tables() }, { stats });
  if (options.semanticYaml)
    model = applySemanticYaml(model, options.semanticYaml.text, options.semanticYaml.fileName);
  const samples = await source.sampleValues(valuesPerColumn);
  return { source, model, values: new ValueIndex(samples), samples, stats };
}
