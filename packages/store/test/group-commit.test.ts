import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../src/index';

describe('createGroupCommit', () => {
  it('commits the items submitted in one turn together, and later ones in the next group', async () => {
    const groups: number[][] = [];
    const submit = createGroupCommit(async (items: number[]) => {
      groups.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.map((item) => item * 10);
    });
    const first = [1, 2, 3].map(submit);
    await new Promise(setImmediate);
    // Submitted while the first group commits: they wait and go together.
    const second = [4, 5].map(submit);
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('retries a failed group one by one, so one bad item fails alone', async () => {
    const submit = createGroupCommit(async (items: number[]) => {
      if (items.includes(2)) throw new Error(`cannot commit ${items.join(',')}`);
      return items;
    });
    const results = await Promise.allSettled([1, 2, 3].map(submit));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('cannot commit 2'));
  });

  it('splits a burst into groups of at most maxGroup', async () => {
    const sizes: number[] = [];
    const submit = createGroupCommit(
      async (items: number[]) => {
        sizes.push(items.length);
        return items;
      },
      { maxGroup: 4 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, index) => submit(index)));
    expect(sizes).toEqual([4, 4, 2]);
  });
});
