import { randomInt } from 'node:crypto';
import {
  DEFAULT_SECRET_RESERVATION_SECONDS,
  RESET_CODE_DIGITS,
  type Clock,
  type ResetCodeFlowLookup,
  type ResetCodeFlowStore,
} from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { runScript } from '../redis/run-script.js';
// A reserved flow goes back to active exactly as a reserved secret does (same record fields).
import { RELEASE_RESET_TOKEN_SCRIPT } from './consume-reset-token-script.js';
import { generateSecret } from './keyed-hash.js';
import type { KeyRing } from './key-ring.js';
import {
  CONSUME_RESET_CODE_SCRIPT,
  END_RESET_CODE_FLOW_SCRIPT,
  ISSUE_RESET_CODE_SCRIPT,
  RECORD_FAILED_RESET_CODE_ATTEMPT_SCRIPT,
  RESERVE_RESET_CODE_SCRIPT,
  VERIFY_RESET_CODE_SCRIPT,
} from './reset-code-flow-scripts.js';

export interface RedisResetCodeFlowStoreOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /**
   * Keys of the HMAC that replaces flow ids, codes and addresses at rest. A flow id carries its key's id, and
   * its flow's code is hashed under the same key, so a flow opened before a rotation runs to its end.
   */
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  /** A flow's lifetime in seconds (RESET_CODE_TTL). */
  readonly lifetimeSeconds: number;
  /** Seconds a record outlives its flow, to tell "expired" from "unknown". Default one day. */
  readonly tombstoneSeconds?: number;
  /** Seconds a completion's reservation holds a flow while the password is written. Default 60. */
  readonly reservationSeconds?: number;
}

type FlowState = ResetCodeFlowLookup['status'];

/**
 * Code flows in Redis: a flow's record is keyed by its id's HMAC and holds the HMAC of its code
 * (bound to the flow), its client, its user once the mail job found one, and a count of failed
 * attempts; every check and change of state is one Lua script on that record alone. The latest
 * flow of each address (by the address's HMAC, whether or not an account has it) ends the older.
 */
export function redisResetCodeFlowStore({
  redis,
  keys,
  keyRing,
  clock,
  lifetimeSeconds,
  tombstoneSeconds = 86_400,
  reservationSeconds = DEFAULT_SECRET_RESERVATION_SECONDS,
}: RedisResetCodeFlowStoreOptions): ResetCodeFlowStore {
  const refOf = (flowId: string) => keyRing.digestOfStamped(flowId, `reset-code-flow:${flowId}`);
  // The flow's ref is stamped with the flow's key: its code is hashed under that key too.
  const codeHashOf = (flowRef: string, code: string) =>
    keyRing.digestOfStamped(flowRef, `reset-code:${flowRef}:${code.replace(/\s+/g, '')}`);
  const keyOf = (flowId: string) => keys.resetCodeFlow(refOf(flowId));
  const nowMs = () => clock.now().getTime();

  async function lookup(state: FlowState, key: string): Promise<ResetCodeFlowLookup> {
    if (state !== 'active') return { status: state };
    const [clientId, expiresAt, directory, userId, writeUncertain] = await redis.hmget(
      key,
      'clientId',
      'expiresAt',
      'directory',
      'userId',
      'writeUncertain',
    );
    if (!clientId || !expiresAt) return { status: 'unknown' };
    return {
      status: 'active',
      record: {
        clientId,
        expiresAt: new Date(Number(expiresAt)),
        user: directory && typeof userId === 'string' ? { directory, userId } : null,
        writeUncertain: writeUncertain === '1',
      },
    };
  }

  async function endFlow(flowRef: string): Promise<void> {
    await runScript(redis, END_RESET_CODE_FLOW_SCRIPT, [keys.resetCodeFlow(flowRef)], []);
  }

  return {
    lifetimeSeconds,

    async open({ clientId, email }) {
      const flowId = keyRing.stamp(generateSecret());
      const flowRef = refOf(flowId);
      const key = keys.resetCodeFlow(flowRef);
      const expiresAt = nowMs() + lifetimeSeconds * 1000;
      const lifetimeMs = lifetimeSeconds * 1000 + tombstoneSeconds * 1000;
      // A code no one holds until the mail job issues one: every code typed is wrong, as for an unknown address.
      const unheldCodeHash = codeHashOf(flowRef, generateSecret());
      await redis
        .multi()
        .hset(key, { clientId, codeHash: unheldCodeHash, expiresAt: String(expiresAt), state: 'active', failedAttempts: '0' })
        .pexpire(key, lifetimeMs)
        .exec();
      // The address's latest flow is this one now; the one before it ends (known account or not alike).
      const older = await redis.set(
        keys.resetCodeFlowByAddress(keyRing.digest(`reset-code-address:${email}`)),
        flowRef,
        'PX',
        lifetimeMs,
        'GET',
      );
      // Whether there was one depends on the address's recent requests, never on its account; the
      // script runs all the same when there was none (on a record that does not exist), so even
      // the request's round trips do not tell a first request from a repeated one.
      await endFlow(older && older !== flowRef ? older : refOf(keyRing.stamp(generateSecret())));
      // A flow opened before a rotation is indexed under its own key's hash of the address: ended too, the
      // same way (a script per older key, whether or not there was one), so one flow per address holds.
      for (const olderKey of keyRing.keys.slice(1)) {
        const olderIndex = keys.resetCodeFlowByAddress(keyRing.digest(`reset-code-address:${email}`, olderKey.id));
        // GET then DEL, not GETDEL: one less Redis 6.2 requirement, and the index is only a lookup aid.
        const olderFlow = await redis.get(olderIndex);
        await redis.del(olderIndex);
        await endFlow(olderFlow ?? refOf(keyRing.stamp(generateSecret())));
      }
      return { flowId, flowRef, expiresAt: new Date(expiresAt) };
    },

    async issueCode({ flowRef, user }) {
      const code = String(randomInt(0, 10 ** RESET_CODE_DIGITS)).padStart(RESET_CODE_DIGITS, '0');
      // ioredis types a script's reply as unknown; the script returns the expiry (ms) or null.
      const expiresAt = (await runScript(
        redis,
        ISSUE_RESET_CODE_SCRIPT,
        [keys.resetCodeFlow(flowRef)],
        [codeHashOf(flowRef, code), user.directory, user.userId, nowMs()],
      )) as string | null;
      if (expiresAt === null) return null;
      const owned = keys.userResetCodeFlows(user);
      await redis
        .multi()
        .sadd(owned, flowRef)
        .pexpire(owned, lifetimeSeconds * 1000)
        .exec();
      return { code, expiresAt: new Date(Number(expiresAt)) };
    },

    async verify({ flowId, clientId, code, maxWrongCodes }) {
      const flowRef = refOf(flowId);
      const key = keys.resetCodeFlow(flowRef);
      // ioredis types a script's reply as unknown; the script returns one of the states.
      const state = (await runScript(
        redis,
        VERIFY_RESET_CODE_SCRIPT,
        [key],
        [clientId, codeHashOf(flowRef, code), nowMs(), maxWrongCodes],
      )) as FlowState;
      return lookup(state, key);
    },

    async reserve({ flowId, code }) {
      const flowRef = refOf(flowId);
      const key = keys.resetCodeFlow(flowRef);
      const now = nowMs();
      const state = (await runScript(
        redis,
        RESERVE_RESET_CODE_SCRIPT,
        [key],
        [codeHashOf(flowRef, code), now, now + reservationSeconds * 1000],
      )) as FlowState;
      return lookup(state, key);
    },

    async release({ flowId, writeUncertain = false }) {
      await runScript(redis, RELEASE_RESET_TOKEN_SCRIPT, [keyOf(flowId)], [writeUncertain ? '1' : '0']);
    },

    async consume({ flowId }) {
      const key = keyOf(flowId);
      const state = (await runScript(redis, CONSUME_RESET_CODE_SCRIPT, [key], [nowMs()])) as FlowState;
      return lookup(state, key);
    },

    async recordFailedAttempt({ flowId, maxFailedAttempts }) {
      // ioredis types a script's reply as unknown; the script returns 0 or 1.
      const locked = (await runScript(
        redis,
        RECORD_FAILED_RESET_CODE_ATTEMPT_SCRIPT,
        [keyOf(flowId)],
        [nowMs(), maxFailedAttempts],
      )) as number;
      return { locked: locked === 1 };
    },

    async revokeForUser(user) {
      const owned = keys.userResetCodeFlows(user);
      const flowRefs = await redis.smembers(owned);
      // No members: no set (Redis keeps no empty one), nothing to delete, and no round trip to do it.
      if (flowRefs.length === 0) return;
      for (const flowRef of flowRefs) await endFlow(flowRef);
      await redis.del(owned);
    },
  };
}
