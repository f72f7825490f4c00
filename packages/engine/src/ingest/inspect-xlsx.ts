import { basename } from 'node:path';
import yauzl from 'yauzl';
import { formatBytes, reject } from './reject';

export interface ZipLimits {
  /** Total uncompressed bytes of all entries (default 1 GiB). */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed, over the whole archive (default 200; real workbooks stay well under 50). */
  maxCompressionRatio: number;
}

export const defaultZipLimits: ZipLimits = { maxUncompressedBytes: 1024 ** 3, maxCompressionRatio: 200 };

interface ZipEntryInfo {
  fileName: string;
  compressedSize: number;
  uncompressedSize: number;
}

function listEntries(path: string): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zipfile) => {
      if (error || !zipfile) {
        reject(error ?? new Error('cannot open zip'));
        return;
      }
      const entries: ZipEntryInfo[] = [];
      zipfile.on('entry', (entry: yauzl.Entry) => {
        entries.push({
          fileName: entry.fileName,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
        });
        zipfile.readEntry();
      });
      zipfile.on('end', () => resolve(entries));
      zipfile.on('error', reject);
      zipfile.readEntry();
    });
  });
}

/**
 * Looks at the zip central directory before any Excel parser touches the file: rejects macros,
 * external links, archives that are not workbooks, and zip bombs (by declared sizes, which is
 * what a parser would have to inflate).
 */
export async function inspectXlsx(path: string, limits: ZipLimits = defaultZipLimits): Promise<void> {
  const name = basename(path);
  let entries: ZipEntryInfo[];
  try {
    entries = await listEntries(path);
  } catch (error) {
    throw reject.parseFailed(name, 'it looks like a zip archive but its directory cannot be read', error);
  }
  const names = entries.map((entry) => entry.fileName);
  if (!names.includes('xl/workbook.xml'))
    throw reject.unsupported(name, 'a zip archive but not an Excel workbook');
  if (names.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry))) throw reject.macros(name);
  if (names.some((entry) => entry.startsWith('xl/externalLinks/'))) throw reject.externalLinks(name);
  const uncompressed = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  const compressed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  if (uncompressed > limits.maxUncompressedBytes) {
    throw reject.zipBomb(
      name,
      `${formatBytes(uncompressed)} (limit ${formatBytes(limits.maxUncompressedBytes)})`,
    );
  }
  const ratio = uncompressed / Math.max(compressed, 1);
  // Tiny archives can have odd ratios without being dangerous; only judge ones that expand to > 1 MiB.
  if (uncompressed > 1024 ** 2 && ratio > limits.maxCompressionRatio) {
    throw reject.zipBomb(
      name,
      `${formatBytes(uncompressed)} from ${formatBytes(compressed)} (a compression ratio of ${Math.round(ratio)} to 1)`,
    );
  }
}
