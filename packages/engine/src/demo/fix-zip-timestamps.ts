/**
 * exceljs (through JSZip) stamps every zip entry with the current time, so two writes of the same
 * workbook differ. Rewriting the DOS time/date fields in the local and central headers to one fixed
 * moment makes the demo workbook byte-identical for a given seed. Walks the central directory, which
 * every zip has, rather than scanning for signatures inside compressed data.
 */
const endOfCentralDirectory = 0x06054b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;
// 2024-12-15 09:00:00 in MS-DOS format.
const dosTime = (9 << 11) | (0 << 5) | 0;
const dosDate = ((2024 - 1980) << 9) | (12 << 5) | 15;

export function fixZipTimestamps(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  let end = -1;
  for (let offset = out.length - 22; offset >= Math.max(0, out.length - 22 - 65_535); offset--) {
    if (out.readUInt32LE(offset) === endOfCentralDirectory) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(end + 10);
  let offset = out.readUInt32LE(end + 16);
  for (let index = 0; index < entries; index++) {
    if (out.readUInt32LE(offset) !== centralHeader) throw new Error('zip central directory is damaged');
    out.writeUInt16LE(dosTime, offset + 12);
    out.writeUInt16LE(dosDate, offset + 14);
    const local = out.readUInt32LE(offset + 42);
    if (out.readUInt32LE(local) === localHeader) {
      out.writeUInt16LE(dosTime, local + 10);
      out.writeUInt16LE(dosDate, local + 12);
    }
    offset +=
      46 + out.readUInt16LE(offset + 28) + out.readUInt16LE(offset + 30) + out.readUInt16LE(offset + 32);
  }
  return out;
}
