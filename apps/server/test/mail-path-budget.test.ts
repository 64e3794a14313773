import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressCalls, send } from '../src/bench/bench-calls.js';
import { BENCH_PEPPER } from '../src/bench/bench-client-authorization.js';
import { createBenchWorld, type BenchWorld } from '../src/bench/bench-world.js';
import { countMailPipelineCommands } from '../src/bench/mail-pipeline-counts.js';
import { BUILT_WORKER, startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 15, point 3: our own Redis commands per delivered reset mail (BullMQ's bookkeeping apart), as
// `pnpm bench` counts them, by the standalone worker delivering a backlog of reset mails. Per mail, 10:
// the account (its email index and record), the generation's bump and, in one MGET, the old counter and
// the dispute lock, the secret, the link index (ZADD, PEXPIREAT), the delivery claim and its record, the
// audit entry. Besides, once per worker or shared by many mails: the client registry's revision and
// records, the intake's group and its moves (0.3 per mail over 40 mails, 10.3 measured; 16 before this
// work, 11.3 with the dispute lock's own GET). The bound fails as soon as one command per mail comes back.
const MAX_OUR_COMMANDS_PER_MAIL = 11;
const MAILS = 40;

describe('the mail pipeline on the built server and worker', () => {
  let redis: PrivateRedis;
  let server: ServerProcess;
  let world: BenchWorld;
  let outboxDir: string;
  let environment: Record<string, string>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-mail-budget-'));
    environment = {
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      TOKEN_PEPPER: BENCH_PEPPER,
      MAIL_OUTBOX_DIR: join(outboxDir, 'worker'),
      RATE_LIMIT_REQUESTS_PER_IP: '100000/1h',
      RATE_LIMIT_REQUESTS_PER_CLIENT: '100000/1h',
    };
    // No worker in the server: the requests queue the backlog that the standalone worker delivers.
    server = await startServerProcess({ ...environment, MAIL_WORKER: 'false' });
    world = await createBenchWorld(redis.url, server.url);
  }, 60_000);
  afterAll(async () => {
    world?.close();
    await server?.stop();
    await redis?.stop();
    if (outboxDir) await rm(outboxDir, { recursive: true, force: true });
  });

  it(`costs at most ${MAX_OUR_COMMANDS_PER_MAIL} of our Redis commands per delivered reset mail`, async () => {
    const accounts = await world.addUsers(MAILS, 'budget');
    const calls = addressCalls(world.credentials);
    for (const { email } of accounts) await send(server.url, calls.request(email));
    const counts = await countMailPipelineCommands({
      redisUrl: redis.url,
      workerEnv: { ...environment, WORKER_METRICS_PORT: String(await findFreePort()) },
      outboxDir: environment.MAIL_OUTBOX_DIR!,
      mails: MAILS,
      workerScript: BUILT_WORKER,
    });
    console.log(`mail pipeline per delivered mail: ${JSON.stringify(counts)}`);
    expect(counts.mails).toBe(MAILS);
    expect(counts.ours).toBeGreaterThan(0);
    expect(counts.ours).toBeLessThanOrEqual(MAX_OUR_COMMANDS_PER_MAIL);
  }, 120_000);
});
