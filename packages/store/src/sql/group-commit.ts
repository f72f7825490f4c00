/** Largest group one commit takes; the rest wait for the next. */
const defaultMaxGroup = 500;

interface Waiting<I, O> {
  item: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted in the same turn of the event loop, or while a commit is in flight, go
 * together into the next call of `commit` (which returns one output per item, in order). So concurrent
 * requests share one transaction instead of taking turns with one each. When a group fails, its items are
 * tried again one by one, so one bad item fails alone.
 */
export function createGroupCommit<I, O>(
  commit: (items: I[]) => Promise<O[]>,
  options: { maxGroup?: number } = {},
): (item: I) => Promise<O> {
  const maxGroup = options.maxGroup ?? defaultMaxGroup;
  let queue: Waiting<I, O>[] = [];
  let draining = false;

  async function commitGroup(group: Waiting<I, O>[]) {
    try {
      const outputs = await commit(group.map((waiting) => waiting.item));
      for (const [index, waiting] of group.entries()) waiting.resolve(outputs[index] as O);
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      for (const waiting of group) await commitGroup([waiting]);
    }
  }

  async function drain() {
    while (queue.length > 0) {
      const group = queue.slice(0, maxGroup);
      queue = queue.slice(group.length);
      await commitGroup(group);
    }
    draining = false;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (draining) return;
      draining = true;
      // One turn of the event loop first: the requests handled in this turn join the group.
      setImmediate(() => void drain());
    });
}
