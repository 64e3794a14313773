import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';
import { randomBytes } from 'node:crypto';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '../src/redis/redis-keys.js';
import { redisUserDirectory } from '../src/users/redis-user-directory.js';
import { startFakeSendGrid } from './support/fake-sendgrid.js';
import { compareLatencies, describeComparison } from './support/latency-comparison.js';
import { runCli, startServerProcess, type ServerProcess } from './support/server-process.js';

const KNOWN_USERS = 50;
const WARM_UP_PER_KIND = 25;
const MEASURED_PER_KIND = 500;
/**
 * The largest difference of the median latencies allowed between known and unknown addresses.
 * On a 2-core machine at a load average of 20–27, an argon2id hash more on one path moves its
 * median by 35–50 ms, while the medians of 500 shuffled requests of each kind stay within about
 * 1 ms of each other. One more Redis round trip (~0.1 ms) is below what timing can tell apart on
 * such a machine: the MONITOR test below catches that.
 */
const MAX_MEDIAN_DIFFERENCE_MS = 2;
/** Headers that differ on every answer by design. */
const VARYING_HEADERS = new Set(['date', 'x-request-id']);

interface RawAnswer {
  readonly status: number;
  readonly headers: Array<[string, string]>;
  readonly body: Buffer;
}

/** The production environment of the built server, mailing to a local SendGrid sink, throttles loose. */
function productionEnvironment(redisUrl: string, sendGridUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    REDIS_URL: redisUrl,
    TOKEN_PEPPER: 'a-pepper-for-timing-tests-of-at-least-32-characters',
    SENDGRID_API_KEY: 'SG.timing-test-key',
    SENDGRID_API_URL: sendGridUrl,
    PUBLIC_BASE_URL: 'https://reset.example.com',
    RATE_LIMIT_REQUESTS_PER_ADDRESS: '100000/1h',
    RATE_LIMIT_REQUESTS_PER_IP: '1000000/1h',
    RATE_LIMIT_REQUESTS_PER_CLIENT: '1000000/1h',
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

/** Addresses of one shape (same length, same domain), so known and unknown differ only in existing. */
function randomAddress(): string {
  return `member-${randomBytes(6).toString('hex')}@example.com`;
}

async function addUserWithCli(environment: Record<string, string>, email: string): Promise<string> {
  const stdout = await runCli(environment, ['users', 'add', '--email', email, '--password', `password-of-${email}`, '--json']);
  return (JSON.parse(stdout) as { userId: string }).userId;
}

/** Runs `task` over `items`, at most `concurrency` at a time (each CLI call is a Node process). */
async function inBatches<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += concurrency)
    results.push(...(await Promise.all(items.slice(start, start + concurrency).map(task))));
  return results;
}

async function accessTokenFor(url: string, environment: Record<string, string>): Promise<string> {
  const { clientId, clientSecret } = JSON.parse(await runCli(environment, ['clients', 'add', '--name', 'Timing App', '--json'])) as {
    clientId: string;
    clientSecret: string;
  };
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function requestReset(url: string, accessToken: string, email: string, method?: 'code'): Promise<RawAnswer> {
  const response = await fetch(`${url}/trpc/passwordReset.request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(method ? { email, method } : { email }),
  });
  return { status: response.status, headers: [...response.headers.entries()], body: Buffer.from(await response.arrayBuffer()) };
}

/** What must not differ between two answers: status, every header but Date and the request id, the body's bytes. */
function comparable(answer: RawAnswer) {
  return {
    status: answer.status,
    headers: answer.headers.filter(([name]) => !VARYING_HEADERS.has(name)).sort(([left], [right]) => left.localeCompare(right)),
    body: answer.body.toString('base64'),
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('passwordReset.request on the built server gives the same answer in the same time for every address', () => {
  let redis: PrivateRedis;
  let sendgrid: Awaited<ReturnType<typeof startFakeSendGrid>>;
  let environment: Record<string, string>;
  let server: ServerProcess;
  let throttlingServer: ServerProcess | undefined;
  let accessToken: string;
  const knownAddresses = Array.from({ length: KNOWN_USERS }, randomAddress);
  const disabledAddress = randomAddress();
  const throttledAddress = randomAddress();

  const mailsTo = (address: string) => sendgrid.received.filter((mail) => JSON.stringify(mail.body).includes(address)).length;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sendgrid = await startFakeSendGrid();
    environment = productionEnvironment(redis.url, sendgrid.url);
    // The users are made as an operator would, with the CLI; it cannot disable one, so that is done in Redis.
    await inBatches([...knownAddresses, throttledAddress], 6, (email) => addUserWithCli(environment, email));
    const disabledUserId = await addUserWithCli(environment, disabledAddress);
    const direct = new Redis(redis.url);
    await redisUserDirectory({ redis: direct, keys: redisKeys('pwreset'), directory: DEFAULT_USER_DIRECTORY }).setDisabled(
      disabledUserId,
      true,
    );
    direct.disconnect();
    server = await startServerProcess(environment);
    accessToken = await accessTokenFor(server.url, environment);
  }, 120_000);

  afterAll(async () => {
    await throttlingServer?.stop();
    await server?.stop();
    await sendgrid?.close();
    await redis?.stop();
  });

  it('answers an existing, an unknown, a disabled and a throttled address with the same status, headers and bytes', async () => {
    const existing = await requestReset(server.url, accessToken, knownAddresses[0]!);
    const unknown = await requestReset(server.url, accessToken, randomAddress());
    const disabled = await requestReset(server.url, accessToken, disabledAddress);

    throttlingServer = await startServerProcess(
      productionEnvironment(redis.url, sendgrid.url, { RATE_LIMIT_REQUESTS_PER_ADDRESS: '1/1h' }),
    );
    const allowed = await requestReset(throttlingServer.url, accessToken, throttledAddress);
    const throttled = await requestReset(throttlingServer.url, accessToken, throttledAddress);

    expect(existing.status).toBe(200);
    expect(JSON.parse(existing.body.toString())).toEqual({ result: { data: { accepted: true } } });
    for (const [name, answer] of Object.entries({ unknown, disabled, allowed, throttled })) {
      expect(comparable(answer), `the answer for the ${name} address`).toEqual(comparable(existing));
    }

    // The answers were alike, but what happened was not: only the existing, enabled addresses got mail, once.
    await waitFor(() => mailsTo(knownAddresses[0]!) === 1 && mailsTo(throttledAddress) === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsTo(throttledAddress)).toBe(1);
    expect(mailsTo(disabledAddress)).toBe(0);
    await throttlingServer.stop();
    throttlingServer = undefined;
  });

  it('with method code, answers an existing, an unknown and a disabled address with the same status, headers, shape and byte size', async () => {
    const existing = await requestReset(server.url, accessToken, knownAddresses[1]!, 'code');
    const unknown = await requestReset(server.url, accessToken, randomAddress(), 'code');
    const disabled = await requestReset(server.url, accessToken, disabledAddress, 'code');
    expect(existing.status).toBe(200);
    expect(JSON.parse(existing.body.toString())).toEqual({
      result: { data: { accepted: true, flowId: expect.stringMatching(/^[\w-]{43}$/) } },
    });
    // The flow id is random: everything but its 43 characters must be byte for byte the same.
    const withoutFlowId = (answer: RawAnswer) => ({
      ...comparable(answer),
      body: answer.body.toString().replace(/"flowId":"[\w-]{43}"/, '"flowId":"…"'),
      bytes: answer.body.length,
    });
    for (const [name, answer] of Object.entries({ unknown, disabled })) {
      expect(withoutFlowId(answer), `the answer for the ${name} address`).toEqual(withoutFlowId(existing));
    }
  });

  it(`with method code, takes as long for unknown addresses as for known ones (medians within ${MAX_MEDIAN_DIFFERENCE_MS} ms)`, async () => {
    const request = async (kind: 'known' | 'unknown', index: number) => {
      const email = kind === 'known' ? knownAddresses[index % KNOWN_USERS]! : randomAddress();
      expect((await requestReset(server.url, accessToken, email, 'code')).status).toBe(200);
    };
    await compareLatencies(WARM_UP_PER_KIND, request);
    const comparison = await compareLatencies(MEASURED_PER_KIND, request);
    console.log(
      describeComparison(`passwordReset.request (method code) latency over ${2 * MEASURED_PER_KIND} interleaved requests`, comparison),
    );
    expect(Math.abs(comparison.medianDifferenceMs)).toBeLessThanOrEqual(MAX_MEDIAN_DIFFERENCE_MS);
  }, 120_000);

  const title = `takes as long for unknown addresses as for known ones (medians within ${MAX_MEDIAN_DIFFERENCE_MS} ms)`;
  it(
    title,
    async () => {
      const request = async (kind: 'known' | 'unknown', index: number) => {
        const email = kind === 'known' ? knownAddresses[index % KNOWN_USERS]! : randomAddress();
        expect((await requestReset(server.url, accessToken, email)).status).toBe(200);
      };
      await compareLatencies(WARM_UP_PER_KIND, request);
      // One request in flight at a time, over the one kept-alive connection of fetch's pool.
      const comparison = await compareLatencies(MEASURED_PER_KIND, request);
      console.log(describeComparison(`passwordReset.request latency over ${2 * MEASURED_PER_KIND} interleaved requests`, comparison));
      expect(comparison.known.count + comparison.unknown.count).toBe(2 * MEASURED_PER_KIND);
      expect(Math.abs(comparison.medianDifferenceMs)).toBeLessThanOrEqual(MAX_MEDIAN_DIFFERENCE_MS);
    },
    120_000,
  );
});

describe('passwordReset.request on the built server does the same Redis work for unknown addresses', () => {
  let redis: PrivateRedis;
  let sendgrid: Awaited<ReturnType<typeof startFakeSendGrid>>;
  let server: ServerProcess;
  let monitor: Awaited<ReturnType<Redis['monitor']>> | undefined;
  let accessToken: string;
  const knownAddress = randomAddress();

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sendgrid = await startFakeSendGrid();
    // No worker in this process, so the only commands Redis sees are those of the request path.
    const environment = productionEnvironment(redis.url, sendgrid.url, { MAIL_WORKER: 'false' });
    await addUserWithCli(environment, knownAddress);
    server = await startServerProcess(environment);
    accessToken = await accessTokenFor(server.url, environment);
  }, 60_000);

  afterAll(async () => {
    monitor?.disconnect();
    await server?.stop();
    await sendgrid?.close();
    await redis?.stop();
  });

  it('issues the same sequence of Redis commands for a known and an unknown address', async () => {
    // Warm up, so scripts are loaded (EVALSHA, not EVAL) and connections are open for both kinds alike.
    for (let index = 0; index < 10; index += 1)
      await requestReset(server.url, accessToken, index % 2 === 0 ? knownAddress : randomAddress());

    const observer = new Redis(redis.url);
    monitor = await observer.monitor();
    observer.disconnect();
    let seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => seen.push(String(args[0]).toLowerCase()));

    async function commandsOf(email: string, method?: 'code'): Promise<string[]> {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = [];
      expect((await requestReset(server.url, accessToken, email, method)).status).toBe(200);
      // MONITOR reports asynchronously: give the last command time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
      return seen;
    }

    const knownCommands = await commandsOf(knownAddress);
    const unknownCommands = await commandsOf(randomAddress());
    console.log(`Redis commands of one request (known and unknown alike): ${knownCommands.join(' ')}`);
    // The request path runs one script of ours (the intake): it takes the throttles, writes the audit
    // entry and appends the job to the intake stream (two XADDs), for either address.
    expect(knownCommands.filter((name) => name === 'evalsha' || name === 'eval')).toHaveLength(1);
    expect(knownCommands.filter((name) => name === 'xadd')).toHaveLength(2);
    expect(unknownCommands).toEqual(knownCommands);

    // With method code, the flow is opened (and the address's older flow ended) for every address
    // alike. Whether an older flow exists depends on the address's recent requests, not on its
    // account: both addresses have the same history here.
    const unknownAddress = randomAddress();
    for (let index = 0; index < 4; index += 1)
      await requestReset(server.url, accessToken, index % 2 === 0 ? knownAddress : unknownAddress, 'code');
    const knownCodeCommands = await commandsOf(knownAddress, 'code');
    const unknownCodeCommands = await commandsOf(unknownAddress, 'code');
    console.log(`Redis commands of one code request (known and unknown alike): ${knownCodeCommands.join(' ')}`);
    expect(knownCodeCommands.length).toBeGreaterThan(knownCommands.length);
    expect(unknownCodeCommands).toEqual(knownCodeCommands);
  });
});
