import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidatedSql } from '@askdata/core';
import { openWorkspace, type Workspace } from '../../src/index';

export interface TempWorkspace {
  workspace: Workspace;
  home: string;
  /** Writes an input file (outside the workspace) and returns its path. */
  file: (name: string, content: string | Buffer) => string;
  rows: (sql: string) => Promise<unknown[][]>;
  /** Everything in snapshots/ and tmp/, to prove a failed load left nothing behind. */
  leftovers: () => string[];
  dispose: () => void;
}

/** A fresh workspace in a temp folder plus a folder for generated input files. */
export async function tempWorkspace(): Promise<TempWorkspace> {
  const root = mkdtempSync(join(tmpdir(), 'askdata-engine-'));
  const home = join(root, 'home');
  const inputs = join(root, 'inputs');
  mkdirSync(inputs, { recursive: true });
  const workspace = await openWorkspace({ home });
  return {
    workspace,
    home,
    file: (name, content) => {
      const path = join(inputs, name);
      writeFileSync(path, content);
      return path;
    },
    rows: async (sql) => (await workspace.query(sql as ValidatedSql)).rows,
    leftovers: () => [
      ...readdirSync(join(home, 'snapshots')).map((name) => `snapshots/${name}`),
      ...readdirSync(join(home, 'tmp')).map((name) => `tmp/${name}`),
    ],
    dispose: () => {
      workspace.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
