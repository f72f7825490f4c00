import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Snapshot id: the first 16 hex digits of the SHA-256 of the file's bytes. */
export async function hashFile(path: string, onBytes?: (bytesRead: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let bytesRead = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytesRead += buffer.length;
    onBytes?.(bytesRead);
  }
  return hash.digest('hex').slice(0, 16);
}
