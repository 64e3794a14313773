import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../logger.js';

/** What the check needs of a connection: a Redis node, or each master of a cluster in turn. */
export type DurabilityCheckConnection = Pick<Redis, 'call'>;

/** What one Redis node's settings mean for the data the service keeps there. */
export type RedisDurabilityFinding =
  /** CONFIG is renamed, disabled or not allowed (managed Redis, ACLs): nothing could be checked. */
  | { readonly kind: 'not-checkable'; readonly reason: string }
  /** Any policy but `noeviction`: under memory pressure Redis deletes keys, BullMQ's and the registries' too. */
  | { readonly kind: 'evicting-policy'; readonly policy: string }
  /** No AOF and no RDB save points: a Redis restart loses everything. */
  | { readonly kind: 'persistence-off' };

// CONFIG GET answers [name, value] pairs; an unknown parameter (or a Redis-like server that lacks it) answers [].
const configReplySchema = z.array(z.string());

/** The value of one parameter, or null when the server does not report it. */
async function configValue(node: DurabilityCheckConnection, parameter: string): Promise<string | null> {
  const reply = configReplySchema.parse(await node.call('CONFIG', 'GET', parameter));
  return reply.length >= 2 && reply[0] === parameter ? (reply[1] ?? null) : null;
}

/**
 * Reads the eviction policy and persistence settings of one node with `CONFIG GET`. Never
 * throws: a refused CONFIG (`ERR unknown command`, `NOPERM`) is a `not-checkable` finding, since
 * many managed Redis services disable it and must still be usable.
 */
export async function checkRedisDurability(node: DurabilityCheckConnection): Promise<RedisDurabilityFinding[]> {
  let settings: { policy: string | null; appendonly: string | null; save: string | null };
  try {
    const [policy, appendonly, save] = await Promise.all(
      ['maxmemory-policy', 'appendonly', 'save'].map((parameter) => configValue(node, parameter)),
    );
    settings = { policy: policy ?? null, appendonly: appendonly ?? null, save: save ?? null };
  } catch (error) {
    // A Redis error reply says which command was refused, never a secret.
    return [{ kind: 'not-checkable', reason: error instanceof Error ? error.message : String(error) }];
  }
  const findings: RedisDurabilityFinding[] = [];
  if (settings.policy !== null && settings.policy !== 'noeviction') findings.push({ kind: 'evicting-policy', policy: settings.policy });
  if (settings.appendonly === 'no' && settings.save === '') findings.push({ kind: 'persistence-off' });
  return findings;
}

export interface RedisDurabilityOptions {
  /** NODE_ENV=production: an evicting policy refuses to start instead of warning. */
  readonly production: boolean;
  readonly logger: Logger;
}

const EVICTION_FIX = "CONFIG SET maxmemory-policy noeviction (and set it in redis.conf, or your provider's parameter group)";

function evictionSentence(policy: string): string {
  return `Redis evicts keys under memory pressure (maxmemory-policy ${policy}): the mail queue (BullMQ) and the registries of clients and users need noeviction; run ${EVICTION_FIX}`;
}

/**
 * Logs what the nodes' findings mean, and answers the one line to exit with (code 2) when the
 * service must not start: an evicting policy in production, where a silently deleted client,
 * user or queued mail is an outage nobody sees coming. Elsewhere that is a warning.
 */
export function judgeRedisDurability(
  findings: readonly RedisDurabilityFinding[],
  { production, logger }: RedisDurabilityOptions,
): { readonly refusal: string | null } {
  let refusal: string | null = null;
  for (const finding of findings) {
    switch (finding.kind) {
      case 'not-checkable':
        logger.info(
          { reason: finding.reason },
          'could not check Redis durability settings (CONFIG GET refused, as on many managed Redis): make sure maxmemory-policy is noeviction and persistence is on',
        );
        break;
      case 'evicting-policy':
        if (production) refusal ??= `error: ${evictionSentence(finding.policy)}; refusing to start with NODE_ENV=production`;
        else logger.warn({ maxmemoryPolicy: finding.policy }, evictionSentence(finding.policy));
        break;
      case 'persistence-off':
        logger.warn(
          'Redis keeps nothing on disk (appendonly no, save ""): a Redis restart loses every client, user, reset link and queued mail; turn on the AOF (CONFIG SET appendonly yes)',
        );
        break;
    }
  }
  return { refusal };
}

/**
 * The start-up check of the server and the worker: checks every node (each master, on a
 * cluster), logs the findings, and exits 2 with one line on stderr when production must refuse.
 */
export async function exitUnlessRedisIsDurable(
  nodes: readonly DurabilityCheckConnection[],
  options: RedisDurabilityOptions,
): Promise<void> {
  const perNode = (await Promise.all(nodes.map((node) => checkRedisDurability(node)))).flat();
  // Masters set up alike give the same findings: one line each, not one per master.
  const findings = [...new Map(perNode.map((finding) => [JSON.stringify(finding), finding])).values()];
  const { refusal } = judgeRedisDurability(findings, options);
  if (refusal === null) return;
  process.stderr.write(`${refusal}\n`);
  process.exit(2);
}
