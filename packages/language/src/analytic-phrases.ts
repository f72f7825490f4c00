/**
 * Phrases that ask for a calculation over the aggregated rows ("share of revenue by segment", "revenue
 * growth by year", "running total of orders by month") and headline questions that name rows without a
 * verb ("Online orders in the first half of 2025" is a count, as on a dashboard tile).
 */
import type { Derived, QuerySpec } from '@askdata/core';
import type { KeywordKind } from './keywords';
import type { SchemaResolver } from './schema-resolver';
import type { SpecBuilder } from './spec-builder';
import type { Tag } from './tagger';
import type { Token } from './tokenize';

const timeline = new Set(['day', 'week', 'month', 'quarter', 'year']);

const derivedOf: Partial<Record<KeywordKind, { kind: Derived['kind']; prefix: string; needsTime: boolean }>> =
  {
    share: { kind: 'share_of_total', prefix: 'share_of', needsTime: false },
    growth: { kind: 'period_pct_change', prefix: 'growth_of', needsTime: true },
    running: { kind: 'running_total', prefix: 'running', needsTime: true },
  };

/**
 * Marks the calculation words the grouping supports as used and returns the step that adds the
 * calculations once the spec's measures are final.
 */
export function applyAnalyticPhrases(
  tags: Tag[],
  used: Set<number>,
  builder: SpecBuilder,
): (spec: QuerySpec) => void {
  const wanted: Array<{ kind: Derived['kind']; prefix: string; over?: string }> = [];
  const time = builder.dimensions.find((dimension) => dimension.grain && timeline.has(dimension.grain));
  tags.forEach((tag, i) => {
    if (used.has(i) || tag.type !== 'keyword') return;
    const derived = derivedOf[tag.keyword];
    if (!derived || builder.dimensions.length === 0) return;
    if (derived.needsTime && !time) return;
    used.add(i);
    wanted.push(
      derived.needsTime && time
        ? { kind: derived.kind, prefix: derived.prefix, over: time.id }
        : { kind: derived.kind, prefix: derived.prefix },
    );
  });
  return (spec) => {
    const measure = spec.measures[0]?.id;
    if (!measure || wanted.length === 0) return;
    spec.derived = [
      ...(spec.derived ?? []),
      ...wanted.map(({ kind, prefix, over }) => ({
        id: `${prefix}_${measure}`,
        kind,
        measure,
        ...(over ? { over } : {}),
      })),
    ];
  };
}

/**
 * "Order lines with discount over 0.1", "Online orders in 2025": a question that starts with rows that
 * have no name (no verb, no question word) counts them.
 */
export function headlineCount(
  tags: Tag[],
  tokens: Token[],
  builder: SpecBuilder,
  resolver: SchemaResolver,
  tableOf: (tag: Tag | undefined) => string | undefined,
): void {
  if (builder.measures.length > 0 || builder.dimensions.length > 0) return;
  if (tags.some((tag) => tag.type === 'keyword' && tag.keyword === 'list')) return;
  if (tokens.some((token) => token.text === '?')) return;
  const first = tags[0];
  const rows =
    tableOf(first) ??
    (first?.type === 'value' ? tableOf(tags.find((tag, i) => i > 0 && tag.type !== 'stop')) : undefined);
  // Named things ("products that cost less than 20") are listed; transactions without a name are counted.
  if (rows === builder.base && !resolver.labelColumn(rows)) builder.addMeasure('count', undefined);
}
