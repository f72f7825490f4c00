import { type AnalysisSource, type PreparedSource, prepareSource } from '@askdata/assistant';
import { AskdataError } from '@askdata/core';
import type { Workspace } from '@askdata/engine';
import type { Datasource } from '@askdata/store';
import type { ResultCache } from '../cache/result-cache';
import { isDatabaseKind, openDatabaseSource } from './database-source';
import { scopedDatabaseSource } from './scoped-database-source';
import { type SourceScope, scopedWorkspaceSource, VerdictCache } from './scoped-workspace-source';

/** The decrypted secrets of a datasource (its connection URL), or null when none are stored. */
export type SecretReader = (datasource: Datasource) => Promise<Record<string, string> | null>;

/**
 * Prepared sources (semantic model + value index) per datasource, permission scope and data version, built
 * once and shared: preparing reads every text column's values, which is too slow to do per question.
 * Database datasources keep one open connection each, shared by every scope, until forgotten or closed.
 */
export class SourceRegistry {
  private readonly prepared = new Map<string, Promise<PreparedSource>>();
  private readonly databases = new Map<string, Promise<AnalysisSource>>();
  private readonly verdicts = new VerdictCache();

  constructor(
    private readonly workspace: Workspace,
    private readonly cache: ResultCache,
    private readonly readSecrets: SecretReader,
  ) {}

  async prepare(datasource: Datasource, deniedColumns: readonly string[]): Promise<PreparedSource> {
    const snapshots = isDatabaseKind(datasource.kind) ? [] : await this.workspaceSnapshots(datasource);
    const key = JSON.stringify([datasource.id, [...deniedColumns].sort(), snapshots, datasource.tables]);
    let found = this.prepared.get(key);
    if (!found) {
      found = this.sqlSource(datasource, deniedColumns).then(prepareSource);
      this.prepared.set(key, found);
      found.catch(() => this.prepared.delete(key));
    }
    return found;
  }

  /** A source for guarded SQL (`POST /v1/query`), without the language engine's preparation. */
  async sqlSource(datasource: Datasource, deniedColumns: readonly string[]): Promise<AnalysisSource> {
    const scope: SourceScope = { tables: datasource.tables, deniedColumns };
    if (isDatabaseKind(datasource.kind)) return scopedDatabaseSource(await this.database(datasource), scope);
    return scopedWorkspaceSource(this.workspace, scope, { results: this.cache, verdicts: this.verdicts });
  }

  /** Keeps the connection opened while registering a database, so the first question does not reconnect. */
  adopt(datasourceId: string, source: AnalysisSource): void {
    void this.forget(datasourceId);
    this.databases.set(datasourceId, Promise.resolve(source));
  }

  /** Drops what is cached for a datasource (after a refresh or delete) and closes its connection. */
  async forget(datasourceId: string): Promise<void> {
    for (const key of this.prepared.keys())
      if (key.startsWith(`["${datasourceId}"`)) this.prepared.delete(key);
    const database = this.databases.get(datasourceId);
    this.databases.delete(datasourceId);
    if (database) await closeQuietly(database);
  }

  /** Closes every database connection (server shutdown). */
  async close(): Promise<void> {
    const open = [...this.databases.values()];
    this.databases.clear();
    this.prepared.clear();
    await Promise.all(open.map(closeQuietly));
  }

  private async workspaceSnapshots(datasource: Datasource): Promise<string[]> {
    await this.workspace.refresh();
    return this.workspace
      .datasets()
      .filter((dataset) => dataset.tables.some((table) => datasource.tables.includes(table.name)))
      .map((dataset) => dataset.snapshotId)
      .sort();
  }

  private database(datasource: Datasource): Promise<AnalysisSource> {
    let found = this.databases.get(datasource.id);
    if (!found) {
      found = this.connect(datasource);
      this.databases.set(datasource.id, found);
      found.catch(() => {
        if (this.databases.get(datasource.id) === found) this.databases.delete(datasource.id);
      });
    }
    return found;
  }

  private async connect(datasource: Datasource): Promise<AnalysisSource> {
    if (!isDatabaseKind(datasource.kind)) throw new Error(`${datasource.kind} is not a database`);
    const url = (await this.readSecrets(datasource))?.['url'];
    if (!url)
      throw new AskdataError('connection_failed', `The datasource ${datasource.name} has no connection URL.`);
    return openDatabaseSource(datasource.kind, url);
  }
}

async function closeQuietly(source: Promise<AnalysisSource>): Promise<void> {
  await source.then((opened) => opened.close()).catch(() => undefined);
}
