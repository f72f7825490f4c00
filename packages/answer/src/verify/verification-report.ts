import type { Caveat } from '../narrative/fact';

export type CheckId =
  | 'empty_result'
  | 'tiny_result'
  | 'duplicate_groups'
  | 'parts_sum_to_total'
  | 'no_double_counting'
  | 'negative_count'
  | 'share_range'
  | 'magnitude_in_range'
  | 'first_place_tie';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped';

export interface VerificationCheck {
  id: CheckId;
  status: CheckStatus;
  message: string;
  details?: Record<string, unknown>;
}

export interface VerificationReport {
  checks: VerificationCheck[];
  /** Warnings and failures as caveats for the narrative; their weights sum to -confidenceDelta. */
  caveats: Caveat[];
  confidenceDelta: number;
  /** A question to put back to the person when a failure makes the answer doubtful. */
  clarification?: string;
}
