import { AskdataError } from '@askdata/core';

/** Every rejection a person can see when loading a file: one line, what is wrong, and what to do. */
export const reject = {
  empty: (name: string) =>
    new AskdataError('file_empty', `The file ${name} is empty: there is nothing to load.`),
  notFound: (name: string) =>
    new AskdataError('file_not_found', `The file ${name} does not exist: check the path and try again.`),
  tooLarge: (name: string, bytes: number, limit: number) =>
    new AskdataError(
      'file_too_large',
      `The file ${name} is ${formatBytes(bytes)}, over the ${formatBytes(limit)} limit: split it or raise the limit.`,
    ),
  binary: (name: string, kind: string) =>
    new AskdataError(
      'file_binary',
      `The file ${name} is not a data file (its content looks like ${kind}): export it as CSV, Excel, Parquet or JSON.`,
    ),
  unsupported: (name: string, kind: string) =>
    new AskdataError(
      'file_unsupported',
      `The file ${name} is ${kind}, which askdata cannot load: use CSV, TSV, Excel (.xlsx), Parquet or JSON.`,
    ),
  macros: (name: string) =>
    new AskdataError(
      'workbook_macros',
      `The workbook ${name} contains macros, which askdata does not open: save it as a macro-free .xlsx and load that.`,
    ),
  externalLinks: (name: string) =>
    new AskdataError(
      'workbook_external_links',
      `The workbook ${name} links to other files: paste the linked values in and save it without external links.`,
    ),
  zipBomb: (name: string, reason: string) =>
    new AskdataError(
      'zip_bomb',
      `The workbook ${name} expands to ${reason}, which looks like a zip bomb: askdata will not open it.`,
    ),
  parseFailed: (name: string, detail: string, cause?: unknown) =>
    new AskdataError('parse_failed', `The file ${name} could not be read: ${detail}.`, { cause }),
};

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`;
}
