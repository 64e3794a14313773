import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedisCluster, type PrivateRedisCluster } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, BUILT_MAIN, BUILT_WORKER, runToCompletion, startServerProcess, type ServerProcess } from './support/server-process.js';
import { readyz, waitForReadyz } from './support/readyz.js';

/** Against the built processes, on a private three-master Redis Cluster. */
describe('on a Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  let cluster: PrivateRedisCluster;
  let outboxDir: string;
  let environment: Record<string, string>;

  beforeAll(async () => {
    cluster = await startPrivateRedisCluster();
    outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-cluster-'));
    environment = { NODE_ENV: 'test', REDIS_CLUSTER_NODES: cluster.nodeList, MAIL_OUTBOX_DIR: outboxDir, LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    await cluster.stop();
    await rm(outboxDir, { recursive: true, force: true });
  });

  it('runs the CLI: users and clients are written and read across the masters', async () => {
    const cli = (...args: string[]) => runToCompletion(BUILT_CLI, args, environment);
    const added = await cli('users', 'add', '--email', 'ann@example.com', '--password', 'ann-password-1', '--json');
    expect(added.code, added.stderr).toBe(0);
    expect((await cli('users', 'check-password', '--email', 'ann@example.com', '--password', 'ann-password-1')).code).toBe(0);
    expect((await cli('users', 'check-password', '--email', 'ann@example.com', '--password', 'not-her-password')).code).toBe(1);
    const names = ['Alpha', 'Bravo', 'Charlie'];
    for (const name of names) expect((await cli('clients', 'add', '--name', name, '--json')).code).toBe(0);
    const listed = JSON.parse((await cli('clients', 'list', '--json')).stdout) as Array<{ name: string }>;
    expect(listed.map((client) => client.name).sort()).toEqual(names);
    // Seven CLI processes, each connecting to the cluster: more than the default 30 s on a loaded 2-core machine.
  }, 90_000);

  it('is ready while every master is up, and answers 503 once one is stopped', async () => {
    const server: ServerProcess = await startServerProcess(environment);
    try {
      expect((await readyz(server.url)).status).toBe(200);
      const [lost] = cluster.nodes;
      if (!lost) throw new Error('the cluster has no node');
      await cluster.stopNode(lost.port);
      // A third of the slots answer nothing now: the cluster is not `cluster_state:ok`, so neither is the service.
      const answer = await waitForReadyz(server.url, ({ status }) => status === 503);
      expect(answer.body).toEqual({ status: 'unavailable', redis: 'unreachable' });
    } finally {
      await server.stop();
    }
  });
});

describe('REDIS_URL at a node of a Redis Cluster', () => {
  let cluster: PrivateRedisCluster;
  beforeAll(async () => {
    cluster = await startPrivateRedisCluster();
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('is a configuration error naming REDIS_CLUSTER_NODES, in the server, the worker and the CLI (exit 2, one line)', async () => {
    const [node] = cluster.nodes;
    if (!node) throw new Error('the cluster has no node');
    const environment = { NODE_ENV: 'test', REDIS_URL: `redis://${node.host}:${node.port}`, LOG_LEVEL: 'warn', WORKER_METRICS_PORT: '0' };
    for (const [script, args] of [
      [BUILT_MAIN, []],
      [BUILT_WORKER, []],
      [BUILT_CLI, ['clients', 'list']],
    ] as const) {
      const { code, stdout, stderr } = await runToCompletion(script, args, environment);
      expect(code, `${script}: ${stdout}${stderr}`).toBe(2);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('REDIS_CLUSTER_NODES');
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
