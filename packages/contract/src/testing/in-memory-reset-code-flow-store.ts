import { RESET_CODE_DIGITS, type ResetCodeFlowLookup, type ResetCodeFlowStore } from '../engine/reset-code-flow-port.js';
import { DEFAULT_SECRET_RESERVATION_SECONDS } from '../engine/reset-token-port.js';
import type { Clock, UserRef } from '../engine/ports.js';
import { constantTimeEquals, randomTestSecret, testDigest } from './test-digest.js';

export interface InMemoryResetCodeFlowStoreOptions {
  readonly clock: Clock;
  /** A flow's lifetime in seconds. Default 900 (RESET_CODE_TTL's default). */
  readonly lifetimeSeconds?: number;
  /** Seconds a record outlives its flow, to tell "expired" from "unknown". Default one day, as Redis. */
  readonly tombstoneSeconds?: number;
  /** Seconds a reservation holds a flow. Default DEFAULT_SECRET_RESERVATION_SECONDS. */
  readonly reservationSeconds?: number;
}

interface StoredFlow {
  readonly clientId: string;
  readonly expiresAt: number;
  /** When Redis would drop the record (its TTL). */
  readonly goneAt: number;
  codeHash: string;
  user: UserRef | null;
  state: 'active' | 'reserved' | 'ended' | 'locked';
  reservedUntil: number;
  failedAttempts: number;
  writeUncertain: boolean;
}

/** Users are keyed by directory and id together: the same id in two directories is two users. */
const userKey = ({ directory, userId }: UserRef) => `${directory}:${userId}`;

/** Eight digits from the CSPRNG, each uniform (values that would bias `% 10` are drawn again). */
export function randomResetCode(): string {
  let code = '';
  while (code.length < RESET_CODE_DIGITS) {
    const [value = 0] = globalThis.crypto.getRandomValues(new Uint32Array(1));
    if (value < 4_294_967_290) code += String(value % 10);
  }
  return code;
}

/**
 * Code flows as the Redis adapter keeps them: digests of flow ids and codes and never either, one
 * live flow per address (a newer request ends the older), a cap on wrong codes counted before the
 * digests are compared, and each state change in one synchronous step after the last await
 * (atomic, as the Lua scripts are).
 */
export function inMemoryResetCodeFlowStore({
  clock,
  lifetimeSeconds = 900,
  tombstoneSeconds = 86_400,
  reservationSeconds = DEFAULT_SECRET_RESERVATION_SECONDS,
}: InMemoryResetCodeFlowStoreOptions): ResetCodeFlowStore {
  const flows = new Map<string, StoredFlow>();
  const flowByAddress = new Map<string, string>();
  const flowsByUser = new Map<string, Set<string>>();
  const nowMs = () => clock.now().getTime();
  const refOf = (flowId: string) => testDigest(`reset-flow:${flowId}`);
  const codeHashOf = (flowRef: string, code: string) => testDigest(`reset-code:${flowRef}:${code.replace(/\s+/g, '')}`);

  function flowAt(flowRef: string): StoredFlow | null {
    const flow = flows.get(flowRef);
    if (flow && nowMs() >= flow.goneAt) flows.delete(flowRef);
    return flows.get(flowRef) ?? null;
  }

  /** A reservation reads as ended while its lease runs, and as active once it ran out. */
  function stateOf(flow: StoredFlow): 'live' | 'ended' | 'locked' | 'expired' {
    if (flow.state === 'reserved' && nowMs() < flow.reservedUntil) return 'ended';
    if (flow.state === 'ended' || flow.state === 'locked') return flow.state;
    return nowMs() >= flow.expiresAt ? 'expired' : 'live';
  }

  function active(flow: StoredFlow): ResetCodeFlowLookup {
    const { clientId, expiresAt, user, writeUncertain } = flow;
    return { status: 'active', record: { clientId, expiresAt: new Date(expiresAt), user, writeUncertain } };
  }

  return {
    lifetimeSeconds,

    async open({ clientId, email }) {
      const flowId = randomTestSecret();
      const flowRef = await refOf(flowId);
      // A code no one holds until the mail job issues one: every code typed is wrong, as for an unknown address.
      const codeHash = await testDigest(`reset-code:${flowRef}:${randomTestSecret()}`);
      const addressRef = await testDigest(`reset-flow-address:${email}`);
      const expiresAt = nowMs() + lifetimeSeconds * 1000;
      flows.set(flowRef, {
        clientId,
        expiresAt,
        goneAt: expiresAt + tombstoneSeconds * 1000,
        codeHash,
        user: null,
        state: 'active',
        reservedUntil: 0,
        failedAttempts: 0,
        writeUncertain: false,
      });
      const older = flowByAddress.get(addressRef);
      flowByAddress.set(addressRef, flowRef);
      const olderFlow = older === undefined ? null : flowAt(older);
      if (olderFlow && (olderFlow.state === 'active' || olderFlow.state === 'reserved')) olderFlow.state = 'ended';
      return { flowId, flowRef, expiresAt: new Date(expiresAt) };
    },

    async issueCode({ flowRef, user }) {
      const code = randomResetCode();
      const codeHash = await codeHashOf(flowRef, code);
      const flow = flowAt(flowRef);
      if (!flow || flow.state !== 'active' || stateOf(flow) !== 'live') return null;
      flow.codeHash = codeHash;
      flow.user = user;
      const owned = flowsByUser.get(userKey(user)) ?? new Set<string>();
      flowsByUser.set(userKey(user), owned.add(flowRef));
      return { code, expiresAt: new Date(flow.expiresAt) };
    },

    async verify({ flowId, clientId, code, maxWrongCodes }) {
      const flowRef = await refOf(flowId);
      const codeHash = await codeHashOf(flowRef, code);
      const flow = flowAt(flowRef);
      if (!flow || flow.clientId !== clientId) return { status: 'unknown' };
      const state = stateOf(flow);
      if (state !== 'live') return { status: state };
      if (flow.failedAttempts >= maxWrongCodes) {
        flow.state = 'locked';
        return { status: 'locked' };
      }
      // Counted before comparing; a right code gives its attempt back.
      flow.failedAttempts += 1;
      if (constantTimeEquals(flow.codeHash, codeHash)) {
        flow.failedAttempts -= 1;
        return active(flow);
      }
      if (flow.failedAttempts >= maxWrongCodes) flow.state = 'locked';
      return { status: 'mismatch' };
    },

    async reserve({ flowId, code }) {
      const flowRef = await refOf(flowId);
      const codeHash = await codeHashOf(flowRef, code);
      const flow = flowAt(flowRef);
      if (!flow || !constantTimeEquals(flow.codeHash, codeHash)) return { status: 'unknown' };
      const state = stateOf(flow);
      if (state !== 'live') return { status: state };
      flow.state = 'reserved';
      flow.reservedUntil = nowMs() + reservationSeconds * 1000;
      return active(flow);
    },

    async release({ flowId, writeUncertain = false }) {
      const flow = flowAt(await refOf(flowId));
      if (flow?.state !== 'reserved') return;
      flow.state = 'active';
      if (writeUncertain) flow.writeUncertain = true;
    },

    async consume({ flowId }) {
      const flow = flowAt(await refOf(flowId));
      if (!flow) return { status: 'unknown' };
      // A reservation was granted to a live flow and is its holder's to consume, however long the write took.
      const state = flow.state === 'reserved' ? 'live' : stateOf(flow);
      if (state !== 'live') return { status: state };
      flow.state = 'ended';
      return active(flow);
    },

    async recordFailedAttempt({ flowId, maxFailedAttempts }) {
      const flow = flowAt(await refOf(flowId));
      if (!flow || stateOf(flow) !== 'live') return { locked: flow?.state === 'locked' };
      flow.failedAttempts += 1;
      if (flow.failedAttempts >= maxFailedAttempts) flow.state = 'locked';
      return { locked: flow.state === 'locked' };
    },

    async revokeForUser(user) {
      for (const flowRef of flowsByUser.get(userKey(user)) ?? []) {
        const flow = flowAt(flowRef);
        if (flow && (flow.state === 'active' || flow.state === 'reserved')) flow.state = 'ended';
      }
      flowsByUser.delete(userKey(user));
    },
  };
}
