import { z } from 'zod';
import { webhookSigningKeySealer } from '../../signing/webhook-signing-key-sealing.js';
import { countKeyUsage, KEY_USAGE_KINDS, type KeyUsage } from '../../tokens/key-usage.js';
import { describeOptions, JSON_ONLY_SPEC, JSON_OPTION, type CliCommand } from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { parseOptions } from '../parse-options.js';

/** Column headings of the table, in KEY_USAGE_KINDS' order. */
const HEADINGS: Readonly<Record<(typeof KEY_USAGE_KINDS)[number], string>> = {
  resetSecrets: 'reset links',
  disputeSecrets: 'dispute links',
  accessTokens: 'access tokens',
  temporaryPasswords: 'temp passwords',
  codeFlows: 'code flows',
  clientSecrets: 'client secrets',
  apiKeys: 'API keys',
  webhookSigningKeys: 'webhook keys',
};

function statusOf(usage: KeyUsage): string {
  if (usage.current) return 'current';
  if (!usage.listed) return 'not listed';
  return usage.total === 0 ? 'unused: can go' : 'older';
}

/** One row per key id, one column per kind of record. */
function describeKeyUsage(usages: readonly KeyUsage[]): string {
  const header = ['key id', 'status', ...KEY_USAGE_KINDS.map((kind) => HEADINGS[kind]), 'total'];
  const rows = usages.map((usage) => [
    usage.keyId,
    statusOf(usage),
    ...KEY_USAGE_KINDS.map((kind) => String(usage.records[kind])),
    String(usage.total),
  ]);
  const widths = header.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows]
    .map((cells) =>
      cells
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `keys status`: how many records each key id of TOKEN_PEPPERS still holds, so an operator knows when an old key can go. */
export async function keysStatus(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const { keyRing } = context.config;
  const usages = await countKeyUsage({
    redis: await context.redis(),
    keys: context.keys,
    keyRing,
    sealer: webhookSigningKeySealer(keyRing),
  });
  context.output(options.json, { current: keyRing.current.id, keys: usages }, describeKeyUsage(usages));
  return 0;
}

export const KEYS_STATUS_COMMAND: CliCommand = {
  name: 'keys status',
  synopsis: '',
  summary: 'records stored under each key id of TOKEN_PEPPERS (an old key can go at 0)',
  options: describeOptions(JSON_ONLY_SPEC, { json: JSON_OPTION }),
  run: keysStatus,
};
