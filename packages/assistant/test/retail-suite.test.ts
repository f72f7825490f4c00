import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  evaluateRetail,
  goldColumnsMatch,
  readRetailQuestions,
  summarise,
} from '../../../bench/retail/evaluate-retail';

const baselineFile = resolve(import.meta.dirname, '../../../bench/retail/baseline.json');

describe('retail business-question suite (offline engine on the demo data)', () => {
  const home = mkdtempSync(join(tmpdir(), 'askdata-retail-test-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('has at least 60 questions across the categories users ask', () => {
    const records = readRetailQuestions();
    expect(records.length).toBeGreaterThanOrEqual(60);
    expect(new Set(records.map((record) => record.category)).size).toBeGreaterThanOrEqual(6);
  });

  it('scores gold columns found among the answer columns, in any order', () => {
    expect(goldColumnsMatch([['EMEA', 3]], [[3, 'EMEA', 0.5]], false)).toBe(true);
    expect(goldColumnsMatch([['EMEA', 3]], [['EMEA', 4]], false)).toBe(false);
    expect(goldColumnsMatch([['2024-01-01T00:00:00', 1]], [['2024-01-01', 1]], false)).toBe(true);
    expect(goldColumnsMatch([['a'], ['b']], [['b'], ['a']], true)).toBe(false);
    expect(goldColumnsMatch([['a', 1]], [['a']], false)).toBe(false);
  });

  it('stays within 2 points of the recorded baseline accuracy', async () => {
    const outcomes = await evaluateRetail(home);
    const summary = summarise(outcomes);
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as { accuracy: number };
    console.log(
      `retail suite: accuracy ${(summary.accuracy * 100).toFixed(1)}% (baseline ${(baseline.accuracy * 100).toFixed(1)}%), precision when answered ${(summary.precisionWhenAnswered * 100).toFixed(1)}%`,
    );
    expect(summary.accuracy).toBeGreaterThanOrEqual(baseline.accuracy - 0.02);
  });
});
