import { randomIdText } from '../ids/random-id-text.js';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { runScript } from '../redis/run-script.js';
import { CLAIM_DELIVERY_SCRIPT, RELEASE_DELIVERY_CLAIM_SCRIPT } from './delivery-claim-scripts.js';
import { DeliveryOutcomeUnknownError } from './delivery-errors.js';

/** The record of a delivery that reached its receiver. */
export const DELIVERED = 'delivered';
/** Every claim of an attempt that began sending starts so; a bare `sending` is a claim of an older version. */
const SENDING = 'sending';

/** Whether a delivery record is an attempt's claim: it began sending, and never recorded the outcome. */
export function isSendingClaim(record: string | null): boolean {
  return record === SENDING || (record?.startsWith(`${SENDING}:`) ?? false);
}

/** What a job's delivery record says: sent, an attempt may have reached the receiver, or nothing was sent. */
export type DeliveryState = 'delivered' | 'outcome-unknown' | 'not-sent';

/** Claims kept in memory at most: a claim is only needed until its job's next attempt, seconds later. */
const REMEMBERED_CLAIMS = 10_000;

export interface AtMostOnceOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /** How long the "sent" record is kept, in seconds; longer than any job lives. Default 30 days. */
  readonly retentionSeconds?: number;
}

export interface AtMostOnceGate {
  /** Runs `deliver` unless the key was delivered; refuses (DeliveryOutcomeUnknownError) when an attempt may have sent it. */
  deliverOnce(idempotencyKey: string, deliver: () => Promise<void>): Promise<'delivered' | 'already-delivered'>;
  /**
   * Reads a key's state (on `reader`, the caller's connection, when given), and records as
   * delivered a send of this process whose record was lost.
   */
  checkState(idempotencyKey: string, reader?: RedisConnection): Promise<DeliveryState>;
}

/**
 * Runs a delivery at most once per idempotency key, across retries and worker crashes:
 * a key already delivered is skipped, and a key whose earlier attempt began and never
 * finished (its worker died mid-send) is parked rather than sent a second time.
 *
 * Redis can fail around a claim without the attempt having sent anything: the claim's reply is
 * lost, or the release after a refused send never arrives. The record then still says "sending",
 * though this process knows better. It remembers such claims (and those whose send went out but
 * whose "delivered" record was lost), so that the job's next attempt here sends the first kind and
 * records the second, instead of parking a mail nobody got as "outcome unknown". Another process
 * cannot know, and parks: at most once comes before at least once.
 */
export function atMostOnce({ redis, keys, retentionSeconds = 30 * 86_400 }: AtMostOnceOptions): AtMostOnceGate {
  /** Claims of this process whose attempt failed on Redis: true if its send went out, false if not. */
  const claimsSent = new Map<string, boolean>();
  const remember = (claim: string, sent: boolean) => {
    claimsSent.set(claim, sent);
    if (claimsSent.size > REMEMBERED_CLAIMS) claimsSent.delete(claimsSent.keys().next().value as string);
  };

  /**
   * Whether this gate's Redis refused SET NX GET (older than 7.0): its claims then all go by the script,
   * which is as correct, only dearer, for the gate's life (a Redis upgraded meanwhile, or a cluster
   * of which only some nodes are, gets the one command from the process's next start).
   */
  let claimsByScript = false;

  /**
   * Claims `key` for `claim`, or takes over `takeOver`, a claim of ours that never sent: true when the
   * key is now the claim's, otherwise the record found there, left as it was (null: a reply not understood).
   */
  async function claimKey(key: string, claim: string, takeOver: string | null): Promise<true | string | null> {
    if (takeOver === null && !claimsByScript) {
      try {
        // One command where the script costs three (EVALSHA, its GET and SET). Null: the key was free,
        // and is ours. Our own claim found there counts as claimed, as in the script (see there why):
        // it is this very SET, written once already, whose reply was lost and which the client sent again.
        const found = await redis.set(key, claim, 'EX', retentionSeconds, 'NX', 'GET');
        return found === null || found === claim ? true : found;
      } catch (error) {
        // Redis older than 7.0 refuses NX with GET ("ERR syntax error", nothing written), and 6.2 is
        // still supported (the oldest with GETDEL, which the dispute store needs): such a server's
        // claims go by the script, this one and every later one, instead of each being refused first.
        if (!(error instanceof Error) || !error.message.startsWith('ERR syntax error')) throw error;
        claimsByScript = true;
      }
    }
    const found = await runScript(redis, CLAIM_DELIVERY_SCRIPT, [key], [claim, retentionSeconds, takeOver ?? '']);
    // ioredis types a script's reply as unknown; this one returns 1 or the record it found.
    if (found === 1) return true;
    return typeof found === 'string' ? found : null;
  }

  async function recordDelivered(key: string, claim: string | null): Promise<void> {
    await redis.set(key, DELIVERED, 'EX', retentionSeconds);
    if (claim !== null) claimsSent.delete(claim);
  }

  function stateOf(record: string | null): DeliveryState {
    if (record === DELIVERED || (record !== null && claimsSent.get(record) === true)) return 'delivered';
    if (isSendingClaim(record) && !(record !== null && claimsSent.get(record) === false)) return 'outcome-unknown';
    return 'not-sent';
  }

  return {
    async checkState(idempotencyKey, reader = redis) {
      const key = keys.delivery(idempotencyKey);
      const record = await reader.get(key);
      const state = stateOf(record);
      if (state === 'delivered' && record !== DELIVERED) await recordDelivered(key, record);
      return state;
    },

    async deliverOnce(idempotencyKey, deliver) {
      const key = keys.delivery(idempotencyKey);
      // Only one attempt may be "sending" at a time, and a leftover claim means an attempt died
      // after it may have reached the receiver. A claim of ours that never sent may be taken over.
      const claim = `${SENDING}:${randomIdText(9, 'base64url')}`;
      const claimOnce = async (takeOver: string | null): Promise<true | string | null> => {
        try {
          return await claimKey(key, claim, takeOver);
        } catch (error) {
          // The claim may be in Redis (or be written when the client sends it again), and nothing was sent.
          remember(claim, false);
          throw error;
        }
      };
      const found = await claimOnce(null);
      if (found !== true) {
        const state = stateOf(found);
        if (state === 'delivered') {
          // Sent by an attempt of ours whose record was lost: record it now.
          if (found !== DELIVERED && found !== null) await recordDelivered(key, found);
          return 'already-delivered';
        }
        if (state === 'outcome-unknown' || found === null) throw new DeliveryOutcomeUnknownError();
        if ((await claimOnce(found)) !== true) throw new DeliveryOutcomeUnknownError();
        claimsSent.delete(found);
      }
      try {
        await deliver();
      } catch (error) {
        // The receiver said no (or never answered): nothing was delivered, a retry is safe.
        await runScript(redis, RELEASE_DELIVERY_CLAIM_SCRIPT, [key], [claim]).catch(() => remember(claim, false));
        throw error;
      }
      try {
        await recordDelivered(key, null);
      } catch (error) {
        remember(claim, true);
        throw error;
      }
      return 'delivered';
    },
  };
}
