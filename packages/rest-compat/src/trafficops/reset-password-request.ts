import { z } from 'zod';
import { decodeFirstJsonValue, rawObjectMembers } from './go-json-value.js';
import { parseGoMailAddress } from './go-mail-address.js';

// `{ "email": string }` read as traffic_ops_golang reads it into tc.UserPasswordResetRequest:
// encoding/json (keys matched case-insensitively, unknown keys ignored, the first JSON value only,
// no Content-Type check) with `email` an rfc.EmailAddress (strconv.Unquote, then net/mail).

export type ResetPasswordRequest = { readonly ok: true; readonly email: string } | { readonly ok: false; readonly reason: string };

const GO_TARGET_TYPE = 'tc.UserPasswordResetRequest';
const jsonObjectSchema = z.record(z.string(), z.unknown());
const emailStringSchema = z.string();

/** encoding/json's name for a JSON value's kind, as in "cannot unmarshal number into …". */
function goJsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'object';
}

/** Go's fold for JSON keys; for the letters of "email" it is exactly ASCII case-insensitivity. */
const isEmailKey = (key: string) => key.replace(/[A-Z]/g, (letter) => letter.toLowerCase()) === 'email';

/**
 * Whether strconv.Unquote takes this JSON string literal. It knows Go's escapes, not JSON's: `\/`
 * is refused, and so is a `\u` escape of a surrogate, even one of a valid pair (Go wants `\U`).
 */
function goUnquoteAccepts(literal: string): boolean {
  if (!literal.startsWith('"')) return false;
  for (let index = 1; index < literal.length - 1; index += 1) {
    if (literal[index] !== '\\') continue;
    const escape = literal[index + 1];
    if (escape === '/') return false;
    if (escape === 'u') {
      const codeUnit = Number.parseInt(literal.slice(index + 2, index + 6), 16);
      if (codeUnit >= 0xd800 && codeUnit <= 0xdfff) return false;
      index += 5;
    } else {
      index += 1;
    }
  }
  return true;
}

/** One `email` member, as rfc.EmailAddress.UnmarshalJSON takes its bytes: the address, null (no-op), or why not. */
function readEmailMember(rawValue: string): { readonly address: string | null } | { readonly reason: string } {
  if (rawValue === 'null') return { address: null };
  const text = emailStringSchema.safeParse(goUnquoteAccepts(rawValue) ? JSON.parse(rawValue) : null);
  if (!text.success) return { reason: `JSON ${rawValue} not quoted: invalid syntax` };
  const parsed = parseGoMailAddress(text.data);
  return parsed.ok ? { address: parsed.address } : { reason: `Couldn't parse '${text.data}' as an email address: ${parsed.error}` };
}

/** The address the body names (the addr-spec, display name dropped), or the "Malformed request" reason. */
export function parseResetPasswordRequest(body: Buffer): ResetPasswordRequest {
  const decoded = decodeFirstJsonValue(body);
  if (!decoded.ok) return decoded;
  if (decoded.value === null) return { ok: false, reason: "'email' is required" };
  const object = jsonObjectSchema.safeParse(decoded.value);
  if (!object.success || Array.isArray(decoded.value)) {
    return { ok: false, reason: `json: cannot unmarshal ${goJsonKind(decoded.value)} into Go value of type ${GO_TARGET_TYPE}` };
  }
  let email: string | null = null;
  // Every matching key is decoded in order, duplicates too, so the last one wins and the first bad one stops it.
  for (const { key, rawValue } of rawObjectMembers(decoded.source)) {
    if (!isEmailKey(key)) continue;
    const member = readEmailMember(rawValue);
    if ('reason' in member) return { ok: false, reason: member.reason };
    email = member.address ?? email;
  }
  return email === null ? { ok: false, reason: "'email' is required" } : { ok: true, email };
}
