import type { PipelineEvent } from '@askdata/assistant';
import type { FinalRunStatus, JsonValue, RunError } from '@askdata/store';

/** How a run ends: its final status, its error, and what its assistant message says. */
export interface Outcome {
  status: FinalRunStatus;
  error?: RunError;
  message: { content: string; answer: JsonValue | null };
}

/** How each kind of final pipeline event fills the assistant message; other events only stream. */
export function outcomeOf(event: PipelineEvent): Outcome | undefined {
  switch (event.type) {
    case 'answer':
      return {
        status: 'succeeded',
        message: { content: event.answer.narrative.text, answer: event.answer as unknown as JsonValue },
      };
    case 'clarification':
      return {
        status: 'succeeded',
        message: { content: event.question, answer: event as unknown as JsonValue },
      };
    case 'abstention':
      return {
        status: 'succeeded',
        message: { content: event.reason, answer: event as unknown as JsonValue },
      };
    case 'error':
      return {
        status: event.code === 'query_cancelled' ? 'cancelled' : 'failed',
        error: { code: event.code, message: event.message },
        message: { content: event.message, answer: null },
      };
    default:
      return undefined;
  }
}

export const unfinished: Outcome = {
  status: 'failed',
  error: { code: 'internal', message: 'The pipeline stopped without a final event.' },
  message: { content: 'The pipeline stopped without a final event.', answer: null },
};
