import { LEGACY_APIS } from '@pwreset/contract/engine';
import { SUPPORTED_LOCALES } from '@pwreset/contract';
import { z } from 'zod';
import { DEFAULT_DIRECTORY_NAME } from '../config/user-directories/directory-name.js';

const jsonArrayOf = <T extends z.ZodType>(item: T) =>
  z.string().transform((text, ctx) => {
    const parsed = z.array(item).safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: 'not a JSON array of the expected items' });
    return z.NEVER;
  });

/** A client as its Redis hash holds it. Only keyed hashes of its credentials. */
export const storedClientSchema = z.object({
  name: z.string(),
  senderName: z.string().optional(),
  resetUrls: jsonArrayOf(z.string()),
  ttlSeconds: z.coerce.number().int().optional(),
  defaultLocale: z.enum(SUPPORTED_LOCALES),
  minPasswordLength: z.coerce.number().int(),
  legacyApis: jsonArrayOf(z.enum(LEGACY_APIS)),
  webhookUrl: z.string().optional(),
  mailTemplateIds: z
    .string()
    .transform((text) => z.record(z.string(), z.string()).parse(JSON.parse(text)))
    .optional(),
  /** The user directory whose accounts it resets; records stored before directories existed belong to `default`. */
  directory: z.string().default(DEFAULT_DIRECTORY_NAME),
  /** `1`: may start admin resets (`--allow-admin`); `2`: and have their links returned (`--allow-admin-links`). Absent or `0`: neither. */
  adminResets: z.enum(['0', '1', '2']).default('0'),
  secretHash: z.string(),
  apiKeyHash: z.string(),
  /** The key that signs its webhooks, sealed (signing/webhook-signing-key-sealing.ts). */
  sealedWebhookSigningKey: z.string().optional(),
  /** The same key in the clear, as records written before sealing hold it: sealed on the next read (redis-client-registry.ts). */
  webhookSigningKey: z.string().optional(),
  /** Bumped by a secret rotation or a revocation: access tokens of older versions die at once. */
  credentialsVersion: z.coerce.number().int(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});

export type StoredClient = z.infer<typeof storedClientSchema>;

/** The Redis hash fields of a stored client: the inverse of storedClientSchema (used by restore). */
export function storedClientFields(stored: StoredClient): Record<string, string> {
  const optional = (name: string, value: string | undefined) => (value === undefined ? {} : { [name]: value });
  return {
    name: stored.name,
    ...optional('senderName', stored.senderName),
    resetUrls: JSON.stringify(stored.resetUrls),
    ...optional('ttlSeconds', stored.ttlSeconds === undefined ? undefined : String(stored.ttlSeconds)),
    defaultLocale: stored.defaultLocale,
    minPasswordLength: String(stored.minPasswordLength),
    legacyApis: JSON.stringify(stored.legacyApis),
    ...optional('webhookUrl', stored.webhookUrl),
    ...optional('mailTemplateIds', stored.mailTemplateIds === undefined ? undefined : JSON.stringify(stored.mailTemplateIds)),
    directory: stored.directory,
    adminResets: stored.adminResets,
    secretHash: stored.secretHash,
    apiKeyHash: stored.apiKeyHash,
    ...optional('sealedWebhookSigningKey', stored.sealedWebhookSigningKey),
    ...optional('webhookSigningKey', stored.webhookSigningKey),
    credentialsVersion: String(stored.credentialsVersion),
    createdAt: stored.createdAt,
    ...optional('revokedAt', stored.revokedAt),
  };
}

/** What an operator sees of a client: settings, never credentials. */
export interface ClientView {
  readonly clientId: string;
  readonly name: string;
  readonly senderName: string;
  readonly resetUrls: readonly string[];
  /** Absent: the deployment's RESET_TOKEN_TTL. */
  readonly ttlSeconds?: number;
  readonly defaultLocale: string;
  readonly minPasswordLength: number;
  readonly legacyApis: readonly string[];
  readonly webhookUrl?: string;
  readonly mailTemplateIds?: Readonly<Record<string, string>>;
  /** The user directory it is bound to. */
  readonly directory: string;
  /** May start resets for its users (admin.startReset with the scope `password-reset:admin`). */
  readonly allowAdmin: boolean;
  /** May have those links returned to it instead of mailed. */
  readonly allowAdminLinks: boolean;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

export function toClientView(clientId: string, stored: StoredClient): ClientView {
  return {
    clientId,
    name: stored.name,
    senderName: stored.senderName ?? stored.name,
    resetUrls: stored.resetUrls,
    ...(stored.ttlSeconds === undefined ? {} : { ttlSeconds: stored.ttlSeconds }),
    defaultLocale: stored.defaultLocale,
    minPasswordLength: stored.minPasswordLength,
    legacyApis: stored.legacyApis,
    ...(stored.webhookUrl ? { webhookUrl: stored.webhookUrl } : {}),
    ...(stored.mailTemplateIds ? { mailTemplateIds: stored.mailTemplateIds } : {}),
    directory: stored.directory,
    allowAdmin: stored.adminResets !== '0',
    allowAdminLinks: stored.adminResets === '2',
    createdAt: stored.createdAt,
    ...(stored.revokedAt ? { revokedAt: stored.revokedAt } : {}),
  };
}
