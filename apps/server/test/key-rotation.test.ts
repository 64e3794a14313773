import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisClientRegistry } from '../src/clients/redis-client-registry.js';
import { redisDisputeStore } from '../src/disputes/redis-dispute-store.js';
import { webhookSigningKey } from '../src/clients/client-credentials.js';
import { redisAccessTokenStore } from '../src/oauth/access-token-store.js';
import type { RedisConnection } from '../src/redis/redis-connection-factory.js';
import { redisKeys } from '../src/redis/redis-keys.js';
import { createKeyRing, type KeyRing, type TokenKey } from '../src/tokens/key-ring.js';
import { keyedHash } from '../src/tokens/keyed-hash.js';
import { redisResetCodeFlowStore } from '../src/tokens/redis-reset-code-flow-store.js';
import { redisResetTokenStore } from '../src/tokens/redis-reset-token-store.js';
import { redisTemporaryPasswordStore } from '../src/tokens/redis-temporary-password-store.js';
import { BUILT_CLI, runToCompletion } from './support/server-process.js';
import { startTestRedis, type TestRedis } from './support/test-redis.js';

// Issue 16, point 5: a rotation (TOKEN_PEPPERS=k1:… becomes k2:…,k1:…) loses nothing. Every store runs on a
// real Redis as the server composes it; `keys status` runs as the built CLI against the same Redis.

const K1: TokenKey = { id: 'k1', secret: 'first-key-of-at-least-thirty-two-characters' };
const K2: TokenKey = { id: 'k2', secret: 'second-key-of-at-least-thirty-two-characters' };
const PEPPER: TokenKey = { id: 'pepper', secret: 'the-token-pepper-before-key-ids-existed-000' };
const peppers = (...ring: TokenKey[]) => ring.map((key) => `${key.id}:${key.secret}`).join(',');
const clock = { now: () => new Date() };
const inOneHour = () => new Date(Date.now() + 3_600_000);
const DEFAULTS = { hostedResetPageUrl: 'http://localhost:3000/reset', resetTokenTtlSeconds: 86_400 };
const USER = { directory: 'default', userId: 'usr_rotation' };

describe('key rotation', () => {
  let redis: TestRedis;
  let connection: RedisConnection;
  const keys = redisKeys('pwreset');
  const stores = (keyRing: KeyRing) => {
    const clients = redisClientRegistry({ redis: connection, keys, keyRing, defaults: DEFAULTS });
    return {
      clients,
      tokens: redisResetTokenStore({ redis: connection, keys, keyRing, clock }),
      accessTokens: redisAccessTokenStore({ redis: connection, keys, keyRing, clients, ttlSeconds: 3600 }),
      temporaryPasswords: redisTemporaryPasswordStore({ redis: connection, keys, keyRing, clock }),
      flows: redisResetCodeFlowStore({ redis: connection, keys, keyRing, clock, lifetimeSeconds: 900 }),
      disputes: redisDisputeStore({ redis: connection, keys, keyRing, clock }),
    };
  };
  const keysStatus = async (...ring: TokenKey[]) => {
    const run = await runToCompletion(BUILT_CLI, ['keys', 'status', '--json'], {
      ...redis.environment,
      NODE_ENV: 'test',
      TOKEN_PEPPERS: peppers(...ring),
    });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const status = JSON.parse(run.stdout) as { current: string; keys: { keyId: string; records: Record<string, number>; total: number }[] };
    return { current: status.current, byKey: Object.fromEntries(status.keys.map((usage) => [usage.keyId, usage.records])) };
  };

  const before = createKeyRing([K1]);
  const after = createKeyRing([K2, K1]);
  let issued: {
    resetSecret: string;
    disputeSecret: string;
    ownAccessToken: string;
    teenQuotesAccessToken: string;
    temporaryPassword: string;
    flowId: string;
    flowCode: string;
    clientId: string;
    clientSecret: string;
    apiKey: string;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    connection = redis.connect();
    // Everything issued under k1 alone, as a deployment did before the rotation.
    const { clients, tokens, accessTokens, temporaryPasswords, flows, disputes } = stores(before);
    const added = await clients.add({
      name: 'Rotating',
      resetUrls: [],
      defaultLocale: 'en',
      minPasswordLength: 8,
      legacyApis: ['teenquotes'],
      webhookUrl: 'https://hooks.example/rotating',
    });
    if (!added.ok) throw new Error(`cannot add the client: ${added.reason}`);
    const { clientId } = added.client;
    const flow = await flows.open({ clientId, email: 'rotating@example.com' });
    const code = await flows.issueCode({ flowRef: flow.flowRef, user: USER });
    issued = {
      resetSecret: (await tokens.issue({ ...USER, clientId, expiresAt: inOneHour() })).secret,
      disputeSecret: (await disputes.issue({ ...USER, clientId, changedAt: new Date(), expiresAt: inOneHour() })).secret,
      ownAccessToken: (await accessTokens.issue(clientId, 1)).accessToken,
      teenQuotesAccessToken: (await accessTokens.issue(clientId, 1, 'league-oauth2-server')).accessToken,
      temporaryPassword: (await temporaryPasswords.issue({ directory: 'other', userId: 'usr_antel', clientId, expiresAt: inOneHour() }))
        .code,
      flowId: flow.flowId,
      flowCode: code?.code ?? '',
      clientId,
      clientSecret: added.clientSecret,
      apiKey: added.apiKey,
    };
  });
  afterAll(async () => {
    connection?.disconnect();
    await redis?.stop();
  });

  it('stamps our own secrets with the key id, and keeps the legacy shapes as they are', () => {
    expect(issued.resetSecret).toMatch(/^k1_[A-Za-z0-9_-]{43}$/);
    expect(issued.disputeSecret).toMatch(/^k1_[A-Za-z0-9_-]{43}$/);
    expect(issued.flowId).toMatch(/^k1_[A-Za-z0-9_-]{43}$/);
    expect(issued.ownAccessToken).toMatch(/^pwat_k1_[A-Za-z0-9_-]{43}$/);
    expect(issued.teenQuotesAccessToken).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(issued.temporaryPassword).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
  });

  it('keys status counts every record under k1 before the rotation', async () => {
    const status = await keysStatus(K2, K1);
    expect(status.current).toBe('k2');
    expect(status.byKey.k1).toEqual({
      resetSecrets: 1,
      disputeSecrets: 1,
      accessTokens: 2,
      temporaryPasswords: 1,
      codeFlows: 1,
      clientSecrets: 1,
      apiKeys: 1,
      webhookSigningKeys: 1,
    });
    expect(Object.values(status.byKey.k2 ?? {}).every((count) => count === 0)).toBe(true);
  });

  it('after TOKEN_PEPPERS=k2:…,k1:…, a reset link, a dispute link, access tokens (ours and Teen Quotes’), a temporary password and a code flow issued under k1 still work', async () => {
    const { tokens, accessTokens, temporaryPasswords, flows, disputes } = stores(after);
    expect((await disputes.consume(issued.disputeSecret)).status).toBe('active');
    expect((await tokens.inspect(issued.resetSecret)).status).toBe('active');
    expect((await accessTokens.verify(issued.ownAccessToken))?.id).toBe(issued.clientId);
    expect((await accessTokens.verify(issued.teenQuotesAccessToken))?.id).toBe(issued.clientId);
    expect((await temporaryPasswords.verify({ code: issued.temporaryPassword, maxFailedAttempts: 5 })).status).toBe('active');
    const antelUser = { directory: 'other', userId: 'usr_antel' };
    expect((await temporaryPasswords.consume({ code: issued.temporaryPassword, user: antelUser })).status).toBe('active');
    const verified = await flows.verify({ flowId: issued.flowId, clientId: issued.clientId, code: issued.flowCode, maxWrongCodes: 5 });
    expect(verified.status).toBe('active');
    expect((await tokens.consume(issued.resetSecret)).status).toBe('active');
    // New ones are made under k2.
    expect((await tokens.issue({ ...USER, clientId: issued.clientId, expiresAt: inOneHour() })).secret).toMatch(/^k2_/);
    expect((await accessTokens.issue(issued.clientId, 1)).accessToken).toMatch(/^pwat_k2_/);
  });

  it('ends, on a newer request for the address, a code flow opened under k1 before the rotation', async () => {
    const email = 'flows@example.com';
    const older = await stores(before).flows.open({ clientId: issued.clientId, email });
    const code = await stores(before).flows.issueCode({ flowRef: older.flowRef, user: USER });
    await stores(after).flows.open({ clientId: issued.clientId, email });
    const verified = await stores(after).flows.verify({
      flowId: older.flowId,
      clientId: issued.clientId,
      code: code?.code ?? '',
      maxWrongCodes: 5,
    });
    expect(verified.status).not.toBe('active');
  });

  it('re-hashes a client secret and an API key under k2 on their next use, and both keep working', async () => {
    const { clients } = stores(after);
    expect((await clients.authenticateSecret(issued.clientId, issued.clientSecret))?.client.id).toBe(issued.clientId);
    expect((await clients.findByApiKey(issued.apiKey))?.id).toBe(issued.clientId);
    // The webhook signing key is still the one the application derives from its secret, sealed under k2 now.
    expect((await clients.webhookTarget(issued.clientId))?.signingKey).toBe(webhookSigningKey(issued.clientSecret));

    const status = await keysStatus(K2, K1);
    expect(status.byKey.k1).toMatchObject({ clientSecrets: 0, apiKeys: 0, webhookSigningKeys: 0 });
    expect(status.byKey.k2).toMatchObject({ clientSecrets: 1, apiKeys: 1, webhookSigningKeys: 1, resetSecrets: 1, accessTokens: 1 });

    // Once k1 is gone, the client still authenticates: nothing of it depended on k1 any more.
    const withoutK1 = stores(createKeyRing([K2])).clients;
    expect((await withoutK1.authenticateSecret(issued.clientId, issued.clientSecret))?.client.id).toBe(issued.clientId);
    expect((await withoutK1.findByApiKey(issued.apiKey))?.id).toBe(issued.clientId);
    expect((await withoutK1.webhookTarget(issued.clientId))?.signingKey).toBe(webhookSigningKey(issued.clientSecret));
    expect(await withoutK1.authenticateSecret(issued.clientId, `${issued.clientSecret}x`)).toBeNull();
  });

  it('costs one HMAC to look up a stamped secret, whatever the ring holds', async () => {
    let hmacs = 0;
    const counting = createKeyRing([K2, K1, PEPPER], {
      hmac: (secret, value) => {
        hmacs += 1;
        return keyedHash(secret, value);
      },
    });
    const { tokens, accessTokens } = stores(counting);
    const { secret } = await tokens.issue({ ...USER, clientId: issued.clientId, expiresAt: inOneHour() });
    const { accessToken } = await accessTokens.issue(issued.clientId, 1);
    hmacs = 0;
    expect((await tokens.inspect(secret)).status).toBe('active');
    expect(hmacs).toBe(1);
    hmacs = 0;
    await accessTokens.verify(accessToken);
    expect(hmacs).toBe(1);
    // Teen Quotes' shape has no stamp: the current key, then each older one.
    hmacs = 0;
    await accessTokens.verify('A'.repeat(40));
    expect(hmacs).toBe(3);
  });

  it('reads secrets from before key ids (TOKEN_PEPPER) as the key `pepper`, after a rotation too', async () => {
    const pepperOnly = stores(createKeyRing([PEPPER]));
    const { secret } = await pepperOnly.tokens.issue({
      directory: 'default',
      userId: 'usr_pepper',
      clientId: issued.clientId,
      expiresAt: inOneHour(),
    });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rotated = stores(createKeyRing([K2, PEPPER]));
    expect((await rotated.tokens.inspect(secret)).status).toBe('active');
    const status = await keysStatus(K2, K1, PEPPER);
    expect(status.byKey.pepper?.resetSecrets).toBe(1);
  });

  it('counts under an unlisted key what no listed key can read any more', async () => {
    const status = await keysStatus(K2);
    expect(status.byKey.k1).toMatchObject({ accessTokens: 2, clientSecrets: 0 });
  });

  it('prints keys status as a table, one row per key id, the current first', async () => {
    const run = await runToCompletion(BUILT_CLI, ['keys', 'status'], {
      ...redis.environment,
      NODE_ENV: 'test',
      TOKEN_PEPPERS: peppers(K2, K1, PEPPER),
    });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const [header = '', ...rows] = run.stdout.trim().split('\n');
    expect(header.split(/\s{2,}/)).toEqual([
      'key id',
      'status',
      'reset links',
      'dispute links',
      'access tokens',
      'temp passwords',
      'code flows',
      'client secrets',
      'API keys',
      'webhook keys',
      'total',
    ]);
    expect(rows.map((row) => row.split(/\s+/).slice(0, 2))).toEqual([
      ['k2', 'current'],
      ['k1', 'older'],
      ['pepper', 'older'],
    ]);
  });
});
