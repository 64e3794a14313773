import { z } from 'zod';
import { emailSchema, localeSchema } from './schemas.js';

/** The access-token scope `admin.*` procedures need, granted only when requested and allowed (RFC 6749 §3.3). */
export const ADMIN_SCOPE = 'password-reset:admin';

/** How an admin-started reset hands its link over: mailed to the user, or returned once to the caller. */
export const ADMIN_RESET_DELIVERIES = ['mail', 'return'] as const;
export type AdminResetDelivery = (typeof ADMIN_RESET_DELIVERIES)[number];

/**
 * The shortest lifetime an admin-started link may have, in seconds: long enough to open a mail.
 * The longest is the client's own link lifetime (its `--ttl`, else RESET_TOKEN_TTL).
 */
export const MIN_ADMIN_RESET_TTL_SECONDS = 300;

const startOptions = {
  /** The link's lifetime in seconds; default and maximum: the client's link lifetime. */
  ttlSeconds: z.number().int().min(MIN_ADMIN_RESET_TTL_SECONDS).optional(),
  /** Default `mail`; `return` only for clients allowed it (`--allow-admin-links`). */
  deliver: z.enum(ADMIN_RESET_DELIVERIES).default('mail'),
  /** The mail's language; default the user's, else the client's. */
  locale: localeSchema.optional(),
};

/** `admin.startReset`: the user by address or by the directory's id, never both. */
export const startAdminResetInputSchema = z.union([
  z.strictObject({ email: emailSchema, ...startOptions }),
  z.strictObject({ userId: z.string().min(1).max(255), ...startOptions }),
]);
export type StartAdminResetInput = z.infer<typeof startAdminResetInputSchema>;

const startedFields = {
  /** The directory's id of the account, and the directory (the calling client's). */
  userId: z.string(),
  directory: z.string(),
  /** When the link stops working, ISO 8601. */
  expiresAt: z.iso.datetime(),
};

/** The real outcome: this is an authenticated, audited path, so "no such account" is an answer (ACCOUNT_NOT_FOUND). */
export const startAdminResetOutputSchema = z.discriminatedUnion('deliver', [
  /** The mail is queued, through the same queue and templates as any reset mail. */
  z.strictObject({ deliver: z.literal('mail'), ...startedFields }),
  /** The link, this once: it is not stored, only its secret's keyed hash is. */
  z.strictObject({ deliver: z.literal('return'), ...startedFields, link: z.url() }),
]);
export type StartAdminResetOutput = z.infer<typeof startAdminResetOutputSchema>;
