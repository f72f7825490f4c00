import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import type { TextEncoding } from './detect-format';

/**
 * Rewrites a text file as UTF-8 without BOM, for the encodings DuckDB's readers cannot take directly
 * (UTF-16 big-endian for CSV; anything but UTF-8 for JSON). Streams, so memory stays flat.
 */
export async function transcodeToUtf8(
  source: string,
  encoding: TextEncoding,
  bomLength: number,
  target: string,
): Promise<void> {
  const decoder = new TextDecoder(encoding === 'latin-1' ? 'latin1' : encoding);
  const output = createWriteStream(target);
  const write = async (text: string) => {
    if (text.length > 0 && !output.write(text, 'utf8')) await once(output, 'drain');
  };
  try {
    for await (const chunk of createReadStream(source, { start: bomLength, highWaterMark: 1024 * 1024 })) {
      await write(decoder.decode(chunk as Buffer, { stream: true }));
    }
    await write(decoder.decode());
  } finally {
    output.end();
    await once(output, 'close');
  }
}
