import { randomUUID } from 'node:crypto';
import type { CrossSourcePlan } from '@askdata/assistant';

/** A previewed plan waiting for its person to confirm the full run. */
export interface PendingPlan {
  id: string;
  userId: string;
  fileDatasourceId: string;
  databaseDatasourceId: string;
  plan: CrossSourcePlan;
  expiresAt: number;
}

/**
 * Previewed cross-source plans, kept in this process for a while so "Run in full" runs exactly what was
 * previewed. Plans expire (default 15 minutes) and the oldest go first past `capacity`; another server
 * process does not see them, so a run sent elsewhere asks for a new preview (404).
 */
export class CrossSourcePlans {
  private readonly plans = new Map<string, PendingPlan>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly capacity = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  add(entry: Omit<PendingPlan, 'id' | 'expiresAt'>): PendingPlan {
    this.sweep();
    while (this.plans.size >= this.capacity) {
      const oldest = this.plans.keys().next().value;
      if (oldest === undefined) break;
      this.plans.delete(oldest);
    }
    const pending = { ...entry, id: randomUUID(), expiresAt: this.now() + this.ttlMs };
    this.plans.set(pending.id, pending);
    return pending;
  }

  /** The plan when it exists, has not expired and belongs to `userId`; otherwise undefined. */
  get(id: string, userId: string): PendingPlan | undefined {
    this.sweep();
    const pending = this.plans.get(id);
    return pending && pending.userId === userId ? pending : undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, pending] of this.plans) if (pending.expiresAt <= now) this.plans.delete(id);
  }
}
