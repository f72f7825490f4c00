import { appendChained } from '../audit/audit-append';
import type { QuestionRepository, Run, RunConclusion } from '../types';
import { askQuestions } from './ask-questions';
import { type RepositoryContext, toJson } from './context';
import { appendRunEvents, withAnswerByReference } from './run-event-rows';
import { runColumns, toRun } from './runs';

const prefixedRunColumns = runColumns
  .split(', ')
  .map((column) => `r.${column}`)
  .join(', ');

/** The conclusion with the events that carry its answer stored by reference (see withAnswerByReference). */
function answerByReference(conclusion: RunConclusion): RunConclusion {
  const { events } = withAnswerByReference(
    conclusion.events,
    conclusion.message.answer,
    conclusion.messageId,
  );
  return { ...conclusion, events };
}

/** Every statement takes its rows as one JSON array, so a group of any size is one statement per table. */
export function createQuestionRepository({ client, processId }: RepositoryContext): QuestionRepository {
  return {
    ask(orgId, questions) {
      if (questions.length === 0) return Promise.resolve([]);
      return askQuestions(client, processId, orgId, questions);
    },

    appendEvents(orgId, batches) {
      if (batches.length === 0) return Promise.resolve([]);
      return client.transaction(async (transaction) => {
        const firstSeq = await appendRunEvents(transaction, orgId, batches);
        return batches.map((batch) => firstSeq.get(batch.runId) ?? null);
      });
    },

    conclude(orgId, conclusions) {
      if (conclusions.length === 0) return Promise.resolve([]);
      return client.transaction(async (transaction) => {
        await appendRunEvents(transaction, orgId, conclusions.map(answerByReference));
        await transaction.query(
          `UPDATE messages m SET content = v.content, status = v.status, answer = v.answer, updated_at = now()
           FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, content text, status text, answer jsonb)
           WHERE m.org_id = $1 AND m.id = v.id`,
          [
            orgId,
            toJson(
              conclusions.map((conclusion) => ({
                id: conclusion.messageId,
                content: conclusion.message.content,
                status: conclusion.message.status,
                answer: conclusion.message.answer,
              })),
            ),
          ],
        );
        const finished = await transaction.query(
          `UPDATE runs r SET status = v.status, error = v.error, finished_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, status text, error jsonb)
           WHERE r.id = v.id AND r.status IN ('queued', 'running') RETURNING ${prefixedRunColumns}`,
          [
            toJson(
              conclusions.map((conclusion) => ({
                id: conclusion.runId,
                status: conclusion.status,
                error: conclusion.error ?? null,
              })),
            ),
          ],
        );
        const audit = conclusions.flatMap((conclusion) =>
          (conclusion.audit ?? []).map((entry) => ({ orgId, entry })),
        );
        if (audit.length > 0) await appendChained(transaction, audit);
        const runsById = new Map<string, Run>(finished.map(toRun).map((run) => [run.id, run]));
        return conclusions.map((conclusion) => runsById.get(conclusion.runId) ?? null);
      });
    },
  };
}
