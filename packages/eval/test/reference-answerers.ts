import type { Answerer } from '../src/answerer';
import type { EvalRecord } from '../src/records';

/**
 * Trivial answerers for testing the harness itself (never reported as engine figures).
 * The oracle looks the question up in the gold records: it must score 100%.
 */
export function oracleAnswerer(records: readonly EvalRecord[]): Answerer {
  const byQuestion = new Map(records.map((record) => [record.question, record]));
  return {
    name: 'oracle',
    async answer({ question }) {
      const record = byQuestion.get(question);
      if (!record) return { kind: 'abstain', reason: 'unknown question' };
      if (record.kind === 'sql') return { kind: 'answer', sql: record.goldSql, interpretation: 'gold' };
      if (record.kind === 'denotation')
        return { kind: 'answer', values: record.answers.map((answer) => [answer]) };
      return { kind: 'answer', chart: record.chart };
    },
  };
}

/** Abstains on everything: 0% accuracy, 100% abstention, precision undefined (reported as 0). */
export const neverAnswerer: Answerer = {
  name: 'never',
  async answer() {
    return { kind: 'abstain', reason: 'never answers' };
  },
};
