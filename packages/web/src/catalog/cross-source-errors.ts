import { ApiError } from '../api/client';

/** What the dialog tells a person when a preview or a full run cannot go ahead. */
export interface JoinProblem {
  title: string;
  message: string;
  /** The previewed plan is gone (expired, or the server restarted): the person previews again. */
  planGone: boolean;
}

/** Turns a failed preview or run into a titled sentence; never a stack trace. */
export function describeJoinProblem(
  step: 'preview' | 'run',
  caught: unknown,
  databaseName: string | undefined,
): JoinProblem {
  const message = caught instanceof Error ? caught.message : String(caught);
  if (step === 'run' && caught instanceof ApiError && caught.status === 404)
    return {
      title: 'This preview has expired',
      message: 'A preview can be run in full for 15 minutes. Press Preview to plan the question again.',
      planGone: true,
    };
  if (caught instanceof ApiError && caught.status === 503)
    return {
      title: `${databaseName ?? 'The database'} cannot be reached`,
      message: `${message} Try again in a moment; if it keeps failing, ask an admin to check the connection.`,
      planGone: false,
    };
  return { title: step === 'run' ? 'Could not run the join' : 'Could not join', message, planGone: false };
}
