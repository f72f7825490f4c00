/**
 * A one-line progress indicator on stderr for long work. It redraws in place on a terminal and prints
 * nothing when stderr is not a TTY (pipes and CI logs stay clean).
 */
export interface ProgressUpdate {
  phase: string;
  bytesRead?: number;
  totalBytes?: number;
  message?: string;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const active = stream.isTTY === true;
  let last = 0;
  return {
    update(update: ProgressUpdate): void {
      if (!active) return;
      const now = Date.now();
      if (now - last < 80 && update.bytesRead !== update.totalBytes) return;
      last = now;
      const width = 24;
      let bar = '';
      if (update.totalBytes && update.bytesRead !== undefined) {
        const share = Math.min(1, update.bytesRead / update.totalBytes);
        const filled = Math.round(share * width);
        bar = ` [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}%`;
      }
      const text = `${label}: ${update.phase}${bar}${update.message ? ` ${update.message}` : ''}`;
      stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 100) - 1)}`);
    },
    done(): void {
      if (active) stream.write('\r\x1b[2K');
    },
  };
}
