import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined, so key order never changes a hash', () => {
    const a = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, skip: undefined };
    const b = { a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('keeps strings exact, including quotes and non-ASCII', () => {
    expect(canonicalJson({ s: 'a "q" é\n' })).toBe('{"s":"a \\"q\\" é\\n"}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });
});
