import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { startPrivateRedisSentinel, type PrivateRedisSentinel } from '@pwreset/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESET_QUEUE_NAME } from '../src/jobs/queued-job.js';
import { readOutbox } from '../src/mail/outbox.js';
import { redisKeys } from '../src/redis/redis-keys.js';
import { BUILT_CLI, runToCompletion, startServerProcess, type ServerProcess } from './support/server-process.js';
import { startSteadyResetLoad, type AnsweredRequest } from './support/steady-reset-load.js';

// Issue 13, point 2, against the built server: one master, one replica, three sentinels; the
// master is killed (SIGKILL) under a steady load of reset requests. Two deployments share the
// Sentinel set (each its own key prefix and outbox): one plain, one with REDIS_WAIT_REPLICAS=1.
// Both answer again within 10 s of the sentinels' +switch-master, and their requests answered 200
// after it get their mail; with the wait, so does every request answered 200 before the crash, and
// none gets it twice. (Without the wait a 200 from just before the crash may be lost: replication
// is asynchronous. That is said in the README and not asserted here: it happens only sometimes.)

const NAME = 'pwreset-failover';
const PER_SECOND = 20;
// Enough for the longest run the bounds allow (15 s steady, 30 s failover, 30 s restart, 20 s recovery;
// the load stops once both answer again): running out would fail the recovery for want of requests.
const ADDRESSES = 2_000;
const RECOVERY_LIMIT_MS = 10_000;

interface Deployment {
  readonly prefix: string;
  readonly waitReplicas: number;
  readonly outbox: string;
  readonly emails: readonly string[];
  server?: ServerProcess;
  accessToken?: string;
  answered?: readonly AnsweredRequest[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(100);
  }
}

describe('Sentinel failover under load (the built server)', () => {
  let sentinel: PrivateRedisSentinel;
  let folder: string;
  const deployments: Deployment[] = [];

  beforeAll(async () => {
    sentinel = await startPrivateRedisSentinel({ name: NAME });
    folder = await mkdtemp(join(tmpdir(), 'pwreset-sentinel-failover-'));
    const masterUrl = `redis://127.0.0.1:${await sentinel.masterPort()}`;
    const passwordHash = await hash('unused-password-1');
    const deploy = async (prefix: string, waitReplicas: number): Promise<Deployment> => {
      const emails = Array.from({ length: ADDRESSES }, (_, index) => `user-${index}@${prefix}.example.com`);
      const deployment: Deployment = { prefix, waitReplicas, outbox: join(folder, `outbox-${prefix}`), emails };
      // Set up through the master directly: accounts (one per request) and the client.
      const cliEnvironment = { REDIS_URL: masterUrl, REDIS_KEY_PREFIX: prefix, NODE_ENV: 'test' };
      const usersFile = join(folder, `users-${prefix}.jsonl`);
      await writeFile(usersFile, emails.map((email) => JSON.stringify({ email, passwordHash })).join('\n'));
      const imported = await runToCompletion(BUILT_CLI, ['users', 'import', '--directory', 'default', usersFile], cliEnvironment);
      expect(imported.code, imported.stderr).toBe(0);
      const added = await runToCompletion(BUILT_CLI, ['clients', 'add', '--name', `Failover ${prefix}`, '--json'], cliEnvironment);
      expect(added.code, added.stderr).toBe(0);
      const { clientId, clientSecret } = JSON.parse(added.stdout) as { clientId: string; clientSecret: string };

      deployment.server = await startServerProcess({
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        REDIS_SENTINELS: sentinel.sentinelList,
        REDIS_SENTINEL_NAME: NAME,
        REDIS_KEY_PREFIX: prefix,
        REDIS_WAIT_REPLICAS: String(waitReplicas),
        MAIL_OUTBOX_DIR: deployment.outbox,
        // Every request comes from one IP; the throttles are not what this test is about.
        RATE_LIMIT_REQUESTS_PER_IP: '100000/1h',
        MAIL_RETRY_BASE_DELAY: '1',
        MAIL_RETRY_MAX_DELAY: '2',
      });
      const grant = await fetch(`${deployment.server.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      });
      expect(grant.status).toBe(200);
      deployment.accessToken = ((await grant.json()) as { access_token: string }).access_token;
      return deployment;
    };
    deployments.push(...(await Promise.all([deploy('plain', 0), deploy('waiting', 1)])));
    // The set-up must survive the failover: the replica holds it before the load begins.
    const master = new Redis(masterUrl);
    await master.incr('set-up-fence');
    expect(await master.wait(1, 5_000)).toBe(1);
    master.disconnect();
  }, 60_000);

  afterAll(async () => {
    for (const deployment of deployments) await deployment.server?.stop();
    await sentinel?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('answers again within 10 s of the failover, and with REDIS_WAIT_REPLICAS=1 every 200 gets its mail once', async () => {
    const loads = deployments.map((deployment) =>
      startSteadyResetLoad({
        url: deployment.server!.url,
        accessToken: deployment.accessToken!,
        emails: deployment.emails,
        perSecond: PER_SECOND,
      }),
    );
    const okCount = (load: (typeof loads)[number], after = 0) =>
      load.answered.filter((request) => request.status === 200 && request.sentAt >= after).length;
    // A steady state first: both deployments answer 200.
    await until('20 answers of 200 on each deployment', () => loads.every((load) => okCount(load) >= 20), 15_000);

    const { killedPort, failover } = await sentinel.killMaster();
    const killedAt = Date.now();
    const { switchedAt } = await failover;
    // As an operator would: the crashed node comes back, empty, as the new master's replica, so
    // that a write can have a replica again (the waiting deployment answers 503 until it has).
    await sentinel.restartAsReplica(killedPort);
    await until(
      'answers of 200 to requests sent after the failover',
      () => loads.every((load) => okCount(load, switchedAt) >= 20),
      RECOVERY_LIMIT_MS + 10_000,
    ).catch(async (error: unknown) => {
      // What a failure needs to be understood: each deployment's answers since the switch, by status, and the logs.
      const since = (load: (typeof loads)[number]) => statusCounts(load.answered.filter((r) => r.sentAt >= switchedAt));
      const stories = deployments.map(
        (deployment, index) =>
          `${deployment.prefix}: ${since(loads[index]!)}; ${deployment.emails.length - loads[index]!.answered.length} addresses left\n` +
          `server output (last 4000 characters):\n${deployment.server!.output().slice(-4000)}`,
      );
      const failoverTook = `the sentinels switched ${(switchedAt - killedAt) / 1000} s after the kill`;
      throw new Error(`${(error as Error).message}; ${failoverTook}\n${stories.join('\n')}\n${await sentinel.logs()}`);
    });
    const answered = await Promise.all(loads.map((load) => load.stop()));

    for (const [index, deployment] of deployments.entries()) {
      const requests = answered[index]!;
      const firstAfter = Math.min(...requests.filter((r) => r.status === 200 && r.sentAt >= switchedAt).map((r) => r.answeredAt));
      expect(firstAfter - switchedAt, `${deployment.prefix}: first 200 after the failover`).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
      // Every answer is 200 or 503 (or none while the master is down): never a 500, never a 401.
      expect(
        requests.filter((r) => r.status !== 200 && r.status !== 503 && r.status !== null),
        deployment.prefix,
      ).toEqual([]);
    }

    // The mail: every request answered 200 after the failover gets its mail, and with the wait
    // every 200, whenever it was answered. Each address was asked for once: one mail at most.
    const promised = (deployment: Deployment, requests: readonly AnsweredRequest[]) =>
      requests.filter((r) => r.status === 200 && (deployment.waitReplicas > 0 || r.sentAt >= switchedAt)).map((r) => r.email);
    const mailCounts = async (deployment: Deployment) => {
      const counts = new Map<string, number>();
      for (const mail of await readOutbox(deployment.outbox)) {
        if (mail.kind === 'password-reset') counts.set(mail.to, (counts.get(mail.to) ?? 0) + 1);
      }
      return counts;
    };
    for (const [index, deployment] of deployments.entries()) {
      const expected = promised(deployment, answered[index]!);
      // A job the worker had taken when the master died is taken again once its lock expires
      // (BullMQ's 30 s lock, checked every 30 s): the bound covers that, not a speed.
      await until(
        `${deployment.prefix}: every promised mail`,
        async () => {
          const counts = await mailCounts(deployment);
          return expected.every((email) => counts.has(email));
        },
        75_000,
      ).catch(async (error: unknown) => {
        // What a failure needs to be understood: which mails, where their jobs are, what the server said.
        const counts = await mailCounts(deployment);
        const missing = expected.filter((email) => !counts.has(email));
        throw new Error(
          `${(error as Error).message}\nmissing: ${missing.join(', ')}\nqueue: ${await describeQueue(deployment.prefix)}\n` +
            `server output (last 4000 characters):\n${deployment.server!.output().slice(-4000)}\n${await sentinel.logs()}`,
        );
      });
      await until('the queue to drain', () => queueIsDrained(deployment.prefix), 75_000);
      const counts = await mailCounts(deployment);
      const notOnce = expected.filter((email) => counts.get(email) !== 1);
      // The story of a failure (its mails, the server's and the sentinels' logs), read only when there is one.
      const story =
        notOnce.length === 0
          ? ''
          : `\n${await describeMails(deployment, notOnce)}\nserver output (last 4000 characters):\n` +
            `${deployment.server!.output().slice(-4000)}\n${await sentinel.logs()}`;
      expect(notOnce, `${deployment.prefix}: promised mails not delivered exactly once${story}`).toEqual([]);
      if (deployment.waitReplicas > 0)
        expect(
          [...counts.values()].filter((count) => count > 1),
          'mails sent twice',
        ).toEqual([]);
    }
  }, 180_000);

  /** `200: 31, 503: 4, none: 2`: how a set of requests was answered. */
  function statusCounts(requests: readonly AnsweredRequest[]): string {
    const counts = new Map<string, number>();
    for (const { status } of requests) counts.set(String(status ?? 'none'), (counts.get(String(status ?? 'none')) ?? 0) + 1);
    return [...counts].map(([status, count]) => `${status}: ${count}`).join(', ') || 'no answers';
  }

  /** Each mail of the given addresses: when it was written, and the start of the link it carries (two links: two secrets). */
  async function describeMails(deployment: Deployment, emails: readonly string[]): Promise<string> {
    const mails = (await readOutbox(deployment.outbox)).filter((mail) => emails.includes(mail.to));
    return mails.map((mail) => `${mail.to} ${mail.id} ${/#token=(.{8})/.exec(mail.text)?.[1] ?? 'no link'}`).join('\n');
  }

  async function describeQueue(prefix: string): Promise<string> {
    return withQueue(prefix, async (queue) => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
      const failed = await queue.getFailed(0, 20);
      return `${JSON.stringify(counts)}; failed: ${failed.map((job) => `${job.id} (${job.failedReason})`).join('; ')}`;
    }).catch((error: unknown) => `unreadable (${(error as Error).message})`);
  }

  async function queueIsDrained(prefix: string): Promise<boolean> {
    return withQueue(prefix, async (queue) => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((count) => count === 0);
    });
  }

  async function withQueue<T>(prefix: string, use: (queue: Queue) => Promise<T>): Promise<T> {
    const connection = new Redis({
      sentinels: sentinel.sentinels.map(({ host, port }) => ({ host, port })),
      name: NAME,
      maxRetriesPerRequest: 1,
    });
    connection.on('error', () => undefined);
    const queue = new Queue(RESET_QUEUE_NAME, { connection, prefix: redisKeys(prefix).queuePrefix() });
    try {
      return await use(queue);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }
});
