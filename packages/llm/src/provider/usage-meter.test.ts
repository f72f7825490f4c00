import { describe, expect, it } from 'vitest';
import { priceOf } from '../config/model-prices';
import { UsageMeter } from './usage-meter';

describe('UsageMeter', () => {
  const prices = (model: string) => {
    const [provider, name] = model.split(':') as ['openai', string];
    return priceOf({ provider, model: name });
  };

  it('counts tokens and cost per call and per session', () => {
    const meter = new UsageMeter({}, prices);
    const start = meter.snapshot();
    expect(meter.record('openai:gpt-4.1', { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(6);
    expect(meter.record('openai:unknown-model', { inputTokens: 10, outputTokens: 10 })).toBeUndefined();
    expect(meter.since(start)).toEqual({
      inputTokens: 1_000_010,
      outputTokens: 500_010,
      calls: 2,
      costUsd: 6,
      costIncomplete: true,
    });
  });

  it('stops with a clear message once the dollar budget is spent', () => {
    const meter = new UsageMeter({ usd: 0.01 }, prices);
    meter.check();
    meter.record('openai:gpt-4.1-mini', { inputTokens: 20_000, outputTokens: 2_000 });
    expect(() => meter.check()).toThrow(
      /The LLM budget of \$0.01 for this session is used up \(\$0.0112 spent\)/,
    );
  });
});
