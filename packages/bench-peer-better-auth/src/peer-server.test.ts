import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER_STATS_PATH, REQUEST_PASSWORD_RESET_PATH, peerUserEmail } from './peer-addresses.js';
import { startPeerServer, type PeerServer } from './peer-server.js';
import { peerStatsSchema } from './peer-stats.js';

const USERS = 3;

let redis: PrivateRedis;
let directory: string;
let server: PeerServer;

beforeAll(async () => {
  redis = await startPrivateRedis();
  directory = await mkdtemp(join(tmpdir(), 'peer-better-auth-'));
  server = await startPeerServer({
    host: '127.0.0.1',
    port: 0,
    redisUrl: redis.url,
    sqliteFile: join(directory, 'peer.sqlite'),
    users: USERS,
    secret: 'peer-test-secret-that-is-long-enough-0001',
  });
});

afterAll(async () => {
  await server?.close();
  await redis?.stop();
  await rm(directory, { recursive: true, force: true });
});

async function requestReset(email: string): Promise<Response> {
  return fetch(`${server.url}${REQUEST_PASSWORD_RESET_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
}

async function mailCount(): Promise<number> {
  const response = await fetch(`${server.url}${PEER_STATS_PATH}`);
  return peerStatsSchema.parse(await response.json()).mails;
}

describe('the better-auth peer server', () => {
  it('says which better-auth it runs: the version pinned in the workspace catalog', async () => {
    const catalog = await readFile(new URL('../../../pnpm-workspace.yaml', import.meta.url), 'utf8');
    const pinned = /^\s+better-auth: (\S+)$/m.exec(catalog)?.[1];
    const response = await fetch(`${server.url}${PEER_STATS_PATH}`);
    expect(peerStatsSchema.parse(await response.json()).version).toBe(pinned);
  });

  it('hands a seeded address its reset mail and keeps the reset token in Redis', async () => {
    const before = await mailCount();
    const response = await requestReset(peerUserEmail(USERS - 1));
    expect(response.status).toBe(200);
    expect(await mailCount()).toBe(before + 1);
    // better-auth's secondary storage: the verification value is in our private Redis, not SQLite.
    const client = new Redis(redis.url);
    try {
      expect(await client.keys('better-auth:verification:*')).toHaveLength(1);
    } finally {
      client.disconnect();
    }
  });

  it('answers an unknown address the same and mails nothing', async () => {
    const before = await mailCount();
    const response = await requestReset('nobody-here@example.com');
    expect(response.status).toBe(200);
    expect(await mailCount()).toBe(before);
  });
});
