import { z } from 'zod';
import { MAX_ACCOUNT_EMAIL_LENGTH } from './normalize-email.js';

/**
 * The payloads of queued work, checked when enqueued and again when run: a job written by
 * an older or newer version of the service is refused loudly rather than half-understood.
 * No payload ever carries a reset secret: queues live in Redis, where only keyed hashes may.
 */
export const resetRequestedJobSchema = z.strictObject({
  type: z.literal('reset-requested'),
  /** Normalised address as the caller gave it; the account may not exist. */
  email: z.string().min(3).max(MAX_ACCOUNT_EMAIL_LENGTH),
  locale: z.string().max(35).optional(),
  clientId: z.string().min(1).max(64),
  /** The link target the caller chose from the client's allowlist. */
  resetUrl: z.string().max(2048).optional(),
  /** When the application asked: the link's lifetime counts from here, however late the mail leaves. */
  requestedAt: z.iso.datetime(),
});

/** Antel's `forgot`: mail a short temporary password (made by the worker, never queued). */
export const temporaryPasswordRequestedJobSchema = z.strictObject({
  type: z.literal('temporary-password-requested'),
  email: z.string().min(3).max(MAX_ACCOUNT_EMAIL_LENGTH),
  locale: z.string().max(35).optional(),
  clientId: z.string().min(1).max(64),
  requestedAt: z.iso.datetime(),
});

/**
 * A request for an address no account can have (longer than any account's once normalised). It is
 * queued all the same, so that the request does the same work as any other, and runs as nothing;
 * it carries no address, which could be longer than a job may be.
 */
export const unreachableAddressRequestedJobSchema = z.strictObject({
  type: z.literal('unreachable-address-requested'),
  clientId: z.string().min(1).max(64),
  requestedAt: z.iso.datetime(),
});

export const passwordChangedJobSchema = z.strictObject({
  type: z.literal('password-changed'),
  userId: z.string().min(1).max(64),
  clientId: z.string().min(1).max(64),
  changedAt: z.iso.datetime(),
});

/** The event an application receives at its webhook URL when one of its resets completes. */
export const passwordResetCompletedEventSchema = z.strictObject({
  type: z.literal('password_reset.completed'),
  eventId: z.string().min(1).max(64),
  occurredAt: z.iso.datetime(),
  userId: z.string().min(1).max(64),
  clientId: z.string().min(1).max(64),
});
export type PasswordResetCompletedEvent = z.infer<typeof passwordResetCompletedEventSchema>;

export const webhookJobSchema = z.strictObject({
  type: z.literal('webhook'),
  clientId: z.string().min(1).max(64),
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
