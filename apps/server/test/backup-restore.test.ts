import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSigningKey } from '../src/clients/client-credentials.js';
import { redisKeys } from '../src/redis/redis-keys.js';
import { keyedHash } from '../src/tokens/keyed-hash.js';
import { BUILT_CLI, runToCompletion, startServerProcess } from './support/server-process.js';

// Issue 13, point 5: disaster recovery. Everything goes through the built CLI and the built server, on a
// private redis-server this file starts (the only Redis it ever flushes).

const PEPPER = 'backup-test-pepper-of-at-least-thirty-two-characters';
const DIRECTORIES = { default: { kind: 'redis' }, staff: { kind: 'redis' } };
const ANN = { email: 'ann@example.com', password: 'ann-password-1' };
const BOB = { email: 'bob@example.com', password: 'bob-password-1' };

interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey: string;
}

// Each step runs the built CLI a few times: generous timeouts, since two busy cores make a process start slow.
const STEP_TIMEOUT_MS = 120_000;

describe('pnpm cli backup and restore', { timeout: STEP_TIMEOUT_MS }, () => {
  let redis: PrivateRedis;
  let connection: Redis;
  let folder: string;
  let environment: Record<string, string>;
  let acme: Credentials;
  let staffApp: Credentials;
  let revoked: Credentials;
  let backupFile: string;
  const keys = redisKeys('pwreset');
  const cli = (args: string[], overrides: Record<string, string> = {}) =>
    runToCompletion(BUILT_CLI, args, { ...environment, ...overrides });

  async function addClient(args: string[]): Promise<Credentials> {
    const added = await cli(['clients', 'add', ...args, '--json']);
    expect(added.code, added.stderr).toBe(0);
    return JSON.parse(added.stdout) as Credentials;
  }

  async function accessTokenStatus(url: string, { clientId, clientSecret }: Credentials): Promise<number> {
    const response = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    });
    await response.body?.cancel();
    return response.status;
  }

  beforeAll(async () => {
    redis = await startPrivateRedis();
    connection = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    folder = await mkdtemp(join(tmpdir(), 'pwreset-backup-'));
    const directoriesFile = join(folder, 'directories.json');
    await writeFile(directoriesFile, JSON.stringify(DIRECTORIES));
    environment = {
      REDIS_URL: redis.url,
      MAIL_OUTBOX_DIR: join(folder, 'outbox'),
      NODE_ENV: 'test',
      TOKEN_PEPPER: PEPPER,
      USER_DIRECTORIES_FILE: directoriesFile,
    };
    backupFile = join(folder, 'registries.jsonl');

    acme = await addClient(['--name', 'Acme', '--legacy', 'trafficops', '--webhook-url', 'https://hooks.example.com/reset']);
    staffApp = await addClient(['--name', 'Staff portal', '--directory', 'staff']);
    revoked = await addClient(['--name', 'Gone']);
    expect((await cli(['clients', 'revoke', revoked.clientId])).code).toBe(0);
    for (const [user, directory] of [
      [ANN, 'default'],
      [BOB, 'staff'],
    ] as const) {
      const added = await cli(['users', 'add', '--directory', directory, '--email', user.email, '--password', user.password]);
      expect(added.code, added.stderr).toBe(0);
    }
  }, STEP_TIMEOUT_MS);
  afterAll(async () => {
    connection.disconnect();
    await redis.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps the webhook signing key sealed in Redis, never in the clear', async () => {
    const stored = await connection.hgetall(keys.client(acme.clientId));
    expect(stored.sealedWebhookSigningKey).toMatch(/^v1:/);
    const everything = JSON.stringify(
      await Promise.all((await connection.keys('*')).map(async (key) => [key, await connection.dump(key)])),
    );
    expect(everything).not.toContain(webhookSigningKey(acme.clientSecret));
  });

  it('writes a JSON Lines backup of mode 0600 with a header, every record kind-and-version tagged', async () => {
    const done = await cli(['backup', '--out', backupFile, '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ file: backupFile, clients: 3, legacyBindings: 1, users: 2 });
    expect((await stat(backupFile)).mode & 0o777).toBe(0o600);

    const records = (await readFile(backupFile, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ kind: 'header', format: 'pwreset-registries-backup', version: 1, keyPrefix: 'pwreset' });
    expect(records.every((record) => record.version === 1 && typeof record.kind === 'string')).toBe(true);
    expect(records.filter((record) => record.kind === 'client').map((record) => record.clientId)).toEqual(
      expect.arrayContaining([acme.clientId, staffApp.clientId, revoked.clientId]),
    );
    expect(records).toContainEqual({ kind: 'legacy-binding', version: 1, api: 'trafficops', clientId: acme.clientId });
    expect(records.find((record) => record.clientId === staffApp.clientId)).toMatchObject({ directory: 'staff' });
    expect(records.find((record) => record.kind === 'user' && record.email === BOB.email)).toMatchObject({ directory: 'staff' });
  });

  it('holds no client secret, API key, webhook signing key or password in the clear', async () => {
    const text = await readFile(backupFile, 'utf8');
    for (const client of [acme, staffApp, revoked]) {
      expect(text).not.toContain(client.clientSecret);
      expect(text).not.toContain(client.apiKey);
      expect(text).not.toContain(webhookSigningKey(client.clientSecret));
    }
    expect(text).not.toContain(ANN.password);
    expect(text).not.toContain(BOB.password);
  });

  it('restores into an empty Redis: the same client gets a token from /oauth/token with its old secret', async () => {
    await connection.flushall();
    expect(await connection.dbsize()).toBe(0);
    const restored = await cli(['restore', backupFile, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ clients: 3, legacyBindings: 1, users: 2 });

    const server = await startServerProcess(environment);
    try {
      expect(await accessTokenStatus(server.url, acme)).toBe(200);
      expect(await accessTokenStatus(server.url, staffApp)).toBe(200);
      expect(await accessTokenStatus(server.url, revoked)).toBe(401);
      expect(await accessTokenStatus(server.url, { ...acme, clientSecret: staffApp.clientSecret })).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('restores the users with their password hashes, each in its own directory', async () => {
    expect((await cli(['users', 'check-password', '--email', ANN.email, '--password', ANN.password])).code).toBe(0);
    expect((await cli(['users', 'check-password', '--email', ANN.email, '--password', 'not-her-password'])).code).toBe(1);
    expect((await cli(['users', 'check-password', '--directory', 'staff', '--email', BOB.email, '--password', BOB.password])).code).toBe(0);
    // The address index is rebuilt per directory: Bob is a staff user only.
    expect((await cli(['users', 'check-password', '--email', BOB.email, '--password', BOB.password])).code).toBe(1);
  });

  it('restores directory bindings, legacy bindings, the API key index and the webhook key, still sealed', async () => {
    expect(JSON.parse((await cli(['clients', 'show', staffApp.clientId, '--json'])).stdout)).toMatchObject({ directory: 'staff' });
    expect(JSON.parse((await cli(['clients', 'show', acme.clientId, '--json'])).stdout)).toMatchObject({ directory: 'default' });
    expect(JSON.parse((await cli(['clients', 'show', revoked.clientId, '--json'])).stdout)).toHaveProperty('revokedAt');
    expect(await connection.get(keys.legacyBinding('trafficops'))).toBe(acme.clientId);
    expect(await connection.get(keys.clientIdByApiKey(keyedHash(PEPPER, acme.apiKey)))).toBe(acme.clientId);
    expect(await connection.get(keys.clientIdByApiKey(keyedHash(PEPPER, revoked.apiKey)))).toBeNull();
    expect(await connection.hget(keys.client(acme.clientId), 'sealedWebhookSigningKey')).toMatch(/^v1:/);
    expect(await connection.hget(keys.client(acme.clientId), 'webhookSigningKey')).toBeNull();
  });

  it('refuses to overwrite existing records unless --replace, writing nothing', async () => {
    await connection.hset(keys.client(acme.clientId), 'name', 'Renamed since');
    const refused = await cli(['restore', backupFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`client ${acme.clientId} exists`);
    expect(refused.stderr).toContain('--replace');
    expect(await connection.hget(keys.client(acme.clientId), 'name')).toBe('Renamed since');

    const replaced = await cli(['restore', backupFile, '--replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(await connection.hget(keys.client(acme.clientId), 'name')).toBe('Acme');
  });

  it('refuses a file with a corrupted line, naming the line, and writes nothing', async () => {
    const lines = (await readFile(backupFile, 'utf8')).trimEnd().split('\n');
    const corrupted = join(folder, 'corrupted.jsonl');
    const third = JSON.parse(lines[2]!) as Record<string, unknown>;
    await writeFile(
      corrupted,
      [...lines.slice(0, 2), JSON.stringify({ ...third, secretHash: 42 }), ...lines.slice(3), '{"kind": "user", '].join('\n'),
    );
    await connection.flushall();

    const refused = await cli(['restore', corrupted]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing was written');
    expect(refused.stderr).toMatch(/line 3: secretHash: /);
    expect(refused.stderr).toContain(`line ${lines.length + 1}: not valid JSON`);
    expect(await connection.dbsize()).toBe(0);
  });

  it('refuses a backup made under another TOKEN_PEPPER, and writes nothing', async () => {
    const refused = await cli(['restore', backupFile], { TOKEN_PEPPER: 'another-pepper-of-at-least-thirty-two-characters' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 1: this backup was made under another TOKEN_PEPPER');
    expect(refused.stderr).toContain(`client ${acme.clientId}`);
    expect(await connection.dbsize()).toBe(0);
  });

  it('refuses a client bound to a directory USER_DIRECTORIES_FILE does not name', async () => {
    const onlyDefault = join(folder, 'only-default.json');
    await writeFile(onlyDefault, JSON.stringify({ default: { kind: 'redis' } }));
    const refused = await cli(['restore', backupFile], { USER_DIRECTORIES_FILE: onlyDefault });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`client ${staffApp.clientId} is bound to user directory "staff"`);
    expect(refused.stderr).toContain('user directory "staff" is not an embedded (redis) directory');
    expect(await connection.dbsize()).toBe(0);
  });

  it('seals, in the backup, a webhook signing key that Redis still holds in the clear (written before sealing)', async () => {
    expect((await cli(['restore', backupFile])).code).toBe(0);
    const clear = webhookSigningKey(acme.clientSecret);
    await connection.hdel(keys.client(acme.clientId), 'sealedWebhookSigningKey');
    await connection.hset(keys.client(acme.clientId), 'webhookSigningKey', clear);

    const second = join(folder, 'second.jsonl');
    expect((await cli(['backup', '--out', second])).code).toBe(0);
    const text = await readFile(second, 'utf8');
    expect(text).not.toContain(clear);
    const record = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((candidate) => candidate.clientId === acme.clientId && candidate.kind === 'client');
    expect(record).toMatchObject({ sealedWebhookSigningKey: expect.stringMatching(/^v1:/) });
    expect(record).not.toHaveProperty('webhookSigningKey');
  });

  it('stops on a record in Redis it cannot read, writing no file and leaving no partial one', async () => {
    await connection.hdel(keys.client(staffApp.clientId), 'name');
    const broken = join(folder, 'broken.jsonl');
    const refused = await cli(['backup', '--out', broken]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`client ${staffApp.clientId} in Redis is not a record this version reads`);
    expect(refused.stderr).not.toContain('    at ');
    expect((await readdir(folder)).filter((name) => name.startsWith('broken'))).toEqual([]);
  });
});
