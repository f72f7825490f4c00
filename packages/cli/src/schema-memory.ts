import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffSchemas, type SchemaChange, type SchemaSnapshot, schemaSnapshot } from '@askdata/connectors';
import type { DatabaseSchema } from '@askdata/core';

/** Where a database's last seen schema is kept: named by a hash of the target without its password. */
function snapshotFile(home: string, target: string, schemas: string | undefined): string {
  let key = target;
  try {
    const url = new URL(target);
    url.password = '';
    key = url.toString();
  } catch {
    // A file path: used as it is.
  }
  const name = createHash('sha256')
    .update(`${key}\0${schemas ?? ''}`)
    .digest('hex')
    .slice(0, 20);
  return join(home, 'schemas', `${name}.json`);
}

/**
 * Compares a database's schema with the one seen last time from this workspace folder, then remembers the new
 * one. The first look reports no changes.
 */
export async function rememberSchema(
  home: string,
  target: string,
  schemas: string | undefined,
  schema: DatabaseSchema,
): Promise<{ previous: SchemaSnapshot | undefined; changes: SchemaChange[] }> {
  const file = snapshotFile(home, target, schemas);
  let previous: SchemaSnapshot | undefined;
  try {
    previous = JSON.parse(await readFile(file, 'utf8')) as SchemaSnapshot;
  } catch {
    previous = undefined;
  }
  const current = schemaSnapshot(schema);
  const changes =
    previous && previous.fingerprint !== current.fingerprint
      ? diffSchemas(previous.schema, current.schema)
      : [];
  await mkdir(join(home, 'schemas'), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(current));
  await rename(temporary, file);
  return { previous, changes };
}
