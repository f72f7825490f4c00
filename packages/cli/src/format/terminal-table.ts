import Table from 'cli-table3';

/** The CLI's one table look: compact rows, colour only on a terminal. */
export function createTable(head: string[], options: { alignRight?: boolean[] } = {}): Table.Table {
  const colour = process.stdout.isTTY === true;
  return new Table({
    head,
    style: { head: colour ? ['bold'] : [], border: colour ? ['grey'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    ...(options.alignRight
      ? { colAligns: options.alignRight.map((right) => (right ? 'right' : 'left')) }
      : {}),
    wordWrap: true,
  });
}
