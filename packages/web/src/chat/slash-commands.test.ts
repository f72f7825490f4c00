import { describe, expect, it } from 'vitest';
import { matchingCommands, parseComposerLine } from './slash-commands';

describe('parseComposerLine', () => {
  it('asks plain text', () => {
    expect(parseComposerLine('  revenue by region ')).toEqual({ kind: 'ask', question: 'revenue by region' });
  });

  it('reads each command and its argument', () => {
    expect(parseComposerLine('/upload')).toEqual({ kind: 'upload' });
    expect(parseComposerLine('/profile orders')).toEqual({ kind: 'profile', table: 'orders' });
    expect(parseComposerLine('/EXPLAIN top products')).toEqual({ kind: 'explain', question: 'top products' });
    expect(parseComposerLine('/sql SELECT *\nFROM orders')).toEqual({
      kind: 'sql',
      sql: 'SELECT *\nFROM orders',
    });
  });

  it('explains what is missing or unknown', () => {
    expect(parseComposerLine('/profile')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('table'),
    });
    expect(parseComposerLine('/drop x')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('/drop'),
    });
  });
});

describe('matchingCommands', () => {
  it('completes a bare slash word only', () => {
    expect(matchingCommands('/').map((command) => command.name)).toEqual([
      '/upload',
      '/profile',
      '/explain',
      '/sql',
    ]);
    expect(matchingCommands('/s').map((command) => command.name)).toEqual(['/sql']);
    expect(matchingCommands('/sql SELECT')).toEqual([]);
    expect(matchingCommands('hello')).toEqual([]);
  });
});
