import { z } from 'zod';

/** What a run needs, stored with it so any process can execute or explain it. */
export const runInputSchema = z.object({
  question: z.string(),
  datasourceId: z.string(),
  asOf: z.string().optional(),
});

export type RunInput = z.infer<typeof runInputSchema>;
