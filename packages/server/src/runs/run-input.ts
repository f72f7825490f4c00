import { z } from 'zod';

/** What a run needs, stored with it so any process can execute or explain it. */
export const runInputSchema = z.object({
  question: z.string(),
  datasourceId: z.string(),
  asOf: z.string().optional(),
  /** The session's latest complete reply when the question was committed: what a follow-up builds on. */
  previousReplyId: z.string().nullable().optional(),
});

export type RunInput = z.infer<typeof runInputSchema>;
