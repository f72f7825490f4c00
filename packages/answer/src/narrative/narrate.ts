/**
 * The whole narrative step in one call: facts, caveats (plus those from verification), citations,
 * follow-ups, text and confidence.
 */
import type { QueryResult, QuerySpec } from '@askdata/core';
import { buildCitations } from './build-citations';
import { collectCaveats } from './collect-caveats';
import { computeFacts } from './compute-facts';
import type { Caveat, Narrative } from './fact';
import type { NarrativeContext } from './narrative-context';
import { suggestFollowUps } from './suggest-follow-ups';
import { writeNarrative } from './write-narrative';

/** The part of a verification report the narrative uses; its caveats' weights carry the confidence delta. */
export interface VerificationSummary {
  caveats: Caveat[];
}

export function narrate(
  spec: QuerySpec | undefined,
  result: QueryResult,
  context: NarrativeContext = {},
  verification?: VerificationSummary,
): Narrative {
  const facts = computeFacts(spec, result, context);
  const own = collectCaveats(spec, result, context, facts);
  // An empty result is already the narrative's own caveat; counting the failed check too would
  // lower confidence twice for one fact.
  const checked = (verification?.caveats ?? []).filter(
    (caveat) => !(caveat.check === 'empty_result' && own.some((mine) => mine.code === 'empty_result')),
  );
  const caveats = [...own, ...checked];
  const extras: Parameters<typeof writeNarrative>[1] = {
    caveats,
    citations: buildCitations(spec, context),
    followUps: suggestFollowUps(spec, result, facts, context),
  };
  return writeNarrative(facts, extras);
}
