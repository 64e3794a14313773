import { startPrivateRedisSentinel, type PrivateRedisSentinel } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisConnectionFactory, type RedisConnection } from '../src/redis/redis-connection-factory.js';
import { BUILT_CLI, runToCompletion } from './support/server-process.js';

// Issue 13 (Sentinel). A planned failover (SENTINEL FAILOVER, as an operator runs for maintenance) or a spurious one
// leaves the old master alive: it is turned into a replica and keeps its clients' connections,
// answering their writes READONLY. Connections must follow the Sentinels' +switch-master at once
// instead of writing to the old master until it hangs up (or, in a split brain, into writes that
// the old master's resync then throws away).

const NAME = 'pwreset-switch';

describe('Sentinel connections', () => {
  let sentinel: PrivateRedisSentinel;
  beforeAll(async () => {
    sentinel = await startPrivateRedisSentinel({ name: NAME });
  }, 60_000);
  afterAll(async () => sentinel?.stop());

  async function writesOnTheNewMaster(connection: RedisConnection, newMasterPort: number): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      try {
        await connection.set('after-switch', 'yes');
        const info = await connection.info('server');
        if (new RegExp(`tcp_port:${newMasterPort}\\b`).test(info)) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`still not on the new master (port ${newMasterPort}) 5 s after +switch-master`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('move to the new master as soon as the Sentinels announce it (+switch-master), request-path and blocking alike', async () => {
    const factory = redisConnectionFactory({ mode: 'sentinel', sentinels: sentinel.sentinels, masterName: NAME, tls: false });
    const requestPath = factory.requestPath('switch-test-request');
    requestPath.on('error', () => undefined);
    await requestPath.connect();
    const blocking = factory.blocking('switch-test-blocking');
    blocking.on('error', () => undefined);
    try {
      await requestPath.set('before-switch', 'yes');
      await blocking.set('before-switch', 'yes');
      const { failover } = await sentinel.failoverOnRequest();
      const { newMasterPort } = await failover;
      await writesOnTheNewMaster(requestPath, newMasterPort);
      await writesOnTheNewMaster(blocking, newMasterPort);
      const direct = new Redis({ host: '127.0.0.1', port: newMasterPort });
      expect(await direct.get('before-switch')).toBe('yes');
      direct.disconnect();
    } finally {
      requestPath.disconnect();
      blocking.disconnect();
    }
  }, 60_000);

  it('let the CLI exit once its command is done (the failover detector is closed with the connection)', async () => {
    const listed = await Promise.race([
      runToCompletion(BUILT_CLI, ['clients', 'list'], {
        REDIS_SENTINELS: sentinel.sentinelList,
        REDIS_SENTINEL_NAME: NAME,
        NODE_ENV: 'test',
      }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the CLI had not exited after 20 s')), 20_000)),
    ]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('no clients');
  }, 30_000);
});
