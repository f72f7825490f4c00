import { AskdataError } from '@askdata/core';

/**
 * Loads an optional driver on first use. Warehouse and object-storage clients are optional dependencies, so a
 * missing one is a clear instruction rather than a module-resolution stack trace.
 */
export async function loadOptionalModule<T>(
  load: () => Promise<T>,
  packageName: string,
  purpose: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new AskdataError(
        'engine_unavailable',
        `${purpose} needs the npm package ${packageName}, which is not installed.`,
        { hint: `run: npm install ${packageName}`, cause: error },
      );
    }
    throw error;
  }
}
