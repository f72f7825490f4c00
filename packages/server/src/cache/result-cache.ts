import { createHash } from 'node:crypto';
import type { QueryResult } from '@askdata/core';
import type { Redis } from 'ioredis';

/** What identifies a result: the validated SQL, its row cap, and the snapshots of the data it read. */
export interface ResultKey {
  sql: string;
  maxRows: number;
  snapshotIds: readonly string[];
}

/**
 * Results of validated SQL over immutable snapshots: the same key always means the same rows, so entries
 * never go stale, they only age out.
 */
export interface ResultCache {
  get(key: ResultKey): Promise<QueryResult | undefined>;
  set(key: ResultKey, result: QueryResult): Promise<void>;
  readonly stats: { hits: number; misses: number };
}

export function resultCacheKey(key: ResultKey): string {
  return createHash('sha256')
    .update(`${key.sql}\0${key.maxRows}\0${[...key.snapshotIds].sort().join(',')}`)
    .digest('hex');
}

/** In this process, least recently used out first. */
export function memoryResultCache(maxEntries = 500): ResultCache {
  const entries = new Map<string, QueryResult>();
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    async get(key) {
      const name = resultCacheKey(key);
      const found = entries.get(name);
      if (!found) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      entries.delete(name);
      entries.set(name, found);
      return found;
    },
    async set(key, result) {
      entries.set(resultCacheKey(key), result);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}

/** Shared by every process on the same Redis; entries expire after `ttlSeconds`. */
export function redisResultCache(redis: Redis, ttlSeconds = 3600, prefix = 'askdata:result:'): ResultCache {
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    async get(key) {
      const text = await redis.get(`${prefix}${resultCacheKey(key)}`);
      if (text === null) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      return JSON.parse(text) as QueryResult;
    },
    async set(key, result) {
      await redis.set(`${prefix}${resultCacheKey(key)}`, JSON.stringify(result), 'EX', ttlSeconds);
    },
  };
}
