import { decide, type RateLimit, type RateLimiter } from './rate-limiter';

/** Counts in this process: right for one `askdata serve`; several processes need the Redis limiter. */
export function memoryRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let sweptAt = now();
  return {
    async hit(key) {
      const time = now();
      if (time - sweptAt > limit.windowMs) {
        for (const [name, window] of windows) if (window.endsAt <= time) windows.delete(name);
        sweptAt = time;
      }
      let window = windows.get(key);
      if (!window || window.endsAt <= time) {
        window = { count: 0, endsAt: time + limit.windowMs };
        windows.set(key, window);
      }
      window.count++;
      return decide(window.count, limit, window.endsAt - time);
    },
    async close() {
      windows.clear();
    },
  };
}
