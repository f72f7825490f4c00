import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import type { Catalog } from './catalog';
import { attachSnapshot, detachSnapshot, dropView, pointView } from './query-instance';

/**
 * Keeps the query instance in step with the catalog: every current snapshot attached READ_ONLY, one
 * view per table in `main` pointing at it, and nothing else. Idempotent; callers serialise calls.
 */
export class SnapshotViews {
  private readonly attached = new Set<string>();
  private readonly views = new Map<string, string>();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly snapshotsDirectory: string,
  ) {}

  snapshotFile(snapshotId: string): string {
    return join(this.snapshotsDirectory, `${snapshotId}.duckdb`);
  }

  async sync(catalog: Catalog): Promise<void> {
    const wanted = new Map<string, string>();
    for (const dataset of catalog.datasets) {
      if (!existsSync(this.snapshotFile(dataset.snapshotId))) continue;
      for (const table of dataset.tables) wanted.set(table.name, dataset.snapshotId);
    }
    for (const snapshotId of new Set(wanted.values())) {
      if (this.attached.has(snapshotId)) continue;
      await attachSnapshot(this.instance, this.snapshotFile(snapshotId), snapshotId);
      this.attached.add(snapshotId);
    }
    for (const [table, snapshotId] of wanted) {
      if (this.views.get(table) === snapshotId) continue;
      await pointView(this.instance, table, snapshotId);
      this.views.set(table, snapshotId);
    }
    for (const table of [...this.views.keys()]) {
      if (wanted.has(table)) continue;
      await dropView(this.instance, table);
      this.views.delete(table);
    }
    const inUse = new Set(wanted.values());
    for (const snapshotId of [...this.attached]) {
      if (inUse.has(snapshotId)) continue;
      await detachSnapshot(this.instance, snapshotId);
      this.attached.delete(snapshotId);
    }
  }
}
