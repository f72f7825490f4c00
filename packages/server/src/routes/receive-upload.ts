import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import Busboy from 'busboy';
import { HttpError } from '../http-error';

export interface ReceivedUpload {
  path: string;
  fileName: string;
  bytes: number;
  fields: Record<string, string>;
}

/** Room for multipart boundaries and small fields around the file itself. */
const envelopeBytes = 64 * 1024;

/**
 * Streams the `file` part of a multipart body to `folder` without holding it in memory. Over `maxBytes`
 * the partial file is deleted and the request refused with 413.
 */
export async function receiveUpload(
  request: Request,
  folder: string,
  maxBytes: number,
): Promise<ReceivedUpload> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) {
    throw new HttpError(
      'unsupported_media_type',
      'Upload the file as multipart/form-data with a "file" part.',
    );
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes + envelopeBytes) {
    throw new HttpError('too_large', `The file is over the upload limit of ${maxBytes} bytes.`);
  }
  if (!request.body) throw new HttpError('invalid_body', 'The upload has no body.');
  await mkdir(folder, { recursive: true });
  const fields: Record<string, string> = {};
  let received: { path: string; fileName: string; bytes: number; truncated: boolean } | undefined;
  const writes: Promise<void>[] = [];

  let parser: Busboy.Busboy;
  try {
    parser = Busboy({
      headers: { 'content-type': type },
      limits: { fileSize: maxBytes, files: 1, fields: 20 },
    });
  } catch {
    throw new HttpError('invalid_body', 'The multipart body has no boundary.');
  }
  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name !== 'file' || received) {
      stream.resume();
      return;
    }
    const fileName = basename(info.filename || 'upload').replace(/[^\w.\- ]/g, '_') || 'upload';
    const path = join(folder, `${randomUUID()}-${fileName}`);
    const entry = { path, fileName, bytes: 0, truncated: false };
    received = entry;
    stream.on('data', (chunk: Buffer) => {
      entry.bytes += chunk.length;
    });
    stream.on('limit', () => {
      entry.truncated = true;
    });
    writes.push(pipeline(stream, createWriteStream(path)));
  });
  try {
    await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), parser);
    await Promise.all(writes);
  } catch (error) {
    if (received) await rm(received.path, { force: true });
    throw new HttpError('invalid_body', `The multipart body could not be read: ${(error as Error).message}.`);
  }
  if (!received) throw new HttpError('invalid_body', 'The upload has no "file" part.');
  if (received.truncated) {
    await rm(received.path, { force: true });
    throw new HttpError('too_large', `The file is over the upload limit of ${maxBytes} bytes.`);
  }
  if (received.bytes === 0) {
    await rm(received.path, { force: true });
    throw new HttpError('invalid_body', 'The uploaded file is empty.');
  }
  return { path: received.path, fileName: received.fileName, bytes: received.bytes, fields };
}
