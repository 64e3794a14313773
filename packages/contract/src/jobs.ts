import { z } from 'zod';
import { MAX_ACCOUNT_EMAIL_LENGTH } from './normalize-email.js';

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
 * A link to mail. It names no directory: the job resolves the address in the client's directory at
 * run time. A client re-bound to another directory between the request and the job therefore mails
 * a user of its new directory, if that address has an account there: acceptable, since re-binding
 * is an operator's act and the client may reach exactly that directory from then on.
 */
export const resetRequestedJobSchema = z.object({
  type: z.literal('reset-requested'),
  /** Normalised address as the caller gave it; the account may not exist. */
  email: z.string().min(3).max(MAX_ACCOUNT_EMAIL_LENGTH),
  locale: z.string().max(35).optional(),
  clientId: clientIdSchema,
  /** The link target the caller chose from the client's allowlist. */
  resetUrl: z.string().max(2048).optional(),
  /** When the application asked: the link's lifetime counts from here, however late the mail leaves. */
  requestedAt: z.iso.datetime(),
});

/** Antel's `forgot`: mail a short temporary password (made by the worker, never queued). Same directory rule as above. */
export const temporaryPasswordRequestedJobSchema = z.object({
  type: z.literal('temporary-password-requested'),
  email: z.string().min(3).max(MAX_ACCOUNT_EMAIL_LENGTH),
  locale: z.string().max(35).optional(),
  clientId: clientIdSchema,
  requestedAt: z.iso.datetime(),
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

export const webhookJobSchema = z.object({
  type: z.literal('webhook'),
  clientId: clientIdSchema,
  event: passwordResetCompletedEventSchema,
});

export const resetJobSchema = z.discriminatedUnion('type', [
  resetRequestedJobSchema,
  temporaryPasswordRequestedJobSchema,
  unreachableAddressRequestedJobSchema,
  passwordChangedJobSchema,
  webhookJobSchema,
]);
export type ResetJob = z.infer<typeof resetJobSchema>;
export type ResetJobType = ResetJob['type'];
