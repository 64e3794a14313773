import type { AuditEvent, AuditLog } from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { Logger } from '../logger.js';
import type { KeyRing } from '../tokens/key-ring.js';

export interface RedisAuditLogOptions {
  readonly redis: RedisConnection;
  /** The stream's key. */
  readonly key: string;
  /** Keys of the HMAC that replaces an address (so the trail can be searched by address, not read): new entries use the current one. */
  readonly keyRing: KeyRing;
  /** The stream is trimmed to about this many entries. */
  readonly maxEntries: number;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** The audit trail as a Redis stream of bounded length (XADD MAXLEN ~). */
export function redisAuditLog({ redis, key, keyRing, maxEntries, logger, now = () => new Date() }: RedisAuditLogOptions): AuditLog {
  return {
    async record(event) {
      try {
        await redis.xadd(key, 'MAXLEN', '~', maxEntries, '*', ...auditEntryFields(event, keyRing, now()));
      } catch (error) {
        // The trail must not fail the call it describes; the failure itself is logged.
        logger.warn({ err: { message: (error as Error).message }, action: event.action }, 'audit record lost');
      }
    },
  };
}

/**
 * An event as the audit stream stores it, as XADD's field-value list: the time, then the event's fields in
 * their order, the address replaced by its keyed hash. One definition for record() and for the reset-request
 * intake, whose script writes the entry itself.
 */
export function auditEntryFields({ email, ...event }: AuditEvent, keyRing: KeyRing, at: Date): string[] {
  const fields: Record<string, string> = { at: at.toISOString() };
  for (const [name, value] of Object.entries(event)) if (value !== undefined) fields[name] = String(value);
  if (email !== undefined) fields.emailHash = auditEmailHash(keyRing, email);
  return Object.entries(fields).flat();
}

/** How an address appears in new entries of the audit trail: a keyed hash (current key, 22 characters) an operator can compute to search. */
export function auditEmailHash(keyRing: KeyRing, normalizedEmail: string, keyId?: string): string {
  return keyRing.hmac(`audit:${normalizedEmail}`, keyId).slice(0, 22);
}

/**
 * Every form an address may have in the trail: one per key, so entries written before a rotation are still
 * found while their key is listed. The entries stay as written (a stream is append-only); they age out.
 */
export function auditEmailHashesUnderEveryKey(keyRing: KeyRing, normalizedEmail: string): string[] {
  return keyRing.keys.map((tokenKey) => auditEmailHash(keyRing, normalizedEmail, tokenKey.id));
}
