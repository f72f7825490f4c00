/** Previewed cross-source plans waiting for "Run in full", shared by every server process. */

import type { JsonObject } from './json';

export interface PendingCrossSourcePlan {
  id: string;
  orgId: string;
  /** The person who previewed it; nobody else can run it. */
  userId: string;
  fileDatasourceId: string;
  databaseDatasourceId: string;
  /** The plan exactly as previewed (question, QuerySpec, join key), as JSON. */
  plan: JsonObject;
  createdAt: string;
  expiresAt: string;
}

export interface NewCrossSourcePlan {
  userId: string;
  fileDatasourceId: string;
  databaseDatasourceId: string;
  plan: JsonObject;
  /** How long the plan may be run; default 15 minutes. */
  expiresInMs?: number;
}

export interface CrossSourcePlanRepository {
  /** Stores a plan and forgets the expired ones. */
  create(orgId: string, input: NewCrossSourcePlan): Promise<PendingCrossSourcePlan>;
  /** The plan when it exists, has not expired and belongs to `userId`; otherwise null. */
  get(orgId: string, id: string, userId: string): Promise<PendingCrossSourcePlan | null>;
  /** Deletes expired plans; returns how many. */
  deleteExpired(): Promise<number>;
}
