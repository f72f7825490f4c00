import type { Redis } from 'ioredis';
import { decide, type RateLimit, type RateLimiter } from './rate-limiter';

/** Counts shared by every process on the same Redis: INCR on a key per user and window, expiring with it. */
export function redisRateLimiter(redis: Redis, limit: RateLimit, prefix = 'askdata:rate:'): RateLimiter {
  return {
    async hit(key) {
      const now = Date.now();
      const window = Math.floor(now / limit.windowMs);
      const name = `${prefix}${key}:${window}`;
      const results = await redis.multi().incr(name).pexpire(name, limit.windowMs).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return decide(count, limit, (window + 1) * limit.windowMs - now);
    },
    async close() {},
  };
}
