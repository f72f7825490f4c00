import { AskdataError, type ErrorCode, type ValidatedSql } from '@askdata/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../src/index';
import { type TempWorkspace, tempWorkspace } from './support/temp-workspace';
import { zipBuffer } from './support/write-zip';

let ws: TempWorkspace;
beforeAll(async () => {
  ws = await tempWorkspace();
});
afterAll(() => ws.dispose());

const workbookParts = [
  { name: '[Content_Types].xml', data: '<Types/>' },
  { name: 'xl/workbook.xml', data: '<workbook/>' },
  { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' },
];

async function expectRejected(
  path: string,
  code: ErrorCode,
  message: string,
  options: { name?: string } = {},
) {
  const datasetsBefore = ws.workspace.datasets().length;
  const leftoversBefore = ws.leftovers();
  const error = await ws.workspace.load(path, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(AskdataError.isInstance(error)).toBe(true);
  expect((error as AskdataError).code).toBe(code);
  expect((error as AskdataError).message).toBe(message);
  // Nothing partial: no catalog entry, no snapshot or temp file, no view.
  expect(ws.workspace.datasets()).toHaveLength(datasetsBefore);
  expect(ws.leftovers()).toEqual(leftoversBefore);
  const views = await ws.workspace.query(
    "SELECT count(*) FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'" as ValidatedSql,
  );
  expect(views.rows[0]![0]).toBe(datasetsBefore);
}

describe('rejected files', () => {
  it('has one good dataset to prove rejections leave it alone', async () => {
    await ws.workspace.load(ws.file('good.csv', 'a,b\n1,2\n'));
    expect(ws.workspace.datasets()).toHaveLength(1);
  });

  it('rejects empty and whitespace-only files', async () => {
    await expectRejected(
      ws.file('empty.csv', ''),
      'file_empty',
      'The file empty.csv is empty: there is nothing to load.',
    );
    await expectRejected(
      ws.file('records.json', ' [ ] '),
      'file_empty',
      'The file records.json is empty: there is nothing to load.',
    );
    await expectRejected(
      ws.file('blank.csv', '  \n\n\t \r\n'),
      'file_empty',
      'The file blank.csv is empty: there is nothing to load.',
    );
  });

  it('rejects binary content behind a data extension', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 1),
    ]);
    await expectRejected(
      ws.file('photo.csv', png),
      'file_binary',
      'The file photo.csv is not a data file (its content looks like a PNG image): export it as CSV, Excel, Parquet or JSON.',
    );
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64)]);
    await expectRejected(
      ws.file('program.tsv', elf),
      'file_binary',
      'The file program.tsv is not a data file (its content looks like a Linux program (ELF)): export it as CSV, Excel, Parquet or JSON.',
    );
    await expectRejected(
      ws.file('report.json', Buffer.from('%PDF-1.7\n%âãÏÓ\n')),
      'file_binary',
      'The file report.json is not a data file (its content looks like a PDF document): export it as CSV, Excel, Parquet or JSON.',
    );
    await expectRejected(
      ws.file('nul.csv', Buffer.from('a,b\n1,\u0000\u0001\u0002\n')),
      'file_binary',
      'The file nul.csv is not a data file (its content looks like binary data): export it as CSV, Excel, Parquet or JSON.',
    );
    // Random bytes without a NUL or a known signature (e.g. an encrypted file renamed .csv).
    const noise = Buffer.from(Array.from({ length: 400 }, (_, index) => ((index * 167 + 13) % 255) + 1));
    await expectRejected(
      ws.file('noise.csv', noise),
      'file_binary',
      'The file noise.csv is not a data file (its content looks like binary data): export it as CSV, Excel, Parquet or JSON.',
    );
  });

  it('rejects .xlsm files and workbooks with macros', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').addRow(['a']);
    const plain = Buffer.from(await workbook.xlsx.writeBuffer());
    await expectRejected(
      ws.file('macro.xlsm', plain),
      'workbook_macros',
      'The workbook macro.xlsm contains macros, which askdata does not open: save it as a macro-free .xlsx and load that.',
    );
    const withVba = zipBuffer([...workbookParts, { name: 'xl/vbaProject.bin', data: Buffer.alloc(100, 7) }]);
    await expectRejected(
      ws.file('hidden-macro.xlsx', withVba),
      'workbook_macros',
      'The workbook hidden-macro.xlsx contains macros, which askdata does not open: save it as a macro-free .xlsx and load that.',
    );
  });

  it('rejects workbooks with external links', async () => {
    const linked = zipBuffer([
      ...workbookParts,
      { name: 'xl/externalLinks/externalLink1.xml', data: '<externalLink/>' },
    ]);
    await expectRejected(
      ws.file('linked.xlsx', linked),
      'workbook_external_links',
      'The workbook linked.xlsx links to other files: paste the linked values in and save it without external links.',
    );
  });

  it('rejects zip bombs before parsing', async () => {
    const bomb = zipBuffer([
      ...workbookParts,
      { name: 'xl/worksheets/sheet2.xml', data: Buffer.alloc(64 * 1024 ** 2) },
    ]);
    const error = await ws.workspace.load(ws.file('bomb.xlsx', bomb)).catch((caught: unknown) => caught);
    expect((error as AskdataError).code).toBe('zip_bomb');
    expect((error as AskdataError).message).toMatch(
      /^The workbook bomb\.xlsx expands to 64 MiB from \d+(\.\d)? KiB \(a compression ratio of \d+ to 1\), which looks like a zip bomb: askdata will not open it\.$/,
    );
    expect(ws.leftovers()).toEqual([expect.stringMatching(/^snapshots\//)]);
  });

  it('rejects a zip that is not a workbook and a legacy .xls', async () => {
    await expectRejected(
      ws.file('archive.xlsx', zipBuffer([{ name: 'readme.txt', data: 'hello' }])),
      'file_unsupported',
      'The file archive.xlsx is a zip archive but not an Excel workbook, which askdata cannot load: use CSV, TSV, Excel (.xlsx), Parquet or JSON.',
    );
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    await expectRejected(
      ws.file('old.xls', ole),
      'file_unsupported',
      'The file old.xls is a legacy Excel or Office file (.xls/.doc), which askdata cannot load: use CSV, TSV, Excel (.xlsx), Parquet or JSON.',
    );
  });

  it('rejects malformed JSON with the parser reason', async () => {
    const datasets = ws.workspace.datasets().length;
    const error = await ws.workspace
      .load(ws.file('broken.json', '{"a": 1'))
      .catch((caught: unknown) => caught);
    expect((error as AskdataError).code).toBe('parse_failed');
    expect((error as AskdataError).message).toMatch(
      /^The file broken\.json could not be read: .*Malformed JSON.*[^.]\.$/,
    );
    expect(ws.workspace.datasets()).toHaveLength(datasets);
  });

  it('rejects missing files', async () => {
    await expectRejected(
      `${ws.home}/nowhere.csv`,
      'file_not_found',
      'The file nowhere.csv does not exist: check the path and try again.',
    );
  });

  it('rejects files over the configured size limit', async () => {
    const limited = await openWorkspace({ home: `${ws.home}-limited`, maxFileBytes: 1024 });
    try {
      const error = await limited
        .load(ws.file('big.csv', `a\n${'1\n'.repeat(1000)}`))
        .catch((caught: unknown) => caught);
      expect((error as AskdataError).code).toBe('file_too_large');
      expect((error as AskdataError).message).toBe(
        'The file big.csv is 2 KiB, over the 1 KiB limit: split it or raise the limit.',
      );
      expect(limited.datasets()).toEqual([]);
    } finally {
      limited.close();
    }
  });
});
