/** Questions asked in a session and how their runs end, written for many at once (group commit). */

import type { AuditActor } from './audit';
import type { Message, MessageStatus } from './conversations';
import type { JsonObject, JsonValue } from './json';
import type { FinalRunStatus, NewRunEvent, Run, RunError } from './runs';

export interface NewQuestion {
  sessionId: string;
  userId: string;
  question: string;
  /** What the run needs (question, datasource id…). */
  input: JsonObject;
  /** Who asked, for the `question.asked` audit entry. */
  actor: AuditActor;
  /** Extra audit details (datasource id…); the session id and question are added. */
  auditDetails?: JsonObject;
}

export interface AskedQuestion {
  userMessage: Message;
  /** The assistant message the run fills in (status `pending`). */
  answerMessage: Message;
  run: Run;
}

export interface RunConclusion {
  runId: string;
  messageId: string;
  /** Events not yet stored, numbered on from the run's last stored event. */
  events: readonly NewRunEvent[];
  message: { content: string; answer: JsonValue | null; status: MessageStatus };
  status: FinalRunStatus;
  error?: RunError;
}

export interface QuestionRepository {
  /**
   * For each question: the user message, a pending assistant message, a queued run and a `question.asked`
   * audit entry, all in one transaction (the caller's, if any) with a few statements however many questions.
   */
  ask(orgId: string, questions: readonly NewQuestion[]): Promise<AskedQuestion[]>;
  /**
   * Appends each run's events after its last stored one, for many runs in one transaction; returns the
   * number given to each run's first event (null for a run with no events).
   */
  appendEvents(
    orgId: string,
    batches: readonly { runId: string; events: readonly NewRunEvent[] }[],
  ): Promise<(number | null)[]>;
  /**
   * For each run: its last events, its answer message and its final status, in one transaction. The run is
   * null where it had already finished (nothing else is written for it then).
   */
  conclude(orgId: string, conclusions: readonly RunConclusion[]): Promise<(Run | null)[]>;
}
