import { z } from 'zod';
import { verifySignedBody, type SignatureRefusalReason, type SignedBody } from './reset-signature.js';

export interface VerifyDirectoryRequestOptions extends SignedBody {
  /** The directory's `secret` from the service's USER_DIRECTORIES_FILE: the HMAC key itself, nothing derived. */
  readonly secret: string;
}

const directoryRequestBodySchema = z.looseObject({
  email: z.string().optional(),
  id: z.string().optional(),
  password: z.string().optional(),
});

/**
 * The body of a call from the service to an HTTP user directory: `{"email"}` (find-by-email),
 * `{"id"}` (find-by-id), `{"id","password"}` (verify-password, set-password), `{}` (health).
 * Which fields are there depends on the path; calls may gain fields, which are kept.
 */
export type DirectoryRequestBody = z.output<typeof directoryRequestBodySchema>;

export type DirectoryRequestVerification =
  { readonly ok: true; readonly request: DirectoryRequestBody } | { readonly ok: false; readonly reason: SignatureRefusalReason };

/**
 * Checks a call from the password-reset service to the application's HTTP user directory: the
 * `Reset-Signature` over `<t>.<body>` keyed with the directory secret's UTF-8 bytes, and the timestamp's
 * age (refusing replays). Answer 401 to anything but `ok`. Web Crypto only, like verifyWebhookSignature.
 */
export async function verifyDirectoryRequest(options: VerifyDirectoryRequestOptions): Promise<DirectoryRequestVerification> {
  const verified = await verifySignedBody(options.secret, options);
  if (!verified.ok) return verified;
  const request = directoryRequestBodySchema.safeParse(verified.payload);
  return request.success ? { ok: true, request: request.data } : { ok: false, reason: 'BAD_PAYLOAD' };
}
