/** The verdict on one request: allowed, or refused until `retryAfterSeconds` from now. */
export interface RateDecision {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/** Fixed-window request counting per key (user id, or client address when anonymous). */
export interface RateLimiter {
  hit(key: string): Promise<RateDecision>;
  close(): Promise<void>;
}

export interface RateLimit {
  max: number;
  windowMs: number;
}

export function decide(count: number, limit: RateLimit, windowEndsInMs: number): RateDecision {
  return {
    allowed: count <= limit.max,
    remaining: Math.max(0, limit.max - count),
    retryAfterSeconds: Math.max(1, Math.ceil(windowEndsInMs / 1000)),
  };
}
