import { z } from 'zod';
import type { components } from '@pwreset/legacy-openapi/generated/cameramanager';
import type { CameramanagerFailure } from './cameramanager-responses.js';

type PasswordResetRequest = components['schemas']['PasswordResetRequest'];

/** JSON Schema counts characters (code points), not UTF-16 units as `String.length` does. */
const codePoints = (text: string) => Array.from(text).length;

/**
 * The swagger's PasswordResetRequest: `email`, 3 to 128 characters. Unknown properties are
 * ignored, as a Jackson-based server ignores them; the address is otherwise not checked here
 * (the document does not ask for a format: an address no account has is a 404).
 */
export const passwordResetRequestSchema = z.object(
  {
    email: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
      .refine((email) => codePoints(email) >= 3 && codePoints(email) <= 128, 'must be 3 to 128 characters'),
  },
  { error: 'the body must be a JSON object' },
) satisfies z.ZodType<PasswordResetRequest>;

export type ParsedPasswordResetRequest =
  { readonly ok: true; readonly value: PasswordResetRequest } | { readonly ok: false; readonly failure: CameramanagerFailure };

/** `application/json` or any `application/*+json`, in UTF-8 (RFC 8259 §8.1: the only JSON charset). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (!/^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/.test(mediaType)) return false;
  return parameters.every((parameter) => !parameter.startsWith('charset=') || /^charset="?utf-8"?$/.test(parameter));
}

/** Decodes and validates a body already read within the size limit. */
export function parsePasswordResetRequest(bytes: Buffer): ParsedPasswordResetRequest {
  let json: unknown;
  try {
    // fatal: bytes that are not UTF-8 are a malformed body, not silently replaced characters.
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, failure: { kind: 'error', name: 'MALFORMED_BODY', detail: 'The body is not valid JSON in UTF-8.' } };
  }
  const parsed = passwordResetRequestSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  // Zod's messages name the rule, never the input, so the detail cannot echo what was sent.
  const detail = parsed.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return { ok: false, failure: { kind: 'error', name: 'VALIDATION_FAILED', detail } };
}
