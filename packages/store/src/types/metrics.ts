/** Metric definitions with owners and versions. */

export interface MetricDefinition {
  id: string;
  orgId: string;
  name: string;
  description: string;
  expression: string;
  table: string;
  owner: string | null;
  /** 1 on create, +1 on every update. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewMetricDefinition {
  name: string;
  description: string;
  expression: string;
  table: string;
  owner?: string | null;
}

export interface MetricRepository {
  /** Throws AskdataError 'conflict' when the name is taken in this organisation. */
  create(orgId: string, input: NewMetricDefinition): Promise<MetricDefinition>;
  get(orgId: string, id: string): Promise<MetricDefinition | null>;
  list(orgId: string): Promise<MetricDefinition[]>;
  update(orgId: string, id: string, patch: Partial<NewMetricDefinition>): Promise<MetricDefinition | null>;
}
