/**
 * The guard against invented numbers: every number a narrative states must be one of its facts'
 * numbers, allowing for the rounding the text shows ("$1.2M" for 1,234,567) and for sign words
 * ("down 12%" for a change of -12). Member and period labels are removed first, so "Store 12" or
 * "Q3 2024" are names rather than claims. An LLM-written narrative is rejected when this fails.
 */
import type { Fact } from './fact';
import { numbersInText, type TextNumber } from './numbers-in-text';

export interface NumberCheckResult {
  ok: boolean;
  /** Numbers in the text that no fact supports. */
  invented: string[];
  checked: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes labels that contain digits (any case: text may lower-case them), longest first. */
export function stripLabels(text: string, labels: Iterable<string>): string {
  const withDigits = [...new Set(labels)]
    .filter((label) => /\d/.test(label))
    .sort((a, b) => b.length - a.length);
  let stripped = text;
  for (const label of withDigits) {
    stripped = stripped.replace(new RegExp(escapeRegExp(label), 'gi'), (match) => ' '.repeat(match.length));
  }
  return stripped;
}

function supported(number: TextNumber, values: number[]): boolean {
  const stated = Math.abs(number.value);
  return values.some((value) => {
    const actual = Math.abs(value);
    return Math.abs(actual - stated) <= number.tolerance + 1e-9 * Math.max(1, actual);
  });
}

export function checkNarrativeNumbers(
  text: string,
  facts: Fact[],
  extraLabels: string[] = [],
): NumberCheckResult {
  const labels = [...extraLabels];
  for (const fact of facts) {
    if (fact.members) labels.push(...fact.members);
    if (fact.measureLabel) labels.push(fact.measureLabel);
    if (fact.dimensionLabel) labels.push(fact.dimensionLabel);
  }
  const values = facts.flatMap((fact) => fact.numbers.map((number) => number.value));
  const numbers = numbersInText(stripLabels(text, labels));
  const invented = numbers.filter((number) => !supported(number, values)).map((number) => number.raw);
  return { ok: invented.length === 0, invented, checked: numbers.length };
}
