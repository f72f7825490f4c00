/** Tracks open event streams so a graceful shutdown can wait for them to finish. */
export class Lifecycle {
  private open = 0;
  private idle: (() => void)[] = [];
  draining = false;

  /** Call when a stream starts; call the returned function once when it ends. */
  trackStream(): () => void {
    this.open++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.open--;
      if (this.open === 0) for (const resolve of this.idle.splice(0)) resolve();
    };
  }

  get openStreams(): number {
    return this.open;
  }

  /** Resolves when no stream is open, or after `timeoutMs`. */
  waitForStreams(timeoutMs: number): Promise<void> {
    if (this.open === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
