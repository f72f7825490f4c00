import type { Redis } from 'ioredis';
import { decide, type RateLimit, type RateLimiter } from './rate-limiter';

interface Waiting {
  resolve: (count: number) => void;
  reject: (error: unknown) => void;
}

/** Adds to a window's count, setting its expiry when the add created it; returns the new count. One command. */
const countScript = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return count`;

/**
 * Counts shared by every process on the same Redis: a counter per user and window, expiring with it.
 * The hits of one turn of the event loop on the same key go to Redis as one script call, and each gets
 * the count it would have got alone (the counts are the same as one INCR each, in one round trip).
 */
export function redisRateLimiter(redis: Redis, limit: RateLimit, prefix = 'askdata:rate:'): RateLimiter {
  let pending = new Map<string, Waiting[]>();

  async function count(name: string, waiting: Waiting[]): Promise<void> {
    try {
      const counted = await redis.eval(countScript, 1, name, waiting.length, limit.windowMs);
      const first = Number(counted) - waiting.length;
      for (const [index, hit] of waiting.entries()) hit.resolve(first + index + 1);
    } catch (error) {
      for (const hit of waiting) hit.reject(error);
    }
  }

  function flush(): void {
    const batch = pending;
    pending = new Map();
    for (const [name, waiting] of batch) void count(name, waiting);
  }

  return {
    async hit(key) {
      const now = Date.now();
      const window = Math.floor(now / limit.windowMs);
      const name = `${prefix}${key}:${window}`;
      const counted = new Promise<number>((resolve, reject) => {
        if (pending.size === 0) setImmediate(flush);
        const waiting = pending.get(name);
        if (waiting) waiting.push({ resolve, reject });
        else pending.set(name, [{ resolve, reject }]);
      });
      return decide(await counted, limit, (window + 1) * limit.windowMs - now);
    },
    async close() {},
  };
}
