import type { CrossSourcePlan } from '@askdata/assistant';
import type { JsonObject, Store } from '@askdata/store';

/** A previewed plan waiting for its person to confirm the full run. */
export interface PendingPlan {
  id: string;
  userId: string;
  fileDatasourceId: string;
  databaseDatasourceId: string;
  plan: CrossSourcePlan;
  expiresAt: string;
}

/** How long a previewed plan may be run in full. */
export const planLifetimeMs = 15 * 60_000;

/**
 * Previewed cross-source plans, kept in the metadata store so "Run in full" runs exactly what was previewed
 * on whichever server process receives it. Plans belong to the person who previewed them and expire after
 * 15 minutes; an expired or someone else's plan is simply not found.
 */
export function crossSourcePlans(store: Pick<Store, 'crossSourcePlans'>, orgId: string) {
  return {
    async add(entry: Omit<PendingPlan, 'id' | 'expiresAt'>): Promise<PendingPlan> {
      const stored = await store.crossSourcePlans.create(orgId, {
        ...entry,
        plan: entry.plan as unknown as JsonObject,
        expiresInMs: planLifetimeMs,
      });
      return { ...entry, id: stored.id, expiresAt: stored.expiresAt };
    },

    /** The plan when it exists, has not expired and belongs to `userId`; otherwise undefined. */
    async get(id: string, userId: string): Promise<PendingPlan | undefined> {
      const stored = await store.crossSourcePlans.get(orgId, id, userId);
      if (!stored || !looksLikePlan(stored.plan)) return undefined;
      return {
        id: stored.id,
        userId: stored.userId,
        fileDatasourceId: stored.fileDatasourceId,
        databaseDatasourceId: stored.databaseDatasourceId,
        plan: stored.plan as unknown as CrossSourcePlan,
        expiresAt: stored.expiresAt,
      };
    },
  };
}

/** A stored plan written by an older version with another shape is treated as gone (preview again). */
function looksLikePlan(value: JsonObject): boolean {
  const isObject = (item: unknown) => typeof item === 'object' && item !== null && !Array.isArray(item);
  return (
    typeof value.question === 'string' &&
    isObject(value.spec) &&
    isObject(value.key) &&
    isObject(value.relationship)
  );
}
