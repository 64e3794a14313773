import { describeAuditLogConformance } from '@pwreset/contract/testing/conformance';
import { pino } from 'pino';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { auditEmailHash, redisAuditLog } from './redis-audit-log.js';
import { singleKeyRing } from '../tokens/key-ring.js';

const privateRedis = usePrivateRedisPerFile();
const keyRing = singleKeyRing('p'.repeat(32));

describeAuditLogConformance('Redis stream', async () => {
  const redis = await privateRedis.separateConnection();
  const key = redisKeys(privateRedis.freshPrefix()).auditStream();
  const audit = redisAuditLog({ redis, key, keyRing, maxEntries: 1000, logger: pino({ level: 'silent' }) });
  const entries = async () => (await redis.xrange(key, '-', '+')).map(([, fields]) => Object.fromEntries(pairs(fields)));
  return {
    audit,
    entries,
    entriesForEmail: async (email) => (await entries()).filter((entry) => entry.emailHash === auditEmailHash(keyRing, email)),
    makeUnavailable: async () => redis.disconnect(),
  };
});

function pairs(flat: string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let index = 0; index + 1 < flat.length; index += 2) result.push([flat[index] ?? '', flat[index + 1] ?? '']);
  return result;
}
