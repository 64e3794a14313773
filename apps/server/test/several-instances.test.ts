import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startPrivateRedisCluster, type PrivateRedisCluster } from '@pwreset/testing';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESET_QUEUE_NAME } from '../src/jobs/queued-job.js';
import { readOutbox, type OutboxMail } from '../src/mail/outbox.js';
import { redisKeys } from '../src/redis/redis-keys.js';
import { secretFromMail } from './support/test-server.js';
import { BUILT_CLI, BUILT_WORKER, runToCompletion, startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 13, point 9: several instances on one Redis deployment. Two server processes that only
// queue (MAIL_WORKER=false) and one standalone `pnpm worker`, all on one three-master cluster: a
// reset asked on one server and completed on the other is mailed by the worker, both times. And a
// job in the previous payload shape (no `address`, a field this version does not know) left in the
// queue by an older server during a rolling deploy is still delivered.

const EMAIL = 'several.instances@example.com';
const OLD_PASSWORD = 'Tulip-Orchard-1';
const NEW_PASSWORD = 'Granite-Harbor-2';

describe('two servers and a separate worker on one Redis Cluster', () => {
  let cluster: PrivateRedisCluster;
  let outboxDir: string;
  let environment: Record<string, string>;
  let servers: ServerProcess[] = [];
  let worker: ChildProcess | undefined;
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    cluster = await startPrivateRedisCluster();
    outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-instances-'));
    environment = {
      NODE_ENV: 'test',
      REDIS_CLUSTER_NODES: cluster.nodeList,
      MAIL_OUTBOX_DIR: outboxDir,
      MAIL_WORKER: 'false',
      LOG_LEVEL: 'warn',
    };
    const added = await runToCompletion(BUILT_CLI, ['users', 'add', '--email', EMAIL, '--password', OLD_PASSWORD], environment);
    expect([added.code, added.stderr]).toEqual([0, '']);
    const registered = await runToCompletion(BUILT_CLI, ['clients', 'add', '--name', 'Several Instances App', '--json'], environment);
    expect(registered.code).toBe(0);
    client = JSON.parse(registered.stdout) as { clientId: string; clientSecret: string };
    servers = await Promise.all([startServerProcess(environment), startServerProcess(environment)]);
    worker = spawn(process.execPath, [BUILT_WORKER], {
      env: { PATH: process.env.PATH ?? '', ...environment, WORKER_METRICS_PORT: String(await findFreePort()), SHUTDOWN_DRAIN: '0' },
      stdio: 'ignore',
    });
  }, 120_000);
  afterAll(async () => {
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.stop()));
    await cluster?.stop();
    if (outboxDir) await rm(outboxDir, { recursive: true, force: true });
  });

  async function accessToken(server: ServerProcess): Promise<string> {
    const answer = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { access_token: string }).access_token;
  }

  async function call(server: ServerProcess, procedure: string, input: unknown, bearer?: string): Promise<Response> {
    return fetch(`${server.url}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) },
      body: JSON.stringify(input),
    });
  }

  /** Waits until the outbox holds `count` mails (the worker is another process: nothing to await but its output). */
  async function mailsOnceThereAre(count: number): Promise<OutboxMail[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const mails = await readOutbox(outboxDir);
      if (mails.length >= count) return mails;
      if (Date.now() > deadline) throw new Error(`the worker delivered ${mails.length} of ${count} mails`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('asks on one server, completes on the other, and the worker mails both', async () => {
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const requested = await call(first, 'passwordReset.request', { email: EMAIL }, await accessToken(first));
    expect(requested.status).toBe(200);
    const [resetMail] = await mailsOnceThereAre(1);
    expect(resetMail?.to).toBe(EMAIL);

    const completed = await call(second, 'passwordReset.complete', { token: secretFromMail(resetMail!), password: NEW_PASSWORD });
    expect(completed.status).toBe(200);
    const mails = await mailsOnceThereAre(2);
    expect(mails.map((mail) => mail.to)).toEqual([EMAIL, EMAIL]);
    // The second is the "password changed" mail: its only link is the "this wasn't me" one, no reset link.
    expect(mails[1]?.kind).toBe('password-changed');
    expect(mails[1]?.text).not.toContain('/reset#token=');

    // The new password is the one the directory checks now, whichever instance asks.
    const checked = await runToCompletion(
      BUILT_CLI,
      ['users', 'check-password', '--email', EMAIL, '--password', NEW_PASSWORD],
      environment,
    );
    expect(checked.code).toBe(0);
    // The first server's link is dead on the second too.
    const again = await call(first, 'passwordReset.complete', { token: secretFromMail(resetMail!), password: 'Copper-Lantern-3' });
    expect(again.status).not.toBe(200);
  });

  it('delivers a job an older server queued in the previous payload shape', async () => {
    const before = (await readOutbox(outboxDir)).length;
    const connection = new Cluster(cluster.nodes.map(({ host, port }) => ({ host, port })));
    const queue = new Queue(RESET_QUEUE_NAME, { connection, prefix: redisKeys('pwreset').queuePrefix() });
    try {
      // As a version without `address` or `ttlSeconds` wrote it, plus a field this one does not know.
      await queue.add('reset-requested', {
        job: { type: 'reset-requested', email: EMAIL, clientId: client.clientId, requestedAt: new Date().toISOString(), origin: 'older' },
        queuedBy: 'an older server',
      });
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const mails = await mailsOnceThereAre(before + 1);
    expect(mails[before]?.to).toBe(EMAIL);
    expect(secretFromMail(mails[before]!)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
