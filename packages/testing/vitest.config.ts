import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // These tests start real redis-servers, Sentinels and Clusters, several files at once: a cluster
    // that converges in 2 s alone took over vitest's default 5 s beside the Sentinel test in one CI run.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
