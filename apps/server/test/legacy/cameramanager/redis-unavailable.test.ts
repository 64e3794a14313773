import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import {
  accessTokenFor,
  callCameramanager,
  documentedExample,
  documentedHeaderExample,
  requestPasswordReset,
  RESET_PATH,
} from './cameramanager-client.js';

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Cameramanager while Redis is down (our documented 503)', () => {
  let deployment: LegacyDeployment;
  let token: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    token = await accessTokenFor(deployment, await deployment.addClient({ name: 'Cameramanager', legacyApis: ['cameramanager'] }));
    await deployment.users.createUser({ email: 'jane.doe@example.com', password: 'old-password-1' });
    expect((await requestPasswordReset(deployment, token, { email: 'jane.doe@example.com' })).status).toBe(204);
    // The test's own connection sees Redis go away too; its reconnection attempts are expected noise.
    deployment.redis.on('error', () => undefined);
    // A connection that does not retry, so SHUTDOWN (which never replies) fails at once.
    const killer = new Redis(deployment.redisUrl(), { maxRetriesPerRequest: 0, retryStrategy: () => null });
    killer.on('error', () => undefined);
    await killer.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    killer.disconnect();
    await waitUntil(async () => (await fetch(`${deployment.url}/readyz`)).status === 503);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('answers 503 with Retry-After in the Error envelope, fails closed, and says nothing more', async () => {
    const answer = await requestPasswordReset(deployment, token, { email: 'jane.doe@example.com' });
    expect([answer.status, answer.json]).toEqual([503, documentedExample({ response: 'serviceUnavailable' }, 'serviceUnavailable')]);
    expect(answer.headers.get('retry-after')).toBe(String(documentedHeaderExample('Retry-After')));
  });

  it('still answers wrong methods and unknown paths, which need no storage', async () => {
    expect((await callCameramanager(deployment, { method: 'GET' })).status).toBe(405);
    expect((await callCameramanager(deployment, { path: `${RESET_PATH}/x`, method: 'GET' })).status).toBe(404);
  });
});
