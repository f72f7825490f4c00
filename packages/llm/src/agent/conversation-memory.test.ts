import { describe, expect, it } from 'vitest';
import { type ConversationTurn, memoryMessages, rememberTurn } from './conversation-memory';

const turn = (index: number): ConversationTurn => ({
  question: `question ${index}`,
  sql: `SELECT ${index}`,
  summary: '1 row; columns x',
});

describe('conversation memory', () => {
  it('keeps a bounded window of the newest turns, oldest first', () => {
    let turns: ConversationTurn[] = [];
    for (let index = 1; index <= 10; index++)
      turns = rememberTurn(turns, turn(index), { turns: 4, characters: 10_000 });
    expect(turns.map((item) => item.question)).toEqual([
      'question 7',
      'question 8',
      'question 9',
      'question 10',
    ]);
    const messages = memoryMessages(turns, { turns: 4, characters: 10_000 });
    expect(messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  it('drops the oldest turns first when the character limit is reached', () => {
    const turns = [turn(1), { ...turn(2), sql: `SELECT ${'x, '.repeat(200)}1` }, turn(3)];
    const messages = memoryMessages(turns, { turns: 10, characters: 200 });
    expect(messages).toHaveLength(2);
    expect(messages[0]?.parts[0]).toEqual({ kind: 'question', text: 'question 3' });
  });
});
