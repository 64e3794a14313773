import { z } from 'zod';
import { MAX_ACCOUNT_EMAIL_LENGTH, MIN_ACCOUNT_EMAIL_LENGTH } from './normalize-email.js';

/**
 * The payloads of queued work, checked when enqueued and again when run. Readers are tolerant: a
 * field they do not know (written by a newer version of the service) is accepted and dropped,
 * while every field they know is still checked, so a rolling deploy never strands a queued job.
 * No payload ever carries a reset secret: queues live in Redis, where only keyed hashes may.
 */

/** A directory's own id of an account, as a string: SQL and application ids, not only ours. */
const userIdSchema = z.string().min(1).max(255);
/** A user directory's name (see ResetClient.directory); the configuration checks its exact form. */
const directorySchema = z.string().min(1).max(64);
const clientIdSchema = z.string().min(1).max(64);
/**
 * The address as the caller gave it, trimmed, when that differs from the normalised `email`: what
 * the job asks the directory for, since a directory matching addresses exactly (SQL `emailMatch:
 * "exact"`) must see the caller's spelling. Absent, the directory is asked for `email`.
 */
const directoryAddressSchema = z.string().min(MIN_ACCOUNT_EMAIL_LENGTH).max(MAX_ACCOUNT_EMAIL_LENGTH).optional();

/**
 * A link to mail. It names no directory: the job resolves the address in the client's directory at
 * run time. A client re-bound to another directory between the request and the job therefore mails
 * a user of its new directory, if that address has an account there: acceptable, since re-binding
 * is an operator's act and the client may reach exactly that directory from then on.
 */
export const resetRequestedJobSchema = z.object({
  type: z.literal('reset-requested'),
  /** The normalised address (see normalizeEmail): throttles and the audit key by it. The account may not exist. */
  email: z.string().min(MIN_ACCOUNT_EMAIL_LENGTH).max(MAX_ACCOUNT_EMAIL_LENGTH),
  address: directoryAddressSchema,
  locale: z.string().max(35).optional(),
  clientId: clientIdSchema,
  /** The link target the caller chose from the client's allowlist. */
  resetUrl: z.string().max(2048).optional(),
  /** When the application asked: the link's lifetime counts from here, however late the mail leaves. */
  requestedAt: z.iso.datetime(),
  /**
   * The link's lifetime in seconds, when an admin-started reset chose one (see startAdminReset);
   * never longer than the client's. Absent: the client's lifetime.
   */
  ttlSeconds: z.number().int().positive().optional(),
});

/** Antel's `forgot`: mail a short temporary password (made by the worker, never queued). Same directory rule as above. */
export const temporaryPasswordRequestedJobSchema = z.object({
  type: z.literal('temporary-password-requested'),
  email: z.string().min(MIN_ACCOUNT_EMAIL_LENGTH).max(MAX_ACCOUNT_EMAIL_LENGTH),
  address: directoryAddressSchema,
  locale: z.string().max(35).optional(),
  clientId: clientIdSchema,
  requestedAt: z.iso.datetime(),
});

/**
 * A code flow's mail (`method: "code"`): the flow was opened when the request was answered; the
 * job finds the account in the client's directory (same rule as above), gives the flow its code
 * and mails it. It carries the flow's keyed hash (`flowRef`), never the flow id or a code.
 */
export const resetCodeRequestedJobSchema = z.object({
  type: z.literal('reset-code-requested'),
  email: z.string().min(MIN_ACCOUNT_EMAIL_LENGTH).max(MAX_ACCOUNT_EMAIL_LENGTH),
  address: directoryAddressSchema,
  locale: z.string().max(35).optional(),
  clientId: clientIdSchema,
  requestedAt: z.iso.datetime(),
  flowRef: z.string().min(1).max(128),
});

/**
 * A request for an address no account can have (longer than any account's once normalised). It is
 * queued all the same, so that the request does the same work as any other, and runs as nothing;
 * it carries no address, which could be longer than a job may be.
 */
export const unreachableAddressRequestedJobSchema = z.object({
  type: z.literal('unreachable-address-requested'),
  clientId: clientIdSchema,
  requestedAt: z.iso.datetime(),
});

/**
 * "Your password was changed". It names the directory where the password was written: the mail
 * must reach that user, even if the client is bound elsewhere by the time the job runs.
 */
export const passwordChangedJobSchema = z.object({
  type: z.literal('password-changed'),
  userId: userIdSchema,
  directory: directorySchema,
  clientId: clientIdSchema,
  changedAt: z.iso.datetime(),
});

/**
 * The event an application receives at its webhook URL when one of its resets completes. Events
 * may gain fields: readers (verifyWebhookSignature among them) accept fields they do not know, and
 * keep them (a loose object, not a stripping one), so a worker of an older version relays a newer
 * event whole and an application sees what the service sent.
 */
export const passwordResetCompletedEventSchema = z.looseObject({
  type: z.literal('password_reset.completed'),
  eventId: z.string().min(1).max(64),
  occurredAt: z.iso.datetime(),
  /** The directory's own id of the account (e.g. Traffic Ops' `tm_user.id`), as a string. */
  userId: userIdSchema,
  /** The name of the user directory the account is in. */
  directory: directorySchema,
  clientId: clientIdSchema,
});
export type PasswordResetCompletedEvent = z.infer<typeof passwordResetCompletedEventSchema>;

/**
 * "This wasn't me": the user disputed a password change through the link in the "password
 * changed" mail. The service has killed the user's reset secrets and blocks reset mails for
 * DISPUTE_LOCK; the application should lock the account and end its sessions. Loose, as above.
 */
export const passwordResetDisputedEventSchema = z.looseObject({
  type: z.literal('password_reset.disputed'),
  eventId: z.string().min(1).max(64),
  occurredAt: z.iso.datetime(),
  userId: userIdSchema,
  directory: directorySchema,
  clientId: clientIdSchema,
  /** When the disputed change happened (the `changedAt` of the "password changed" mail). */
  changedAt: z.iso.datetime(),
  /** When the user disputed it. */
  disputedAt: z.iso.datetime(),
});
export type PasswordResetDisputedEvent = z.infer<typeof passwordResetDisputedEventSchema>;

/** Every event a webhook receives, told apart by `type`. */
export const passwordResetEventSchema = z.discriminatedUnion('type', [passwordResetCompletedEventSchema, passwordResetDisputedEventSchema]);
export type PasswordResetEvent = z.infer<typeof passwordResetEventSchema>;

export const webhookJobSchema = z.object({
  type: z.literal('webhook'),
  clientId: clientIdSchema,
  event: passwordResetEventSchema,
});

export const resetJobSchema = z.discriminatedUnion('type', [
  resetRequestedJobSchema,
  temporaryPasswordRequestedJobSchema,
  resetCodeRequestedJobSchema,
  unreachableAddressRequestedJobSchema,
  passwordChangedJobSchema,
  webhookJobSchema,
]);
export type ResetJob = z.infer<typeof resetJobSchema>;
export type ResetJobType = ResetJob['type'];
