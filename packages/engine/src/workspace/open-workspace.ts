import { join, resolve } from 'node:path';
import { createQueryInstance } from './query-instance';
import { ensureWorkspaceFolders, Workspace } from './workspace';

export interface WorkspaceOptions {
  /** Workspace folder (default `./.askdata`); the CLI passes ASKDATA_HOME, the engine never reads env. */
  home?: string;
  /** Largest file `load` accepts (default 2 GiB). */
  maxFileBytes?: number;
}

interface CachedWorkspace {
  workspace: Promise<Workspace>;
  references: number;
}

/** One query instance per workspace folder in this process, shared by every `openWorkspace` call. */
const open = new Map<string, CachedWorkspace>();

export const defaultMaxFileBytes = 2 * 1024 ** 3;

/**
 * Opens (or returns the already open) workspace at `home`. Each call must be paired with `close()`;
 * the DuckDB instance closes when the last user closes it.
 */
export async function openWorkspace(options: WorkspaceOptions = {}): Promise<Workspace> {
  const home = resolve(options.home ?? '.askdata');
  const cached = open.get(home);
  if (cached) {
    cached.references++;
    return cached.workspace;
  }
  const entry: CachedWorkspace = { references: 1, workspace: Promise.resolve(undefined as never) };
  entry.workspace = (async () => {
    const paths = await ensureWorkspaceFolders(home);
    const instance = await createQueryInstance(paths.snapshots, join(paths.scratch, `spill-${process.pid}`));
    const handle: Workspace = new Workspace(
      paths,
      instance,
      options.maxFileBytes ?? defaultMaxFileBytes,
      () => {
        entry.references--;
        if (entry.references > 0) return false;
        open.delete(home);
        instance.closeSync();
        return true;
      },
    );
    await handle.refresh(true);
    return handle;
  })();
  open.set(home, entry);
  entry.workspace.catch(() => open.delete(home));
  return entry.workspace;
}
