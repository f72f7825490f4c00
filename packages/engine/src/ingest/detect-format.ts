import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { reject } from './reject';

export type FileFormat = 'csv' | 'json' | 'parquet' | 'xlsx';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin-1';

export interface DetectedFormat {
  format: FileFormat;
  /** For text formats: the encoding found from the BOM or by validating the first bytes. */
  encoding?: TextEncoding;
  /** Length of a byte-order mark at the start of the file (0 when none). */
  bomLength: number;
}

const headBytes = 64 * 1024;

/** Content that is certainly not a data file, by magic bytes. */
const binarySignatures: { kind: string; bytes: number[] }[] = [
  { kind: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { kind: 'a Linux program (ELF)', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { kind: 'a Windows program', bytes: [0x4d, 0x5a] },
  { kind: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { kind: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { kind: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
];

/** Formats recognised but not loaded, with the name a person knows them by. */
const unsupportedSignatures: { kind: string; bytes: number[] }[] = [
  { kind: 'a legacy Excel or Office file (.xls/.doc)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { kind: 'an SQLite database', bytes: [...Buffer.from('SQLite format 3\0')] },
];

function startsWith(head: Buffer, bytes: number[]): boolean {
  return bytes.every((byte, index) => head[index] === byte);
}

/** UTF-16 without a BOM shows as NUL in every other byte for ASCII text. */
function guessBomlessUtf16(head: Buffer): TextEncoding | undefined {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul > pairs * 0.9 && evenNul < pairs * 0.1) return 'utf-16le';
  if (evenNul > pairs * 0.9 && oddNul < pairs * 0.1) return 'utf-16be';
  return undefined;
}

function isValidUtf8Prefix(head: Buffer): boolean {
  try {
    // `stream: true` tolerates a multi-byte character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function firstMeaningfulChar(text: string): string | undefined {
  return /\S/.exec(text)?.[0];
}

/** Share of C0 control bytes other than tab, line breaks and form feed: text files have next to none. */
function controlShare(head: Uint8Array): number {
  if (head.length === 0) return 0;
  let controls = 0;
  for (const byte of head) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f)
      controls++;
  }
  return controls < 2 ? 0 : controls / head.length;
}

/** Decides the format from content (magic bytes, BOM, NUL bytes, first character), never the extension. */
export async function detectFormat(path: string, size: number): Promise<DetectedFormat> {
  const name = basename(path);
  if (size === 0) throw reject.empty(name);
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(size, headBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }

  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return { format: 'parquet', bomLength: 0 };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (extname(name).toLowerCase() === '.xlsm') throw reject.macros(name);
    return { format: 'xlsx', bomLength: 0 };
  }
  for (const signature of unsupportedSignatures) {
    if (startsWith(head, signature.bytes)) throw reject.unsupported(name, signature.kind);
  }
  for (const signature of binarySignatures) {
    if (startsWith(head, signature.bytes)) throw reject.binary(name, signature.kind);
  }

  let encoding: TextEncoding;
  let bomLength = 0;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8';
    bomLength = 3;
  } else if (startsWith(head, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    bomLength = 2;
  } else if (startsWith(head, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    bomLength = 2;
  } else {
    const utf16 = guessBomlessUtf16(head);
    if (utf16) encoding = utf16;
    else if (head.includes(0) || controlShare(head) > 0.005) throw reject.binary(name, 'binary data');
    else encoding = isValidUtf8Prefix(head) ? 'utf-8' : 'latin-1';
  }

  const text = new TextDecoder(encoding === 'latin-1' ? 'latin1' : encoding).decode(head.subarray(bomLength));
  if (encoding.startsWith('utf-16') && text.includes('\0')) throw reject.binary(name, 'binary data');
  const first = firstMeaningfulChar(text);
  // Only whitespace in the first 64 KiB: either empty, or a huge blank prefix nobody means to load.
  if (first === undefined) throw reject.empty(name);
  const format: FileFormat = first === '{' || first === '[' ? 'json' : 'csv';
  return { format, encoding, bomLength };
}
