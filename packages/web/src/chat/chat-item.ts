import type { Answer, Message, SqlResult } from '../api/types';

/** What the conversation shows: stored messages, live runs, and local results of slash commands. */
export type ChatItem =
  | { kind: 'question'; key: string; text: string }
  | { kind: 'run'; key: string; runId: string; messageId: string; explain: boolean }
  | { kind: 'answer'; key: string; messageId: string; answer: Answer }
  | { kind: 'note'; key: string; text: string; tone: 'info' | 'error' }
  | { kind: 'sql'; key: string; sql: string; result?: SqlResult; error?: string }
  | { kind: 'profile'; key: string; table: string }
  | { kind: 'clarification'; key: string; question: string; options: string[] }
  | { kind: 'abstention'; key: string; reason: string; suggestions: string[] };

/** The server stores a clarification or an abstention event in place of an answer. */
type StoredOutcome =
  | { type: 'clarification'; question: string; options: { description: string }[] }
  | { type: 'abstention'; reason: string; suggestions: string[] };

let counter = 0;
export function localKey(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now()}-${counter}`;
}

/** Turns a session's stored messages into chat items; unfinished runs are followed again. */
export function itemsFromMessages(messages: Message[]): ChatItem[] {
  return messages.map((message): ChatItem => {
    if (message.role === 'user') return { kind: 'question', key: message.id, text: message.content };
    const stored = message.answer as (Answer & { type?: undefined }) | StoredOutcome | null | undefined;
    if (stored?.type === 'clarification') {
      const options = stored.options.map((option) => option.description);
      return { kind: 'clarification', key: message.id, question: stored.question, options };
    }
    if (stored?.type === 'abstention') {
      return { kind: 'abstention', key: message.id, reason: stored.reason, suggestions: stored.suggestions };
    }
    if (stored) return { kind: 'answer', key: message.id, messageId: message.id, answer: stored };
    if ((message.status === 'running' || message.status === 'queued') && message.runId) {
      return { kind: 'run', key: message.id, runId: message.runId, messageId: message.id, explain: false };
    }
    const fallback: Record<string, string> = {
      cancelled: 'Stopped.',
      pending: 'Still answering… open it again in a moment.',
    };
    return {
      kind: 'note',
      key: message.id,
      text: message.content || (fallback[message.status] ?? 'No answer.'),
      tone: message.status === 'failed' ? 'error' : 'info',
    };
  });
}
