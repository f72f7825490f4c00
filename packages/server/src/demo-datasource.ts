import { type DemoFileKey, demoDataDir, demoLastDay, ensureDemoData } from '@askdata/engine';
import type { Datasource } from '@askdata/store';
import type { ServerDeps } from './app-env';

export const demoDatasourceName = 'Demo retail';

/**
 * Generates and loads the retail demo into the workspace (unchanged files are not reloaded) and registers it
 * as the workspace datasource "Demo retail", readable by everyone; relative dates resolve against its last day.
 */
export async function ensureDemoDatasource(
  deps: Pick<ServerDeps, 'store' | 'org' | 'workspace' | 'config'>,
  options: { dir?: string; files?: readonly DemoFileKey[] } = {},
): Promise<Datasource> {
  const demo = await ensureDemoData(options.dir ?? demoDataDir(deps.config.home));
  const datasetIds: string[] = [];
  const tables: string[] = [];
  const keys = options.files ?? (Object.keys(demo.files) as DemoFileKey[]);
  for (const file of keys.map((key) => demo.files[key])) {
    const loaded = await deps.workspace.load(file);
    datasetIds.push(loaded.dataset.id);
    tables.push(...loaded.dataset.tables.map((table) => table.name));
  }
  const config = { datasetIds, asOf: demoLastDay, demo: true };
  const existing = await deps.store.datasources.findByName(deps.org.id, demoDatasourceName);
  if (existing) {
    return (
      (await deps.store.datasources.update(deps.org.id, existing.id, {
        tables,
        config,
        defaultAccess: 'read',
      })) ?? existing
    );
  }
  return deps.store.datasources.create(deps.org.id, {
    name: demoDatasourceName,
    kind: 'workspace',
    config,
    tables,
    defaultAccess: 'read',
    createdBy: null,
  });
}
