import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startPrivateRedisSentinel } from './redis-sentinel.js';

describe('startPrivateRedisSentinel', () => {
  it('fails a killed master over to its replica, and takes the killed node back as a replica', async () => {
    const sentinel = await startPrivateRedisSentinel({ name: 'helper-test' });
    try {
      const before = await sentinel.masterPort();
      const writer = new Redis({ port: before, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
      writer.on('error', () => undefined);
      await writer.set('kept', 'yes');
      // WAIT: the replica has the write before the master dies, so the promoted node must hold it.
      expect(await writer.wait(1, 1_000)).toBe(1);
      writer.disconnect();

      const { killedPort, failover } = await sentinel.killMaster();
      expect(killedPort).toBe(before);
      const { newMasterPort } = await failover;
      expect(newMasterPort).not.toBe(before);
      // The sentinel that announced first may not be the one masterPort() asks: the others learn
      // the new configuration from it within a moment.
      const deadline = Date.now() + 10_000;
      let reported = await sentinel.masterPort();
      while (reported !== newMasterPort && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        reported = await sentinel.masterPort();
      }
      expect(reported).toBe(newMasterPort);

      await sentinel.restartAsReplica(killedPort);
      const master = new Redis({ port: newMasterPort, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null });
      master.on('error', () => undefined);
      expect(await master.get('kept')).toBe('yes');
      await master.set('after', 'yes');
      expect(await master.wait(1, 1_000)).toBe(1);
      master.disconnect();
    } finally {
      await sentinel.stop();
    }
  }, 60_000);
});
