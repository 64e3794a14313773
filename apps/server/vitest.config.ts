import { defineConfig } from 'vitest/config';

/**
 * Files that measure time, or make a process miss a deadline on purpose: their bounds (answers
 * within 2 s of Redis being back, same timing for known and unknown addresses, a drain or a
 * shutdown deadline, a store slower than its timeout) hold on a machine that runs nothing else
 * of ours. They run one at a time, after the rest. Everything else starts its own Redis, ports
 * and databases, and mostly waits (on processes, retries, leases), so it runs several at once.
 */
const ONE_AT_A_TIME = [
  'test/faults/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/same-answer-same-time.test.ts',
  'test/legacy/hidden/same-time.test.ts',
  'test/graceful-shutdown.test.ts',
  'test/worker-shutdown.test.ts',
  'test/quiet-outage.test.ts',
  'test/request-timeout.test.ts',
  'test/server-process.test.ts',
  'test/sentinel-failover.test.ts',
  'test/sentinel-connections.test.ts',
  'test/several-instances.test.ts',
  'test/wait-for-replicas-answers.test.ts',
  'test/readyz-directories.test.ts',
  'test/mail-readiness.test.ts',
  'test/bench-report.test.ts',
  'test/complete-path-budget.test.ts',
  'src/bench/event-loop-delay.test.ts',
  'test/legacy/*/http-directory.test.ts',
  'test/legacy/*/*-http-directory.test.ts',
  'src/directories/**/*.test.ts',
  'src/redis/wait-for-replicas*.test.ts',
];

/** Files run at once in the first group: one per core of the machine CI runs on (2), each mostly waiting on its processes. */
const AT_ONCE = 2;

export default defineConfig({
  test: {
    // Tests start real processes (redis-server, the built server): give them room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'several at once',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ONE_AT_A_TIME,
          maxWorkers: AT_ONCE,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'one at a time',
          include: ONE_AT_A_TIME,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
