/**
 * At most `size` runs answer at once; the others wait their turn in order. Their first event is out
 * already, and the requests that ask and stream are not held up behind a burst of answering work.
 */
export class RunSlots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  /** Resolves with the release function once a slot is free (at once when the run is cancelled). */
  async acquire(signal: AbortSignal): Promise<() => void> {
    if (this.busy >= this.size) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          const index = this.waiting.indexOf(wake);
          if (index >= 0) this.waiting.splice(index, 1);
          this.busy++;
          resolve();
        };
        this.waiting.push(wake);
        signal.addEventListener('abort', leave, { once: true });
      });
    } else {
      this.busy++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    };
  }

  get inUse(): number {
    return this.busy;
  }
}
