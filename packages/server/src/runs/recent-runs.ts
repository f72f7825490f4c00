import type { LiveRun } from './live-run';

/** Runs that ended here, kept a little while so the stream that comes just after reads them from memory. */
export class RecentRuns {
  private readonly runs = new Map<string, { live: LiveRun; until: number }>();
  constructor(
    private readonly keepMs = 30_000,
    private readonly maxRuns = 256,
  ) {}

  add(live: LiveRun): void {
    this.runs.set(live.id, { live, until: Date.now() + this.keepMs });
    for (const [id, entry] of this.runs) {
      if (this.runs.size <= this.maxRuns && entry.until > Date.now()) break;
      this.runs.delete(id);
    }
  }

  get(id: string): LiveRun | undefined {
    const entry = this.runs.get(id);
    return entry && entry.until > Date.now() ? entry.live : undefined;
  }
}
