import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AskdataError } from '@askdata/core';

/**
 * PGlite is one PostgreSQL backend inside this process: a second process opening the same data
 * folder would corrupt it. A lock file holding our pid keeps it to one; a lock left by a process
 * that died (kill -9) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  // Beside the folder, not in it: PGlite treats a non-empty folder as an existing database.
  mkdirSync(dirname(dataDir), { recursive: true });
  const path = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const descriptor = openSync(path, 'wx', 0o600);
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          unlinkSync(path);
        } catch {
          // Already gone.
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder !== null && holder !== process.pid && isAlive(holder)) {
      throw new AskdataError(
        'conflict',
        `The metadata store in ${dataDir} is in use by another askdata process (pid ${holder}).`,
        {
          hint: 'stop it first, or set DATABASE_URL to share a PostgreSQL server between processes',
        },
      );
    }
    if (holder === process.pid) {
      throw new AskdataError('conflict', `The metadata store in ${dataDir} is already open in this process.`);
    }
    try {
      unlinkSync(path);
    } catch {
      // Someone else removed the stale lock first; try again.
    }
  }
  throw new AskdataError('conflict', `Could not lock the metadata store in ${dataDir}.`);
}

function readHolder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
