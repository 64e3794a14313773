import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMasterWithReplica, type MasterWithReplica } from './support/master-with-replica.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// REDIS_WAIT_REPLICAS=1 in the composed server: a reset request and a token grant answer 200 only
// once a replica holds their writes, and 503 SERVICE_UNAVAILABLE when none acknowledges in time
// (here: the replica frozen with SIGSTOP), rather than a 200 a failover could take back. The
// longest timeout allowed, so that a replica slowed by a loaded machine still answers in time.

let redis: MasterWithReplica;
let replicaPid = 0;
let server: TestServer;

beforeAll(async () => {
  redis = await startMasterWithReplica();
  replicaPid = redis.replicaPid;
  const replicaClient = new Redis(redis.replica.url);
  await until(async () => /master_link_status:up/.test(await replicaClient.info('replication')));
  replicaClient.disconnect();
  server = await startTestServer({ REDIS_URL: redis.master.url, REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT_MS: '1500' });
});

afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const requestReset = (email: string) =>
  fetch(`${server.url}/trpc/passwordReset.request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.client.accessToken}` },
    body: JSON.stringify({ email }),
  });

const grantToken = () =>
  fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: server.client.clientId,
      client_secret: server.client.clientSecret,
    }),
  });

describe('REDIS_WAIT_REPLICAS=1', () => {
  it('answers 200 while the replica acknowledges, and 503 SERVICE_UNAVAILABLE while it cannot', async () => {
    // The test server's own client was granted its token at start: through the wait already.
    expect(server.client.accessToken).toEqual(expect.any(String));
    // Each request for an address of its own: a throttled one would queue nothing, and wait for nothing.
    const accepted = await requestReset('before@example.com');
    expect(accepted.status).toBe(200);
    expect((await grantToken()).status).toBe(200);

    process.kill(replicaPid, 'SIGSTOP');
    try {
      const refused = await requestReset('while-frozen@example.com');
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: { data: { resetCode: 'SERVICE_UNAVAILABLE' } } });
      expect((await grantToken()).status).toBe(503);
    } finally {
      process.kill(replicaPid, 'SIGCONT');
    }
    let attempt = 0;
    await until(async () => (await requestReset(`after-${(attempt += 1)}@example.com`)).status === 200);
  });
});
