import { hashPassword } from '../users/password-hashing.js';
import { completeCall, send } from './bench-calls.js';
import type { RoundSide } from './interleaved-rounds.js';

/** Runs `concurrency` loops of `step` until `seconds` have passed or `step` says there is no more work. */
async function closedLoop(
  concurrency: number,
  seconds: number,
  step: (n: number) => Promise<boolean>,
): Promise<{ perSecond: number; p99Ms: number }> {
  const started = performance.now();
  const end = started + seconds * 1000;
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const n = next;
        next += 1;
        const sentAt = performance.now();
        if (!(await step(n))) return;
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p99Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  return { perSecond: latencies.length / elapsedSeconds, p99Ms: Math.round(p99Ms) };
}

/** The yardstick of completion: the argon2id hash the code writes (same module, same parameters), and nothing else. */
export function argon2Side(concurrency: number): RoundSide {
  return {
    name: 'argon2id hash alone',
    run: (seconds) =>
      closedLoop(concurrency, seconds, async (n) => {
        await hashPassword(`bench new passphrase ${n} ok`);
        return true;
      }),
  };
}

/**
 * `passwordReset.complete` at `concurrency` at once, each with a secret of its own; `freshSecrets`
 * is called before each round, outside its time, for as many as the round may use.
 * `aroundRound` wraps the timed part (the event-loop reading).
 */
export function completionSide(
  resetUrl: string,
  concurrency: number,
  freshSecrets: () => Promise<string[]>,
  aroundRound: (round: () => Promise<{ perSecond: number; p99Ms: number }>) => Promise<{ perSecond: number; p99Ms: number }>,
): RoundSide {
  let password = 0;
  return {
    name: 'passwordReset.complete',
    async run(seconds) {
      const secrets = await freshSecrets();
      return aroundRound(() =>
        closedLoop(concurrency, seconds, async (n) => {
          const secret = secrets[n];
          if (secret === undefined) return false;
          password += 1;
          // Nothing of the address (`bench-…`) in it: the policy refuses a password that contains it.
          await send(resetUrl, completeCall(secret, `fresh passphrase ${password} zz`));
          return true;
        }),
      );
    },
  };
}
