import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AskdataError } from '@askdata/core';
import type { StoreOptions } from './index';

export interface StoreEnvironment {
  DATABASE_URL?: string;
  /** PostgreSQL schema to use on the server (default: the connection's search_path). */
  ASKDATA_DATABASE_SCHEMA?: string;
  /** 32 bytes as base64 or 64 hex digits. */
  ASKDATA_SECRET_KEY?: string;
}

/**
 * Store options for `askdata serve`: PGlite in `<home>/metadata` unless `DATABASE_URL` is set; the
 * secret key from `ASKDATA_SECRET_KEY`, else `<home>/secret.key` (created once, mode 0600). Processes
 * on several hosts sharing one database must share ASKDATA_SECRET_KEY.
 */
export async function resolveStoreOptions(
  home: string,
  environment: StoreEnvironment,
): Promise<StoreOptions> {
  const url = environment.DATABASE_URL?.trim();
  const schema = environment.ASKDATA_DATABASE_SCHEMA?.trim();
  return {
    location: url
      ? { kind: 'postgres', url, ...(schema ? { schema } : {}) }
      : { kind: 'pglite', dataDir: join(home, 'metadata') },
    secretKey: environment.ASKDATA_SECRET_KEY
      ? parseSecretKey(environment.ASKDATA_SECRET_KEY)
      : await loadOrCreateKeyFile(join(home, 'secret.key')),
  };
}

export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new AskdataError(
      'invalid_input',
      'ASKDATA_SECRET_KEY must be 32 bytes, as base64 or 64 hex digits.',
      {
        hint: 'generate one with: openssl rand -base64 32',
      },
    );
  }
  return key;
}

async function loadOrCreateKeyFile(path: string): Promise<Buffer> {
  try {
    return parseSecretKey(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  // Written whole to a private temporary file, then linked into place: link() fails when another
  // process got there first, and nobody ever reads a half-written key.
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    await chmod(temporary, 0o600);
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  return parseSecretKey(await readFile(path, 'utf8'));
}
