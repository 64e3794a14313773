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
  secretHash: z.string(),
  apiKeyHash: z.string(),
  webhookSigningKey: z.string(),
  /** Bumped by a secret rotation or a revocation: access tokens of older versions die at once. */
  credentialsVersion: z.coerce.number().int(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});

export type StoredClient = z.infer<typeof storedClientSchema>;

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
    createdAt: stored.createdAt,
    ...(stored.revokedAt ? { revokedAt: stored.revokedAt } : {}),
  };
}
