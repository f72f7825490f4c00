import { describe, expect, it } from 'vitest';
import { chartSpecFor } from './chart-theme';

describe('chartSpecFor', () => {
  const spec = {
    config: { background: '#FFFFFF', axis: { labelColor: '#57606A' } },
    layer: [{ mark: { type: 'bar', color: '#0072B2' } }, { mark: { type: 'text', color: '#57606A' } }],
    data: { values: [{ colour: '#FFFFFF' }] },
  };

  it('keeps the light spec as it is', () => {
    expect(chartSpecFor(spec, 'light')).toBe(spec);
  });

  it('swaps theme colours everywhere but in the data', () => {
    expect(chartSpecFor(spec, 'dark')).toEqual({
      config: { background: 'transparent', axis: { labelColor: '#9DA7B3' } },
      layer: [{ mark: { type: 'bar', color: '#56B4E9' } }, { mark: { type: 'text', color: '#9DA7B3' } }],
      data: { values: [{ colour: '#FFFFFF' }] },
    });
  });
});
