import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '@askdata/engine';
import { type PreparedSource, prepareSource, workspaceSource } from '../../src/index';

export interface CsvWorkspace {
  home: string;
  workspace: Workspace;
  prepared: PreparedSource;
  close(): Promise<void>;
}

/** A workspace in a temporary folder with one CSV file loaded, prepared for questions. */
export async function openCsvWorkspace(fileName: string, csv: string): Promise<CsvWorkspace> {
  const home = mkdtempSync(join(tmpdir(), 'askdata-assistant-'));
  const file = join(home, fileName);
  writeFileSync(file, csv);
  const workspace = await openWorkspace({ home });
  await workspace.load(file);
  const prepared = await prepareSource(workspaceSource(workspace));
  return {
    home,
    workspace,
    prepared,
    async close() {
      await prepared.source.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
