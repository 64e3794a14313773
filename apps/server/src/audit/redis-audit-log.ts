import type { AuditLog } from '@pwreset/contract/engine';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { keyedHash } from '../tokens/keyed-hash.js';

export interface RedisAuditLogOptions {
  readonly redis: Redis;
  /** The stream's key. */
  readonly key: string;
  /** Key of the HMAC that replaces an address (so the trail can be searched by address, not read). */
  readonly pepper: string;
  /** The stream is trimmed to about this many entries. */
  readonly maxEntries: number;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** The audit trail as a Redis stream of bounded length (XADD MAXLEN ~). */
export function redisAuditLog({ redis, key, pepper, maxEntries, logger, now = () => new Date() }: RedisAuditLogOptions): AuditLog {
  return {
    async record({ email, ...event }) {
      const fields: Record<string, string> = { at: now().toISOString() };
      for (const [name, value] of Object.entries(event)) if (value !== undefined) fields[name] = String(value);
      if (email !== undefined) fields.emailHash = auditEmailHash(pepper, email);
      try {
        await redis.xadd(key, 'MAXLEN', '~', maxEntries, '*', ...Object.entries(fields).flat());
      } catch (error) {
        // The trail must not fail the call it describes; the failure itself is logged.
        logger.warn({ err: { message: (error as Error).message }, action: event.action }, 'audit record lost');
      }
    },
  };
}

/** How an address appears in the audit trail: a keyed hash an operator can compute to search. */
export function auditEmailHash(pepper: string, normalizedEmail: string): string {
  return keyedHash(pepper, `audit:${normalizedEmail}`).slice(0, 22);
}
