import { z } from 'zod';
import { PASSWORD_REFUSAL_REASONS } from './error-codes.js';
import { MAX_ACCOUNT_EMAIL_LENGTH, MIN_ACCOUNT_EMAIL_LENGTH } from './normalize-email.js';

/** Locales our own mails and page are written in; anything else falls back to English. */
export const SUPPORTED_LOCALES = ['en', 'nl', 'es', 'fr'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** Upper bound on any password we accept on the wire, before the policy counts code points. */
export const PASSWORD_MAX_INPUT_LENGTH = 1024;

export const emailSchema = z
  .string()
  .trim()
  .min(MIN_ACCOUNT_EMAIL_LENGTH)
  .max(MAX_ACCOUNT_EMAIL_LENGTH)
  .pipe(z.email({ error: 'Not an email address.' }));

/** A BCP 47 language tag such as `nl` or `fr-BE`. */
export const localeSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'Not a language tag.');

/**
 * A reset secret as it arrives from a link. Its exact shape is checked by the engine, which
 * answers TOKEN_INVALID rather than a validation error so that every bad link looks alike.
 */
export const resetSecretSchema = z.string().min(1).max(256);

export const passwordSchema = z.string().min(1).max(PASSWORD_MAX_INPUT_LENGTH);

/** The end user behind a call, as the calling application saw them (for throttles and audit). */
export const requesterContextSchema = z.strictObject({
  ip: z.union([z.ipv4(), z.ipv6()], { error: 'Not an IP address.' }),
  userAgent: z.string().max(512).optional(),
});

export const requestResetInputSchema = z.strictObject({
  email: emailSchema,
  /** The end user's IP and user agent; without it, the calling socket's address is used. */
  context: requesterContextSchema.optional(),
  locale: localeSchema.optional(),
  /** One of the client's registered reset URLs (exact match); default: the client's first. */
  resetUrl: z.url().max(2048).optional(),
  /**
   * `link` (default): the mail carries a link to the reset page. `code`: it carries an 8-digit code
   * instead, for mail that scanners open or that is read on another device; the answer then holds
   * the flow's id, which `complete` needs with the code.
   */
  method: z.enum(['link', 'code']).optional(),
});
export type RequestResetInput = z.infer<typeof requestResetInputSchema>;

/**
 * A code flow's id: 256 random bits, base64url (43 characters), as `request` answers it. Any other
 * string is answered as a flow that no longer exists (FLOW_EXPIRED), not as a validation error.
 */
export const resetFlowIdSchema = z.string().min(1).max(256);

/**
 * The same value for every address, known or not: `{ accepted: true }` for a link, and with a
 * code, `{ accepted: true, flowId }`, a flow id of the same length whether or not the account exists.
 */
export const requestResetOutputSchema = z.union([
  z.strictObject({ accepted: z.literal(true) }),
  z.strictObject({ accepted: z.literal(true), flowId: resetFlowIdSchema }),
]);
export type RequestResetOutput = z.infer<typeof requestResetOutputSchema>;

export const inspectResetInputSchema = z.strictObject({ token: resetSecretSchema });
export type InspectResetInput = z.infer<typeof inspectResetInputSchema>;

export const passwordPolicySchema = z.strictObject({
  /** Minimum length in Unicode code points, after NFKC normalisation. */
  minLength: z.number().int().positive(),
  /** Maximum length in Unicode code points, after NFKC normalisation. */
  maxLength: z.number().int().positive(),
  /**
   * Maximum length in bytes of UTF-8 of the password as typed (not normalised), where the user's
   * directory stores a hash that reads no more (bcrypt: 72). Absent: no byte limit.
   */
  maxBytes: z.number().int().positive().optional(),
  /** Passwords found on lists of commonly used passwords are refused. */
  refusesCommonPasswords: z.boolean(),
  /** Passwords containing the address's local part or the application's name are refused. */
  refusesContextWords: z.boolean(),
  /** The current password cannot be chosen again. */
  refusesCurrentPassword: z.boolean(),
  /** Reasons a refusal can carry. */
  reasons: z.array(z.enum(PASSWORD_REFUSAL_REASONS)),
});
export type PasswordPolicyDescription = z.infer<typeof passwordPolicySchema>;

export const inspectResetOutputSchema = z.strictObject({
  /** When the link stops working, ISO 8601. */
  expiresAt: z.iso.datetime(),
  /** The account's address with most of the local part hidden, for "resetting the password of j***@example.com". */
  maskedEmail: z.string(),
  /** The application that asked for the reset. */
  applicationName: z.string(),
  /** The policy the new password will be checked against. */
  policy: passwordPolicySchema,
});
export type InspectResetOutput = z.infer<typeof inspectResetOutputSchema>;

/** Completing a link: the secret from its fragment and the new password. */
export const completeLinkResetInputSchema = z.strictObject({
  token: resetSecretSchema,
  password: passwordSchema,
});
export type CompleteLinkResetInput = z.infer<typeof completeLinkResetInputSchema>;

/** The code as typed: 8 digits, spaces allowed (they are dropped). Any other shape counts as a wrong code. */
export const resetCodeSchema = z.string().min(1).max(32);

/**
 * Completing a code flow (`method: "code"`): the flow id `request` answered, the mailed code and
 * the new password. Only the application that requested the flow may complete it.
 */
export const completeCodeResetInputSchema = z.strictObject({
  flowId: resetFlowIdSchema,
  code: resetCodeSchema,
  password: passwordSchema,
});
export type CompleteCodeResetInput = z.infer<typeof completeCodeResetInputSchema>;

export const completeResetInputSchema = z.union([completeLinkResetInputSchema, completeCodeResetInputSchema]);
export type CompleteResetInput = z.infer<typeof completeResetInputSchema>;

export const completeResetOutputSchema = z.strictObject({ completed: z.literal(true) });
export type CompleteResetOutput = z.infer<typeof completeResetOutputSchema>;

/** "This wasn't me": the dispute secret from the `/secure` link's fragment (mailed with "password changed"). */
export const disputeInputSchema = z.strictObject({ token: resetSecretSchema });
export type DisputeInput = z.infer<typeof disputeInputSchema>;

export const disputeOutputSchema = z.strictObject({
  disputed: z.literal(true),
  /** Until when no reset mail goes to the account (DISPUTE_LOCK from the dispute), unless an admin-started reset lifts it. */
  lockedUntil: z.iso.datetime(),
});
export type DisputeOutput = z.infer<typeof disputeOutputSchema>;
