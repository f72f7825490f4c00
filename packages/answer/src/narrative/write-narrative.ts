/**
 * Deterministic template text from facts: two to four short sentences, every number formatted from
 * a fact, so `checkNarrativeNumbers(text, facts)` always holds for this writer. Confidence comes from
 * the caveats' weights and the verification's delta, with the reasons spelled out.
 */
import type { Caveat, Citations, Confidence, Fact, FactNumber, FollowUp, Narrative } from './fact';
import { formatFactNumber } from './format-number';
import { lowerLabel, pluralize } from './suggest-follow-ups';

export interface NarrativeExtras {
  caveats?: Caveat[];
  citations?: Citations;
  followUps?: FollowUp[];
  /** From verifyAnswer: negative lowers confidence. */
  verification?: { confidenceDelta: number; reasons: string[] };
}

const maxSentences = 4;

function numberOf(fact: Fact | undefined, name: string): FactNumber | undefined {
  return fact?.numbers.find((number) => number.name === name);
}

function show(number: FactNumber | undefined, absolute = false): string {
  return number ? formatFactNumber(number, { absolute }) : '';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "Orders were", "Revenue was": a label whose last word ends in a plain -s reads as plural. */
function isPlural(label: string): boolean {
  const last = label.trim().split(/\s+/).pop() ?? '';
  return /[^su]s$/i.test(last) && !/(ss|us|is)$/i.test(last);
}

function verb(label: string, singular: string, plural: string): string {
  return isPlural(label) ? plural : singular;
}

/** "in March 2024", "on 2024-05-20", "at 2024-05-20 10:00". */
function when(label: string | undefined, grain: string | undefined): string {
  if (grain === 'day') return `on ${label}`;
  if (grain === 'hour') return `at ${label}`;
  return `in ${label}`;
}

/** Beyond this, a percent change from a tiny first value says less than the two values do. */
const maxReadablePercent = 500;

function find(facts: Fact[], kind: Fact['kind']): Fact | undefined {
  return facts.find((fact) => fact.kind === kind);
}

function movement(fact: Fact, change: FactNumber | undefined, percent: FactNumber | undefined): string {
  if (fact.detail === 'flat') return 'unchanged';
  const word = fact.detail === 'up' ? 'up' : 'down';
  const readable = percent !== undefined && Math.abs(percent.value) < maxReadablePercent;
  return `${word} ${readable ? show(percent, true) : show(change, true)}`;
}

function outlierSentences(facts: Fact[]): string[] {
  return facts
    .filter((fact) => fact.kind === 'outlier')
    .map(
      (fact) =>
        `${fact.members?.[0]} stands out at ${show(numberOf(fact, 'value'))}, far ${fact.detail === 'high' ? 'above' : 'below'} the typical ${show(numberOf(fact, 'median'))}.`,
    );
}

function categorySentences(facts: Fact[]): string[] {
  const sentences: string[] = [];
  const top = find(facts, 'top')!;
  const measure = lowerLabel(top.measureLabel ?? 'value');
  const dimension = pluralize(top.dimensionLabel ?? 'group');
  const total = find(facts, 'total');
  const count = find(facts, 'member_count');
  const countText = show(numberOf(count, 'members'));
  if (total?.detail === 'all') {
    const totalText = `${capitalise(measure)} ${verb(measure, 'totals', 'total')} ${show(numberOf(total, 'total'))}`;
    sentences.push(
      count?.detail === 'shown'
        ? `${totalText} overall; ${countText} ${dimension} are shown.`
        : `${totalText} across ${countText} ${dimension}.`,
    );
  } else if (total) {
    sentences.push(`The ${countText} ${dimension} shown add up to ${show(numberOf(total, 'total'))}.`);
  }
  const topShare = numberOf(top, 'share');
  const bottom = find(facts, 'bottom');
  const bottomShare = numberOf(bottom, 'share');
  // Sentences start with "The", so a lower-case member ("complete") never opens one.
  const topValue = show(numberOf(top, 'value'));
  const bottomValue = show(numberOf(bottom, 'value'));
  let topText: string;
  let bottomText = '';
  if (isPlural(measure)) {
    // "The most orders are in Furniture (342, 38% of the total), and the fewest in Stationery (241, 27%)."
    topText = `The most ${measure} are in ${top.members?.[0]} (${topValue}${topShare ? `, ${show(topShare)} of the total` : ''})`;
    if (bottom)
      bottomText = `, and the fewest in ${bottom.members?.[0]} (${bottomValue}${bottomShare ? `, ${show(bottomShare)}` : ''})`;
  } else {
    topText = `The highest ${measure} is ${top.members?.[0]} at ${topValue}${topShare ? ` (${show(topShare)} of the total)` : ''}`;
    if (bottom)
      bottomText = `, and the lowest is ${bottom.members?.[0]} at ${bottomValue}${bottomShare ? ` (${show(bottomShare)})` : ''}`;
  }
  sentences.push(`${topText}${bottomText}.`);
  const concentration = find(facts, 'concentration');
  if (concentration) {
    const share = show(numberOf(concentration, 'share'));
    const n = show(numberOf(concentration, 'n'));
    sentences.push(
      concentration.detail === 'shown'
        ? `Together the ${n} shown make up ${share} of the total.`
        : `The top ${n} (${listWords(concentration.members ?? [])}) make up ${share} of the total.`,
    );
  }
  sentences.push(...outlierSentences(facts));
  return sentences;
}

function timeSentences(facts: Fact[]): string[] {
  const sentences: string[] = [];
  const latest = find(facts, 'latest')!;
  const measure = lowerLabel(latest.measureLabel ?? 'value');
  const change = find(facts, 'period_change');
  const trend = find(facts, 'trend');
  const period = latest.grain ?? 'period';
  if (latest.detail === 'partial') {
    sentences.push(
      `${latest.members?.[0]} is still in progress, with ${measure} at ${show(numberOf(latest, 'value'))} so far.`,
    );
  }
  if (change) {
    const [current, previous] = change.members ?? [];
    const text = `${capitalise(measure)} ${verb(measure, 'was', 'were')} ${show(numberOf(change, 'current'))} ${when(current, period)}, ${movement(change, numberOf(change, 'change'), numberOf(change, 'change_pct'))} from ${show(numberOf(change, 'previous'))} ${when(previous, period)}.`;
    sentences.push(text);
  } else if (latest.detail !== 'partial') {
    sentences.push(
      `${capitalise(measure)} ${verb(measure, 'was', 'were')} ${show(numberOf(latest, 'value'))} ${when(latest.members?.[0], period)}.`,
    );
  }
  if (trend) {
    const [first, last] = trend.members ?? [];
    const percent = numberOf(trend, 'change_pct');
    const readable = percent !== undefined && Math.abs(percent.value) < maxReadablePercent;
    const amount = readable
      ? ` ${show(percent, true)}`
      : ` from ${show(numberOf(trend, 'first'))} to ${show(numberOf(trend, 'last'))}`;
    const overall =
      trend.detail === 'flat'
        ? 'it was broadly flat'
        : `it ${trend.detail === 'up' ? 'rose' : 'fell'}${amount} overall, about ${show(numberOf(trend, 'slope'), true)} per ${period} on a straight-line trend`;
    sentences.push(`From ${first} to ${last} (${show(numberOf(trend, 'periods'))} ${period}s), ${overall}.`);
  }
  const peak = find(facts, 'peak');
  if (peak && peak.members?.[0] !== change?.members?.[0]) {
    sentences.push(`The peak was ${show(numberOf(peak, 'value'))} ${when(peak.members?.[0], period)}.`);
  }
  sentences.push(...outlierSentences(facts));
  return sentences;
}

function valueSentences(facts: Fact[]): string[] {
  const values = facts.filter((fact) => fact.kind === 'value');
  const parts = values.map((fact) => {
    const label = lowerLabel(fact.measureLabel ?? 'the value');
    return `${label} ${verb(label, 'is', 'are')} ${show(numberOf(fact, 'value'))}`;
  });
  return parts.length === 0 ? [] : [`${capitalise(listWords(parts))}.`];
}

export function writeText(facts: Fact[]): string {
  let sentences: string[];
  if (find(facts, 'empty')) sentences = ['No rows matched this question, so there is nothing to summarise.'];
  else if (find(facts, 'row_count'))
    sentences = [`The query returned ${show(numberOf(find(facts, 'row_count'), 'rows'))} rows.`];
  else if (find(facts, 'latest')) sentences = timeSentences(facts);
  else if (find(facts, 'top')) sentences = categorySentences(facts);
  else sentences = valueSentences(facts);
  return sentences.slice(0, maxSentences).join(' ');
}

export function scoreConfidence(
  caveats: Caveat[],
  verification?: NarrativeExtras['verification'],
): Confidence {
  const weighted = caveats.filter((caveat) => caveat.weight > 0);
  const penalty = weighted.reduce((sum, caveat) => sum + caveat.weight, 0);
  const score = Math.max(0, Math.min(1, 1 - penalty + Math.min(0, verification?.confidenceDelta ?? 0)));
  const reasons = [...weighted.map((caveat) => caveat.message), ...(verification?.reasons ?? [])];
  if (reasons.length === 0)
    reasons.push('Computed directly from the query result; no caveats and no failed checks.');
  const level = score >= 0.8 ? 'high' : score >= 0.5 ? 'medium' : 'low';
  return { level, score: Math.round(score * 100) / 100, reasons };
}

export function writeNarrative(facts: Fact[], extras: NarrativeExtras = {}): Narrative {
  const caveats = extras.caveats ?? [];
  return {
    text: writeText(facts),
    facts,
    caveats,
    citations: extras.citations ?? { tables: [], columns: [], metrics: [], filters: [], snapshotIds: [] },
    confidence: scoreConfidence(caveats, extras.verification),
    followUps: extras.followUps ?? [],
  };
}
