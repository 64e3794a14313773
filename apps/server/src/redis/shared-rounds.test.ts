import { describe, expect, it } from 'vitest';
import { sharedRounds } from './shared-rounds.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('sharedRounds', () => {
  it('gives callers that arrive during a round the next one, shared, never the running one', async () => {
    let begun = 0;
    const ends: Array<(value: number) => void> = [];
    const next = sharedRounds(
      () =>
        new Promise<number>((resolve) => {
          begun += 1;
          ends.push(resolve);
        }),
    );
    const first = next();
    const second = next();
    const third = next();
    expect(begun).toBe(1);
    ends.shift()?.(1);
    expect(await first).toBe(1);
    await settle();
    // The second round began after the other two callers did: they share it.
    expect(begun).toBe(2);
    ends.shift()?.(2);
    expect([await second, await third]).toEqual([2, 2]);
    // Idle again: a new caller starts a round of its own at once.
    const fourth = next();
    expect(begun).toBe(3);
    ends.shift()?.(3);
    expect(await fourth).toBe(3);
  });

  it('fails only the callers of a failed round; the next round runs', async () => {
    let calls = 0;
    const next = sharedRounds(async () => {
      calls += 1;
      if (calls === 1) throw new Error('down');
      return calls;
    });
    const failed = next();
    const after = next();
    await expect(failed).rejects.toThrow('down');
    expect(await after).toBe(2);
  });
});
