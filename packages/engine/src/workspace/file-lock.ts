import { open, stat, unlink } from 'node:fs/promises';
import { AskdataError } from '@askdata/core';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/**
 * Runs `action` while holding an exclusive lock file (created with O_EXCL), so that several askdata
 * processes sharing one workspace update its catalog one at a time. A lock older than `staleMs` is
 * left over from a crashed process and is taken over.
 */
export async function withFileLock<T>(
  lockPath: string,
  action: () => Promise<T>,
  options: { timeoutMs?: number; staleMs?: number } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const staleMs = options.staleMs ?? 60_000;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if (!hasCode(error, 'EEXIST')) throw error;
      const info = await stat(lockPath).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > staleMs) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() - started > timeoutMs) {
        throw new AskdataError(
          'internal',
          `The workspace is busy (another askdata process holds ${lockPath}): try again in a moment.`,
        );
      }
      await sleep(Math.min(200, 10 + attempt * 10));
    }
  }
  try {
    return await action();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
