/**
 * The Redis rate limiter on the real Redis: hits that arrive together on one key share one round trip,
 * yet each gets the count it would have got alone, so exactly `max` are allowed.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { probeService, serviceAddresses } from '../../../test-support/services';
import { redisRateLimiter } from '../src/rate-limit/redis-rate-limiter';

const redisAvailable = await probeService('redis');

describe.skipIf(!redisAvailable)('redis rate limiter', () => {
  const redis = redisAvailable ? new Redis(serviceAddresses.redis.url) : undefined;
  const prefix = `askdata:test-rate:${process.pid}:${Date.now()}:`;
  afterAll(async () => {
    const keys = (await redis?.keys(`${prefix}*`)) ?? [];
    if (keys.length > 0) await redis?.del(...keys);
    redis?.disconnect();
  });

  it('counts hits that arrive together one by one, in one INCRBY per key', async () => {
    if (!redis) throw new Error('redis is reachable');
    const limiter = redisRateLimiter(redis, { max: 7, windowMs: 60_000 }, prefix);
    const calls = vi.spyOn(redis, 'eval');
    const decisions = await Promise.all(Array.from({ length: 10 }, () => limiter.hit('ada')));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(7);
    expect(decisions.map((decision) => decision.remaining).sort((a, b) => b - a)).toEqual([
      6, 5, 4, 3, 2, 1, 0, 0, 0, 0,
    ]);
    expect(calls).toHaveBeenCalledTimes(1);
    const [key] = await redis.keys(`${prefix}ada:*`);
    expect(await redis.get(key ?? '')).toBe('10');
    expect(await redis.pttl(key ?? '')).toBeGreaterThan(0);
    // Another key counts on its own; later hits go on from the stored count.
    const [other] = await Promise.all([limiter.hit('bob'), limiter.hit('ada')]);
    expect(other).toMatchObject({ allowed: true, remaining: 6 });
    expect(await redis.get(key ?? '')).toBe('11');
  });
});
