import { findFreePort, startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUserDirectories } from '../config/user-directories/load-user-directories.js';
import { DirectoryUnavailableError } from '../directories/directory-unavailable-error.js';
import { startHttpDirectoryTestServer, type HttpDirectoryTestServer } from '../directories/testing/http-directory-test-server.js';
import { createLogger } from '../logger.js';
import { connectRedis, createRequestPathRedis } from '../redis/create-redis-client.js';
import { redisKeys } from '../redis/redis-keys.js';
import { createUserDirectoryRegistry, type UserDirectoryRegistry } from './user-directory-registry.js';

const SECRET = 'an-http-directory-secret-of-32-chars-or-more';

describe('the registry builds http directories with the HTTP adapter', () => {
  let privateRedis: PrivateRedis;
  let redis: Redis;
  let application: HttpDirectoryTestServer;
  let registry: UserDirectoryRegistry;

  beforeAll(async () => {
    privateRedis = await startPrivateRedis();
    redis = createRequestPathRedis({ url: privateRedis.url, connectionName: 'http-kind-test' });
    redis.on('error', () => undefined);
    await connectRedis(redis);
    application = await startHttpDirectoryTestServer({ secret: SECRET });
    application.addAccount({ email: 'cam@example.com', passwordHash: null });
    const parsed = parseUserDirectories(
      {
        cameramanager: { kind: 'http', url: application.url, secret: { env: 'APP_SECRET' }, timeout: '1s' },
        gone: { kind: 'http', url: `http://127.0.0.1:${await findFreePort()}/dir`, secret: SECRET, timeout: '1s' },
      },
      { APP_SECRET: SECRET },
    );
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    registry = createUserDirectoryRegistry({
      directories: parsed.directories,
      redis,
      keys: redisKeys('http-kind'),
      logger: createLogger({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await registry?.close();
    await application?.close();
    redis?.disconnect();
    await privateRedis?.stop();
  });

  it('finds the application’s account through its signed protocol, and reports an application that is not there', async () => {
    expect(await registry.named('cameramanager').findByEmail('cam@example.com')).toMatchObject({ email: 'cam@example.com' });
    expect(application.calls.every((call) => call.verification.ok)).toBe(true);
    expect(await registry.health()).toEqual({
      cameramanager: { status: 'ok' },
      gone: { status: 'unavailable', reason: expect.any(String) },
    });
    await expect(registry.named('gone').findByEmail('cam@example.com')).rejects.toBeInstanceOf(DirectoryUnavailableError);
  });
});
