import { DependencyUnavailableError } from '@pwreset/contract';
import { inMemoryUserDirectory } from '@pwreset/contract/testing';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { failClosed, isRedisUnavailable } from './fail-closed.js';

const privateRedis = usePrivateRedisPerFile();

describe('failClosed', () => {
  it('keeps a port’s plain properties, such as a directory’s byte limit, which the engine reads', async () => {
    const redis = privateRedis.redis();
    const wrapped = failClosed(redis, inMemoryUserDirectory({ maxPasswordBytes: 72 }));
    expect(wrapped.maxPasswordBytes).toBe(72);
    expect('maxPasswordBytes' in wrapped).toBe(true);
    expect({ ...wrapped }.maxPasswordBytes).toBe(72);
    expect(failClosed(redis, inMemoryUserDirectory())).not.toHaveProperty('maxPasswordBytes');
  });

  it('answers an unreachable Redis as DependencyUnavailableError, and passes other rejections on', async () => {
    const disconnected = await privateRedis.separateConnection();
    disconnected.disconnect();
    const port = {
      ask: () => disconnected.get('any-key'),
      fail: () => Promise.reject(new TypeError('a bug of ours')),
    };
    const wrapped = failClosed(disconnected, port);
    await expect(wrapped.ask()).rejects.toBeInstanceOf(DependencyUnavailableError);
    const connected = failClosed(privateRedis.redis(), port);
    await expect(connected.fail()).rejects.toBeInstanceOf(TypeError);
  });

  it('counts a socket that died under a command as Redis unreachable while the client still says ready', () => {
    const ready = privateRedis.redis();
    expect(ready.status).toBe('ready');
    for (const message of ['write ECONNRESET', "Stream isn't writeable and enableOfflineQueue options is false", 'Command timed out'])
      expect(isRedisUnavailable(ready, new Error(message)), message).toBe(true);
    expect(isRedisUnavailable(ready, new Error('ERR unknown command'))).toBe(false);
  });
});
