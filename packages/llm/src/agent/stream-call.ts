/**
 * Runs a callback-style streaming call as an async generator: text deltas and notices are yielded as
 * they arrive, and the call's result is the generator's return value.
 */
export type StreamItem = { type: 'text'; delta: string } | { type: 'notice'; message: string };

export async function* streamCall<R>(
  call: (onText: (delta: string) => void, onNotice: (message: string) => void) => Promise<R>,
): AsyncGenerator<StreamItem, R> {
  const queue: StreamItem[] = [];
  let wake: (() => void) | undefined;
  const push = (item: StreamItem) => {
    queue.push(item);
    wake?.();
  };
  let settled = false;
  const running = call(
    (delta) => push({ type: 'text', delta }),
    (message) => push({ type: 'notice', message }),
  ).finally(() => {
    settled = true;
    wake?.();
  });
  // Keep an unhandled rejection from firing while we are still draining the queue.
  running.catch(() => undefined);
  while (!settled || queue.length > 0) {
    const item = queue.shift();
    if (item) {
      yield item;
      continue;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
  }
  return await running;
}
