import { describe, expect, it } from 'vitest';
import type { EvalRecord } from './records';
import { compareWithBaseline, firstSources, type RegressionRun } from './regression-sample';

const record = (id: string, table: string): EvalRecord => ({
  kind: 'denotation',
  id,
  question: id,
  table,
  answers: ['x'],
  fields: {},
});

describe('firstSources', () => {
  it('takes whole tables in order of first appearance, up to the limit', () => {
    const records = [
      record('1', 'a'),
      record('2', 'b'),
      record('3', 'a'),
      record('4', 'c'),
      record('5', 'b'),
    ];
    expect(firstSources(records, 4).map((item) => item.id)).toEqual(['1', '3', '2', '5']);
    expect(firstSources(records, 2).map((item) => item.id)).toEqual(['1', '3']);
  });
});

describe('compareWithBaseline', () => {
  const figures = (accuracy: number, errors = 0) => ({
    records: 100,
    scored: 100 - errors,
    errors,
    accuracy,
    precision: 0.9,
    abstentionRate: 0.1,
  });
  const baseline = {
    recordedAt: '2026-01-01T00:00:00Z',
    engine: 'offline',
    command: 'npm run eval:baseline',
    sets: { spider: figures(0.4), wtq: figures(0.25) },
  };
  const run = (spider: number, wtq: number, engine = 'offline', errors = 0): RegressionRun => ({
    engine,
    sets: { spider: figures(spider, errors), wtq: figures(wtq) },
    failures: { spider: [], wtq: [] },
  });

  it('passes within 2 points and fails beyond', () => {
    expect(compareWithBaseline(run(0.385, 0.3), baseline)).toEqual([]);
    expect(compareWithBaseline(run(0.37, 0.25), baseline)).toEqual([
      'spider: accuracy 37.0% is more than 2 points below the baseline 40.0%',
    ]);
  });

  it('fails when the engine changed or records stopped being scorable', () => {
    expect(compareWithBaseline(run(0.4, 0.25, 'other'), baseline)).toEqual([
      'baseline was recorded with "offline" but this run used "other"',
    ]);
    expect(compareWithBaseline(run(0.4, 0.25, 'offline', 5), baseline)).toEqual([
      'spider: 5 records could not be scored (baseline 0)',
    ]);
  });
});
