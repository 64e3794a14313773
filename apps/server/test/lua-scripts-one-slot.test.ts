import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '../src/redis/redis-keys.js';
import { atMostOnce } from '../src/delivery/at-most-once.js';
import * as clientCredentialScripts from '../src/clients/client-credential-scripts.js';
import { redisClientRegistry } from '../src/clients/redis-client-registry.js';
import * as deliveryClaimScripts from '../src/delivery/delivery-claim-scripts.js';
import * as disputeScripts from '../src/disputes/dispute-scripts.js';
import * as fixedWindowScripts from '../src/limits/fixed-window-script.js';
import { redisRateLimits } from '../src/limits/redis-rate-limits.js';
import * as intakeScripts from '../src/intake/intake-script.js';
import { redisResetRequestIntake } from '../src/intake/redis-reset-request-intake.js';
import { redisDisputeStore } from '../src/disputes/redis-dispute-store.js';
import * as resetTokenScripts from '../src/tokens/consume-reset-token-script.js';
import { redisResetCodeFlowStore } from '../src/tokens/redis-reset-code-flow-store.js';
import * as resetCodeFlowScripts from '../src/tokens/reset-code-flow-scripts.js';
import { redisResetTokenStore } from '../src/tokens/redis-reset-token-store.js';
import { redisTemporaryPasswordStore } from '../src/tokens/redis-temporary-password-store.js';
import * as temporaryPasswordScripts from '../src/tokens/temporary-password-scripts.js';
import * as userDirectoryScripts from '../src/users/user-directory-scripts.js';
import { redisUserDirectory } from '../src/users/redis-user-directory.js';
import { keySlot } from './support/key-slot.js';
import { createKeyRing, singleKeyRing } from '../src/tokens/key-ring.js';

// Issue 13, point 1: every Lua script of ours touches only keys of one Redis Cluster hash slot, so
// it runs on a cluster as on one node. Each script is run as the code runs it, against a real
// Redis watched with MONITOR, and the keys of every EVAL it sends must share one slot.
//
// Out of scope, as they are not ours: BullMQ's scripts (its keys share the queue prefix's hash tag,
// `{<prefix>-queue}`, see redis-keys.ts). MULTI transactions are not
// scripts either (each of ours touches one key today).

/** Every script module of the service: each string it exports is a script. A new module must be listed here. */
const SCRIPT_MODULES = {
  resetTokenScripts,
  temporaryPasswordScripts,
  deliveryClaimScripts,
  resetCodeFlowScripts,
  disputeScripts,
  clientCredentialScripts,
  fixedWindowScripts,
  intakeScripts,
  userDirectoryScripts,
};
const SCRIPTS = new Map<string, string>(
  Object.values(SCRIPT_MODULES).flatMap((module) =>
    Object.entries(module as Record<string, unknown>).flatMap(([name, text]) => (typeof text === 'string' ? [[name, text] as const] : [])),
  ),
);
const SCRIPT_TEXT_BY_SHA = new Map([...SCRIPTS.values()].map((text) => [createHash('sha1').update(text).digest('hex'), text]));
/** The source files allowed to hold or send Lua: the modules above and the stores that run them. */
const FILES_WITH_LUA = [
  // Builds scripts the two modules of temporary passwords and code flows export; runs none itself.
  'src/tokens/lease-state-lua.ts',
  'src/clients/client-credential-scripts.ts',
  'src/clients/redis-client-registry.ts',
  'src/delivery/delivery-claim-scripts.ts',
  'src/disputes/dispute-scripts.ts',
  'src/disputes/redis-dispute-store.ts',
  'src/limits/fixed-window-script.ts',
  'src/intake/intake-script.ts',
  // Sends any script by its SHA1 (EVALSHA), its text only on NOSCRIPT; the intake, the throttles, the delivery gate, the reset secrets, temporary passwords, code flows and the embedded directory run theirs through it.
  'src/redis/run-script.ts',
  'src/tokens/reset-code-flow-scripts.ts',
  // The functions every reset-secret script starts with (both forms of the record); runs none itself. The scripts
  // (consume-reset-token-script.ts) reach Redis only through them, so that module holds no command of its own.
  'src/tokens/reset-token-record-lua.ts',
  'src/tokens/temporary-password-scripts.ts',
  'src/users/user-directory-scripts.ts',
];
/** Files that name the script commands without holding or sending Lua: the bench attributes MONITOR lines to their keys. */
const FILES_NAMING_SCRIPT_COMMANDS = new Set(['src/bench/mail-pipeline-counts.ts']);
const LUA_MARKERS = /redis\.call\(|redis\.pcall\(|\.eval\(|\.evalsha\(|\bevalsha\b|defineCommand|\.lua\b|new Script\(/;

const SERVER_ROOT = fileURLToPath(new URL('..', import.meta.url));

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []);
    }),
  );
  return nested.flat();
}

/** How MONITOR shows an argument (Redis' sdscatrepr, without the quotes ioredis strips): escapes, not the raw bytes. */
function asMonitorShowsIt(text: string): string {
  return text.replace(
    /[\\"\n\r\t]/g,
    (character) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[character] ?? character,
  );
}

interface RecordedEval {
  readonly script: string;
  /** The keys it declared (KEYS). */
  readonly keys: readonly string[];
  /** The key of every command the script itself ran (MONITOR shows them with the source `lua`). */
  readonly touched: string[];
  /** Sent as EVALSHA: if Redis did not have it, nothing ran, and the EVAL that follows is the run. */
  readonly bySha?: boolean;
}

/** A redis-server in cluster mode, only to ask CLUSTER KEYSLOT (it answers without any slot assigned). */
async function startKeyslotOracle(): Promise<{ redis: Redis; stop(): Promise<void> }> {
  const port = await findFreePort();
  const directory = await mkdtemp(join(tmpdir(), 'pwreset-keyslot-'));
  const child: ChildProcess = spawn(
    process.env.REDIS_SERVER_BIN ?? 'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--save', '', '--appendonly', 'no', '--dir', directory],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
      return {
        redis,
        async stop() {
          redis.disconnect();
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGTERM');
          await exited;
          await rm(directory, { recursive: true, force: true });
        },
      };
    } catch (error) {
      redis.disconnect();
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describe('every Lua script touches keys of one hash slot', () => {
  let server: PrivateRedis;
  let redis: Redis;
  let oracle: Awaited<ReturnType<typeof startKeyslotOracle>>;
  const recorded: RecordedEval[] = [];

  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = new Redis(server.url);
    oracle = await startKeyslotOracle();
    const monitor = await new Redis(server.url).monitor();
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      const [command = '', script = '', keyCount = '0', ...rest] = args.map(String);
      // Redis runs a script to its end before anything else: its commands follow its EVAL.
      // Every command our scripts run names its key first (GET, SET, HGET, HMGET, HSET, HDEL, HINCRBY, DEL).
      if (source === 'lua') recorded.at(-1)?.touched.push(script);
      if (command.toLowerCase() === 'eval') {
        // runScript's EVALSHA that Redis answered NOSCRIPT (it ran nothing) is followed by the same script's EVAL.
        const last = recorded.at(-1);
        if (last?.bySha === true && last.script === script && last.touched.length === 0) recorded.pop();
        recorded.push({ script, keys: rest.slice(0, Number(keyCount)), touched: [] });
      }
      // A script sent by its SHA-1 (runScript) is recorded as its text; an unknown SHA-1 as itself, which no name matches.
      if (command.toLowerCase() === 'evalsha') {
        const text = SCRIPT_TEXT_BY_SHA.get(script);
        recorded.push({
          script: text === undefined ? `sha ${script}` : asMonitorShowsIt(text),
          keys: rest.slice(0, Number(keyCount)),
          touched: [],
          bySha: true,
        });
      }
    });

    // Every script, run as the stores run it (a prefix with a colon, users with awkward ids).
    const keys = redisKeys('pwreset-slots');
    const clock = { now: () => new Date() };
    const tokens = redisResetTokenStore({ redis, keys, keyRing: singleKeyRing('slot-test-pepper'), clock });
    const codes = redisTemporaryPasswordStore({ redis, keys, keyRing: singleKeyRing('slot-test-pepper'), clock });
    const flows = redisResetCodeFlowStore({ redis, keys, keyRing: singleKeyRing('slot-test-pepper'), clock, lifetimeSeconds: 900 });
    const disputes = redisDisputeStore({ redis, keys, keyRing: singleKeyRing('slot-test-pepper'), clock });
    for (const user of [
      { directory: 'default', userId: '42' },
      { directory: 'staff', userId: 'id:with}brace{and:colons' },
    ]) {
      const expiresAt = new Date(Date.now() + 60_000);
      const { secret } = await tokens.issue({ ...user, clientId: 'slot-client', expiresAt });
      await tokens.recordFailedAttempt(secret, 5);
      await tokens.reserve(secret);
      await tokens.release(secret, { writeUncertain: true });
      await tokens.consume(secret);
      const { code } = await codes.issue({ ...user, clientId: 'slot-client', expiresAt });
      await codes.verify({ code: 'WRONG-CODE', user, maxFailedAttempts: 5 });
      await codes.verify({ code, maxFailedAttempts: 5 });
      await codes.reserve({ code, user });
      await codes.release({ code, user, writeUncertain: true });
      await codes.consume({ code, user });
      await codes.issue({ ...user, clientId: 'slot-client', expiresAt });
      await codes.revokeForUser(user);
      const older = await flows.open({ clientId: 'slot-client', email: 'slots@example.com' });
      const flow = await flows.open({ clientId: 'slot-client', email: 'slots@example.com' });
      const issued = await flows.issueCode({ flowRef: flow.flowRef, user });
      await flows.verify({ flowId: flow.flowId, clientId: 'slot-client', code: '00000000', maxWrongCodes: 5 });
      await flows.recordFailedAttempt({ flowId: flow.flowId, maxFailedAttempts: 5 });
      await flows.reserve({ flowId: flow.flowId, code: issued?.code ?? '' });
      await flows.release({ flowId: flow.flowId, writeUncertain: true });
      await flows.consume({ flowId: flow.flowId });
      await flows.verify({ flowId: older.flowId, clientId: 'slot-client', code: '00000000', maxWrongCodes: 5 });
      await flows.issueCode({ flowRef: (await flows.open({ clientId: 'slot-client', email: 'slots@example.com' })).flowRef, user });
      await flows.revokeForUser(user);
      const { secret: disputeSecret } = await disputes.issue({ ...user, clientId: 'slot-client', changedAt: new Date(), expiresAt });
      await disputes.consume(disputeSecret);
      await disputes.lockResets(user, expiresAt);
      // The embedded directory's password write: of an account it has, and of one it has not (the awkward id).
      const accounts = redisUserDirectory({ redis, keys, directory: user.directory });
      const created = await accounts.createUser({ email: `slots@${user.directory}.example`, password: 'slot-password-1' });
      if (!created.created) throw new Error('cannot add the slot account');
      await accounts.setPassword(created.userId, 'slot-password-2');
      await accounts.setPassword(user.userId, 'slot-password-2');
    }
    // A client's credentials and sealed signing key re-hashed under a newer key (the swap script) on their use.
    const clientDefaults = { hostedResetPageUrl: 'http://localhost/reset', resetTokenTtlSeconds: 3600 };
    const oldRing = singleKeyRing('slot-test-pepper');
    const added = await redisClientRegistry({ redis, keys, keyRing: oldRing, defaults: clientDefaults }).add({
      name: 'Slots',
      resetUrls: [],
      defaultLocale: 'en',
      minPasswordLength: 8,
      legacyApis: [],
      webhookUrl: 'https://hooks.example/slots',
    });
    if (!added.ok) throw new Error(`cannot add the slot client: ${added.reason}`);
    const rotatedRing = createKeyRing([{ id: 'k2', secret: 'slot-test-pepper-two' }, ...oldRing.keys]);
    const rotatedRegistry = redisClientRegistry({ redis, keys, keyRing: rotatedRing, defaults: clientDefaults });
    await rotatedRegistry.webhookTarget(added.client.clientId);
    await rotatedRegistry.authenticateSecret(added.client.clientId, added.clientSecret);
    await rotatedRegistry.findByApiKey(added.apiKey);
    // A reset request's three throttles (one script), the last refused, and a secret attempt's.
    const hour = (points: number) => ({ points, durationSeconds: 3600 });
    const limitSettings = {
      requestsPerAddress: hour(1),
      requestsPerClient: hour(5),
      requestsPerIp: hour(5),
      secretAttemptsPerIp: hour(5),
      maxFailedAttemptsPerSecret: 5,
    };
    const limits = redisRateLimits({ redis, keys, keyRing: oldRing, settings: limitSettings });
    for (let call = 0; call < 2; call += 1)
      await limits.allowResetRequest({ email: 'slots@example.com', clientId: 'slot-client', ip: '2001:db8::1' });
    await limits.allowSecretAttempt({ ip: '2001:db8::1' });
    // A reset request through the intake: accepted, then throttled (address limit 1).
    const intake = redisResetRequestIntake({ redis, keys, keyRing: oldRing, settings: limitSettings, auditMaxEntries: 100 });
    const job = { type: 'unreachable-address-requested', clientId: 'slot-client', requestedAt: new Date().toISOString() } as const;
    for (let call = 0; call < 2; call += 1)
      await intake.admit({ email: 'intake@example.com', clientId: 'slot-client', ip: '2001:db8::2', job });
    // A delivery claimed (by SET NX GET, no script), refused by its receiver (released), claimed again and delivered.
    const deliveries = atMostOnce({ redis, keys });
    await deliveries.deliverOnce('job_slot-test', () => Promise.reject(new Error('refused'))).catch(() => undefined);
    await deliveries.deliverOnce('job_slot-test', () => Promise.resolve());
    // The claim script runs where SET NX GET cannot claim: a claim of the gate's that never sent, taken
    // over. Here its first claim's reply is lost (the connection fails after Redis wrote it).
    let claimSets = 0;
    const claimReplyLost = new Proxy(redis, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property !== 'set' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const reply: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if ((claimSets += 1) === 1) throw new Error('Connection is closed.');
          return reply;
        };
      },
    });
    const takingOver = atMostOnce({ redis: claimReplyLost, keys });
    await takingOver.deliverOnce('job_slot-take-over', () => Promise.resolve()).catch(() => undefined);
    await takingOver.deliverOnce('job_slot-take-over', () => Promise.resolve());
    // MONITOR reports asynchronously: wait for a marker of our own.
    await redis.echo('slot-test-done');
    await new Promise((resolve) => setTimeout(resolve, 200));
    monitor.disconnect();
  });
  afterAll(async () => {
    await redis?.quit();
    await server?.stop();
    await oracle?.stop();
  });

  it('knows every file that holds or sends Lua (a new one must register its scripts above)', async () => {
    const found: string[] = [];
    for (const file of await sourceFiles(join(SERVER_ROOT, 'src'))) {
      const path = relative(SERVER_ROOT, file);
      if (!FILES_NAMING_SCRIPT_COMMANDS.has(path) && LUA_MARKERS.test(await readFile(file, 'utf8'))) found.push(path);
    }
    expect(found.sort()).toEqual([...FILES_WITH_LUA].sort());
    expect(SCRIPTS.size).toBe(23);
  });

  it('runs every registered script, and only registered ones', () => {
    const names = new Map([...SCRIPTS].map(([name, text]) => [asMonitorShowsIt(text), name]));
    const seen = new Set(recorded.map(({ script }) => names.get(script) ?? `unregistered script: ${script.slice(0, 80)}`));
    expect([...seen].sort()).toEqual([...SCRIPTS.keys()].sort());
  });

  it('declares every key a script touches, and all of them share one slot', () => {
    expect(recorded.length).toBeGreaterThan(0);
    const names = new Map([...SCRIPTS].map(([name, text]) => [asMonitorShowsIt(text), name]));
    for (const { script, keys, touched } of recorded) {
      const name = names.get(script) ?? 'unregistered';
      expect(keys.length, name).toBeGreaterThan(0);
      expect(touched.length, name).toBeGreaterThan(0);
      // A key built inside the script (not in KEYS) would be sent to the wrong node of a cluster.
      expect(
        touched.filter((key) => !keys.includes(key)),
        `${name} touches undeclared keys`,
      ).toEqual([]);
      const slots = new Set([...keys, ...touched].map(keySlot));
      expect([...slots], `${name}: ${keys.join(' ')}`).toHaveLength(1);
    }
  });

  it('computes slots as Redis Cluster does (checked against CLUSTER KEYSLOT)', async () => {
    const samples = [
      ...new Set(recorded.flatMap(({ keys }) => keys)),
      'foo',
      '123456789',
      '{user1000}.following',
      'foo{}{bar}',
      'foo{{bar}}zap',
      'foo{bar}{zap}',
      'ключ{ユーザー}',
    ];
    // The Cluster spec's own example: CRC16 of "123456789" is 0x31C3.
    expect(keySlot('123456789')).toBe(0x31c3 % 16384);
    for (const key of samples) expect(keySlot(key), key).toBe(await oracle.redis.cluster('KEYSLOT', key));
  });
});
