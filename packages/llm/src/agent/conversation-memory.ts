/**
 * A bounded window of earlier turns for follow-ups: each turn keeps the question, the spec or SQL and a
 * one-line summary of what came back (row count and column names), never the rows. Old turns drop off
 * first when the window is full, so long sessions stay within the context limit.
 */
import type { QuerySpec } from '@askdata/core';
import type { PromptMessage } from '../privacy/request-gate';

export interface ConversationTurn {
  question: string;
  interpretation?: string;
  spec?: QuerySpec;
  sql?: string;
  /** e.g. "12 rows; columns region, revenue" — no values. */
  summary?: string;
}

export interface MemoryLimits {
  turns: number;
  characters: number;
}

const defaultLimits: MemoryLimits = { turns: 6, characters: 6000 };

export function summariseResult(rowCount: number, columns: readonly string[]): string {
  return `${rowCount} row${rowCount === 1 ? '' : 's'}; columns ${columns.join(', ')}`;
}

function turnSize(turn: ConversationTurn): number {
  return turn.question.length + JSON.stringify(turn).length;
}

/** The newest turns that fit the limits, oldest first, as prompt messages. */
export function memoryMessages(
  turns: readonly ConversationTurn[],
  limits: MemoryLimits = defaultLimits,
): PromptMessage[] {
  const kept: ConversationTurn[] = [];
  let used = 0;
  for (const turn of [...turns].reverse().slice(0, limits.turns)) {
    const cost = turnSize(turn);
    if (used + cost > limits.characters) break;
    used += cost;
    kept.unshift(turn);
  }
  return kept.flatMap((turn): PromptMessage[] => [
    { role: 'user', parts: [{ kind: 'question', text: turn.question }] },
    {
      role: 'assistant',
      parts: [
        {
          kind: 'earlier-answer',
          answer: {
            ...(turn.interpretation ? { interpretation: turn.interpretation } : {}),
            ...(turn.spec ? { spec: turn.spec } : {}),
            ...(turn.sql ? { sql: turn.sql } : {}),
            ...(turn.summary ? { summary: turn.summary } : {}),
          },
        },
      ],
    },
  ]);
}

/** Appends a turn and trims the stored list to the window (callers persist the returned list). */
export function rememberTurn(
  turns: readonly ConversationTurn[],
  turn: ConversationTurn,
  limits: MemoryLimits = defaultLimits,
): ConversationTurn[] {
  return [...turns, turn].slice(-limits.turns);
}
