/**
 * What the model must reply, and a tolerant reader for what models actually send: JSON in markdown
 * fences, prose around the JSON, or bare SQL in a ```sql fence. A reply that cannot be read becomes an
 * error whose message goes back to the model for repair.
 */
import { AskdataError, parseQuerySpec, type QuerySpec } from '@askdata/core';
import { z } from 'zod';

const stepSchema = z.object({
  title: z.string().default(''),
  spec: z.unknown().optional(),
  sql: z.string().optional(),
});

export const agentReplySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('spec'), interpretation: z.string().default(''), spec: z.unknown() }),
  z.object({ kind: z.literal('sql'), interpretation: z.string().default(''), sql: z.string().min(1) }),
  z.object({
    kind: z.literal('steps'),
    interpretation: z.string().default(''),
    steps: z.array(stepSchema).min(1).max(4),
  }),
  z.object({
    kind: z.literal('clarify'),
    question: z.string().min(1),
    options: z.array(z.string()).min(2).max(6),
  }),
  z.object({ kind: z.literal('cannot_answer'), reason: z.string().min(1) }),
]);

export type Candidate = { kind: 'spec'; spec: QuerySpec } | { kind: 'sql'; sql: string };

export type AgentReply =
  | { kind: 'query'; interpretation: string; steps: { title: string; candidate: Candidate }[] }
  | { kind: 'clarify'; question: string; options: string[] }
  | { kind: 'cannot_answer'; reason: string };

const fence = /```([a-zA-Z]*)\s*\n?([\s\S]*?)```/g;

function invalid(message: string): AskdataError {
  return new AskdataError('spec_invalid', message);
}

/** SQL without markdown fences or a trailing semicolon. */
export function stripSqlFences(sql: string): string {
  const fenced = [...sql.matchAll(fence)];
  const body = fenced.length > 0 ? (fenced[0]?.[2] ?? sql) : sql;
  return body.trim().replace(/;\s*$/, '');
}

function jsonText(text: string): string | undefined {
  for (const match of text.matchAll(fence)) {
    const body = (match[2] ?? '').trim();
    if (body.startsWith('{')) return body;
  }
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0) return undefined;
  // An unclosed object is still JSON to report on ("Unexpected end of JSON input").
  return end > start ? text.slice(start, end + 1) : text.slice(start);
}

function candidateOf(step: { spec?: unknown; sql?: string | undefined }, where: string): Candidate {
  if (step.spec !== undefined && step.spec !== null) {
    try {
      return { kind: 'spec', spec: parseQuerySpec(step.spec) };
    } catch (error) {
      throw invalid(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (step.sql) return { kind: 'sql', sql: stripSqlFences(step.sql) };
  throw invalid(`${where} has neither a spec nor sql.`);
}

export function parseAgentReply(text: string): AgentReply {
  const json = jsonText(text);
  if (json === undefined) {
    const sqlFence = [...text.matchAll(fence)].find((match) =>
      /^(sql|duckdb|postgres|mysql|sqlite)?$/i.test(match[1] ?? ''),
    );
    const bare = text.trim();
    if (sqlFence || /^(select|with)\b/i.test(bare)) {
      return {
        kind: 'query',
        interpretation: '',
        steps: [
          { title: '', candidate: { kind: 'sql', sql: stripSqlFences(sqlFence ? sqlFence[0] : bare) } },
        ],
      };
    }
    throw invalid('The reply was not a JSON object. Reply with exactly one JSON object and nothing else.');
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw invalid(
      `The reply was not valid JSON (${error instanceof Error ? error.message : 'parse error'}). Reply with exactly one JSON object and nothing else.`,
    );
  }
  const parsed = agentReplySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `The reply does not follow the reply format at ${issue?.path.join('.') || 'the top'}: ${issue?.message ?? 'unknown problem'}.`,
    );
  }
  const reply = parsed.data;
  switch (reply.kind) {
    case 'spec':
      return {
        kind: 'query',
        interpretation: reply.interpretation,
        steps: [{ title: '', candidate: candidateOf(reply, 'The spec') }],
      };
    case 'sql':
      return {
        kind: 'query',
        interpretation: reply.interpretation,
        steps: [{ title: '', candidate: candidateOf(reply, 'The SQL') }],
      };
    case 'steps':
      return {
        kind: 'query',
        interpretation: reply.interpretation,
        steps: reply.steps.map((step, index) => ({
          title: step.title,
          candidate: candidateOf(step, `Step ${index + 1}`),
        })),
      };
    case 'clarify':
      return { kind: 'clarify', question: reply.question, options: reply.options };
    case 'cannot_answer':
      return { kind: 'cannot_answer', reason: reply.reason };
  }
}
