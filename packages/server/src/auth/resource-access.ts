import type { ChatSession, Datasource, Run } from '@askdata/store';
import type { Principal, ServerDeps } from '../app-env';
import { HttpError } from '../http-error';

/**
 * A datasource the principal may read, with the columns denied to them. Without a permission row the
 * datasource's default access applies; admins read everything. Unreadable ones are 404, so their
 * existence does not leak.
 */
export async function readableDatasource(
  deps: ServerDeps,
  principal: Principal,
  id: string,
): Promise<{ datasource: Datasource; deniedColumns: string[] }> {
  const datasource = await deps.store.datasources.get(deps.org.id, id);
  if (!datasource) throw new HttpError('not_found', 'There is no such datasource.');
  if (principal.user.role === 'admin') return { datasource, deniedColumns: [] };
  const permission = await deps.store.permissions.get(deps.org.id, id, principal.user.id);
  const access = permission?.access ?? datasource.defaultAccess;
  if (access !== 'read') throw new HttpError('not_found', 'There is no such datasource.');
  return { datasource, deniedColumns: permission?.deniedColumns ?? [] };
}

export async function canReadDatasource(deps: ServerDeps, principal: Principal, datasource: Datasource) {
  if (principal.user.role === 'admin') return true;
  const permission = await deps.store.permissions.get(deps.org.id, datasource.id, principal.user.id);
  return (permission?.access ?? datasource.defaultAccess) === 'read';
}

/**
 * A chat session the principal may use: its owner reads and writes it; admins, and users who opened a
 * still-live share link of it, may read it. Others get 404.
 */
export async function accessibleSession(
  deps: ServerDeps,
  principal: Principal,
  id: string,
  mode: 'read' | 'write',
  options: { includeDeleted?: boolean } = {},
): Promise<ChatSession> {
  const session = await deps.store.chatSessions.get(deps.org.id, id, options);
  const allowed =
    session &&
    (session.ownerId === principal.user.id ||
      (mode === 'read' &&
        (principal.user.role === 'admin' ||
          (await deps.store.shareLinks.isSharedWith(deps.org.id, session.id, principal.user.id)))));
  if (!session || !allowed) throw new HttpError('not_found', 'There is no such session.');
  return session;
}

/** A run its asker may use, and admins may read; 404 for everyone else. */
export async function accessibleRun(
  deps: ServerDeps,
  principal: Principal,
  id: string,
  mode: 'read' | 'write',
): Promise<Run> {
  const run = await deps.store.runs.get(deps.org.id, id);
  const allowed =
    run && (run.userId === principal.user.id || (mode === 'read' && principal.user.role === 'admin'));
  if (!run || !allowed) throw new HttpError('not_found', 'There is no such run.');
  return run;
}
