import { afterEach, describe, expect, it } from 'vitest';
import { createPasswordHasher } from './create-password-hasher.js';
import {
  DEFAULT_PASSWORD_HASH_CONCURRENCY,
  inPasswordHashSlot,
  passwordHashSlots,
  setPasswordHashConcurrency,
} from './password-hash-slots.js';

afterEach(() => setPasswordHashConcurrency(DEFAULT_PASSWORD_HASH_CONCURRENCY));

/** A computation that finishes when told to, and says when it started. */
function heldComputation() {
  let finish: () => void = () => undefined;
  let started = false;
  const computation = () => {
    started = true;
    return new Promise<string>((resolve) => (finish = () => resolve('done')));
  };
  return { computation, finish: () => finish(), started: () => started };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('password hash slots', () => {
  it('runs at most the set number at once, and the others in the order they came', async () => {
    setPasswordHashConcurrency(2);
    const held = Array.from({ length: 5 }, heldComputation);
    const results = held.map(({ computation }) => inPasswordHashSlot(computation));
    await settle();
    expect(held.map(({ started }) => started())).toEqual([true, true, false, false, false]);
    expect(passwordHashSlots()).toEqual({ limit: 2, running: 2, waiting: 3 });
    held[1]!.finish();
    await settle();
    expect(held.map(({ started }) => started())).toEqual([true, true, true, false, false]);
    for (const { finish } of held) finish();
    await settle();
    for (const { finish } of held) finish();
    expect(await Promise.all(results)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(passwordHashSlots()).toEqual({ limit: 2, running: 0, waiting: 0 });
  });

  it('hands a freed slot to the oldest waiting caller, not to one that comes in meanwhile', async () => {
    setPasswordHashConcurrency(1);
    const first = heldComputation();
    const second = heldComputation();
    const third = heldComputation();
    const running = [inPasswordHashSlot(first.computation), inPasswordHashSlot(second.computation)];
    await settle();
    first.finish();
    // Arrives in the same turn the slot is freed, before the waiting one has run.
    running.push(inPasswordHashSlot(third.computation));
    await settle();
    expect([second.started(), third.started()]).toEqual([true, false]);
    expect(passwordHashSlots().running).toBe(1);
    second.finish();
    await settle();
    third.finish();
    await Promise.all(running);
  });

  it('frees the slot of a computation that fails', async () => {
    setPasswordHashConcurrency(1);
    await expect(inPasswordHashSlot(() => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await inPasswordHashSlot(() => Promise.resolve('next'))).toBe('next');
    expect(passwordHashSlots()).toEqual({ limit: 1, running: 0, waiting: 0 });
  });

  it('starts waiting callers at once when the number is raised', async () => {
    setPasswordHashConcurrency(1);
    const held = Array.from({ length: 3 }, heldComputation);
    const results = held.map(({ computation }) => inPasswordHashSlot(computation));
    await settle();
    setPasswordHashConcurrency(3);
    await settle();
    expect(held.map(({ started }) => started())).toEqual([true, true, true]);
    for (const { finish } of held) finish();
    await Promise.all(results);
  });

  it('refuses a number below one', () => {
    expect(() => setPasswordHashConcurrency(0)).toThrow(RangeError);
    expect(() => setPasswordHashConcurrency(1.5)).toThrow(RangeError);
  });

  it('is what every directory hasher hashes and verifies in', async () => {
    setPasswordHashConcurrency(1);
    const hasher = createPasswordHasher({ format: 'argon2id' });
    const seen: number[] = [];
    const watch = setInterval(() => seen.push(passwordHashSlots().running + passwordHashSlots().waiting * 10), 1);
    const [stored] = await Promise.all([hasher.hash('first password 1'), hasher.hash('second password 2')]);
    clearInterval(watch);
    // Both at once: one ran while the other waited.
    expect(seen).toContain(11);
    expect(Math.max(...seen.map((value) => value % 10))).toBe(1);
    const verifying = [hasher.verify('first password 1', stored), hasher.verify('wrong', stored)];
    expect(passwordHashSlots()).toEqual({ limit: 1, running: 1, waiting: 1 });
    expect(await Promise.all(verifying)).toEqual([true, false]);
  });
});
