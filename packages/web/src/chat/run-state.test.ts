import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../api/types';
import { applyRunEvent, initialRunState, type RunState } from './run-state';

const fold = (events: RunEvent[], from: RunState = initialRunState) => events.reduce(applyRunEvent, from);

describe('applyRunEvent', () => {
  it('tracks steps in start order and marks them done with their time', () => {
    const state = fold([
      { type: 'step-started', step: 'understanding' },
      { type: 'step-finished', step: 'understanding', elapsedMs: 12 },
      { type: 'step-started', step: 'querying' },
    ]);
    expect(state.steps).toEqual([
      { step: 'understanding', status: 'done', elapsedMs: 12 },
      { step: 'querying', status: 'running' },
    ]);
    expect(state.status).toBe('running');
  });

  it('keeps interpretation, SQL, warnings and clarification choices', () => {
    const state = fold([
      { type: 'interpretation', text: 'Revenue by region', confidence: 0.9 },
      { type: 'sql', sql: 'SELECT 1', dialect: 'duckdb' },
      { type: 'warning', message: 'full scan' },
      {
        type: 'clarification',
        question: 'Which revenue?',
        options: [{ description: 'Gross' }, { description: 'Net' }],
      },
    ]);
    expect(state.interpretation).toEqual({ text: 'Revenue by region', confidence: 0.9 });
    expect(state.sql).toBe('SELECT 1');
    expect(state.warnings).toEqual(['full scan']);
    expect(state.clarification).toEqual({ question: 'Which revenue?', options: ['Gross', 'Net'] });
  });

  it('closes running steps on done and ignores anything after it', () => {
    const state = fold([
      { type: 'step-started', step: 'writing' },
      { type: 'done', status: 'cancelled' },
      { type: 'sql', sql: 'SELECT 2', dialect: 'duckdb' },
    ]);
    expect(state.status).toBe('cancelled');
    expect(state.steps).toEqual([{ step: 'writing', status: 'done' }]);
    expect(state.sql).toBeUndefined();
  });

  it('streams the narrative the model writes until the answer replaces it', () => {
    const state = fold([
      { type: 'model-text', purpose: 'plan', delta: 'SELECT' },
      { type: 'model-text', purpose: 'narrative', delta: 'Revenue rose ' },
      { type: 'model-text', purpose: 'narrative', delta: '12%.' },
    ]);
    expect(state.liveText).toBe('Revenue rose 12%.');
    expect(state.warnings).toEqual([]);
  });
});
