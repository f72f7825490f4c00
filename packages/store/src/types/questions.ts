/** Questions asked in a session and how their runs end, written for many at once (group commit). */

import type { AuditActor, NewAuditEntry } from './audit';
import type { ChatSession, Message, MessageStatus } from './conversations';
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
  /**
   * Commit the run already claimed by this store's process (status `running`), for a caller that runs it
   * at once; otherwise it is `queued` for any process to claim.
   */
  claim?: boolean;
  /**
   * The answer, when it is known before the commit (a replayed offline answer): the question is then
   * committed with its run already finished — answer message complete, run succeeded with these events
   * and audit entries — in the same transaction. Only if the session's latest complete reply is still
   * `previousReplyId` (what the answer was computed against); otherwise it is committed as usual.
   */
  knownAnswer?: KnownAnswer;
}

export interface KnownAnswer {
  previousReplyId: string | null;
  /** Chosen by the caller, so the audit entries can name the run. */
  runId: string;
  events: readonly NewRunEvent[];
  message: { content: string; answer: JsonValue | null };
  audit?: readonly NewAuditEntry[];
}

export interface AskedQuestion {
  userMessage: Message;
  /** The assistant message the run fills in (status `pending`). */
  answerMessage: Message;
  /**
   * The queued run (or, for a question committed with its known answer, the succeeded one). Its input is the question's, plus `previousReplyId`: the session's latest complete
   * assistant message when the question was committed (null when none), which a follow-up builds on.
   */
  run: Run;
  /** The session, its `updatedAt` moved to this question. */
  session: ChatSession;
}

export interface RunConclusion {
  runId: string;
  messageId: string;
  /** Events not yet stored, numbered on from the run's last stored event. */
  events: readonly NewRunEvent[];
  message: { content: string; answer: JsonValue | null; status: MessageStatus };
  status: FinalRunStatus;
  error?: RunError;
  /** Audit entries of the run (the SQL it ran…), chained in the same transaction as its final status. */
  audit?: readonly NewAuditEntry[];
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
