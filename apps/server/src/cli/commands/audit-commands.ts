import { emailSchema, normalizeEmail } from '@pwreset/contract';
import { z } from 'zod';
import { auditEmailHashesUnderEveryKey } from '../../audit/redis-audit-log.js';
import { describeOptions, JSON_OPTION, type CliCommand } from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { parseOptions } from '../parse-options.js';
import { streamEntryFields } from '../../redis/stream-entry-fields.js';

const tailOptions = z.object({
  client: z.string().min(1).max(64).optional(),
  email: emailSchema.optional(),
  count: z.coerce.number().int().min(1).max(10_000).default(50),
  json: z.boolean().default(false),
});

export interface AuditEntry {
  readonly id: string;
  readonly [field: string]: string;
}

const TAIL_SPEC = { strings: ['client', 'email', 'count'], booleans: ['json'] } as const;

/** `audit tail`: the latest audit entries, oldest first, optionally for one client or one address. */
export async function tailAudit(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, tailOptions, TAIL_SPEC);
  const redis = await context.redis();
  // The address is never stored; its keyed hash is, so we look for that.
  // Under every key: entries from before a rotation hold the address's hash under the key of their day.
  const emailHashes =
    options.email === undefined ? undefined : new Set(auditEmailHashesUnderEveryKey(context.config.keyRing, normalizeEmail(options.email)));
  const wanted: AuditEntry[] = [];
  let end = '+';
  // Walk back in pages until enough matching entries are found or the stream is exhausted.
  while (wanted.length < options.count) {
    const page = await redis.xrevrange(context.keys.auditStream(), end, '-', 'COUNT', 500);
    if (page.length === 0) break;
    for (const [id, flat] of page) {
      const entry: Record<string, string> = { id, ...streamEntryFields(flat) };
      if (options.client !== undefined && entry.clientId !== options.client) continue;
      if (emailHashes !== undefined && !emailHashes.has(entry.emailHash ?? '')) continue;
      wanted.push(entry as AuditEntry);
      if (wanted.length === options.count) break;
    }
    const last = page.at(-1)?.[0];
    if (!last || page.length < 500) break;
    end = `(${last}`;
  }
  const entries = wanted.reverse();
  const human =
    entries.length === 0
      ? 'no audit entries'
      : entries
          .map((entry) => {
            const { id: _id, at, action, outcome, ...rest } = entry;
            const details = Object.entries(rest)
              .map(([key, value]) => `${key}=${value}`)
              .join(' ');
            return `${at}  ${action?.padEnd(8)} ${outcome?.padEnd(16)} ${details}`;
          })
          .join('\n');
  context.output(options.json, entries, human);
  return 0;
}

export const AUDIT_TAIL_COMMAND: CliCommand = {
  name: 'audit tail',
  synopsis: '',
  summary: 'the audit trail, oldest first (never a secret or an address)',
  options: describeOptions(TAIL_SPEC, {
    client: { value: 'ID', text: 'only this client’s entries' },
    email: { value: 'E', text: 'only entries for this address (matched by its keyed hash)' },
    count: { value: 'N', text: 'how many entries (default 50)' },
    json: JSON_OPTION,
  }),
  run: tailAudit,
};
