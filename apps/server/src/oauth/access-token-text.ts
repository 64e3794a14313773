import { randomBytes } from 'node:crypto';
import type { AccessTokenShape } from '@pwreset/rest-compat';

// The text of a new access token. Ours carry a `pwat_` prefix (secret scanners can spot a leaked
// one) over 256 random bits. Teen Quotes' clients were written against league/oauth2-server 2.1,
// whose SecureKey::make(40) issues 40 characters of [A-Za-z0-9] (base64 with `+/=` removed); some
// validate that shape, so theirs keep it: 40 characters drawn uniformly, about 238 bits.

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LEAGUE_TOKEN_LENGTH = 40;
/** The largest multiple of 62 a byte can hold: bytes at or above it are drawn again, so no character is likelier. */
const UNBIASED_BYTE_LIMIT = 256 - (256 % ALPHANUMERIC.length);

/** `length` characters of [A-Za-z0-9], each uniform, from crypto.randomBytes. */
export function randomAlphanumeric(length: number): string {
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < UNBIASED_BYTE_LIMIT && text.length < length) text += ALPHANUMERIC[byte % ALPHANUMERIC.length];
    }
  }
  return text;
}

/** Our own tokens' scanner prefix; what follows it is the (stamped) random part. */
export const OWN_ACCESS_TOKEN_PREFIX = 'pwat_';

/**
 * `stamp` marks our own token's random part with the key id its hash is made under (key-ring.ts), so a
 * lookup costs one HMAC; Teen Quotes' shape has no room for it (40 alphanumerics, no separator).
 */
export function newAccessTokenText(shape: AccessTokenShape, stamp: (randomPart: string) => string = (randomPart) => randomPart): string {
  return shape === 'league-oauth2-server'
    ? randomAlphanumeric(LEAGUE_TOKEN_LENGTH)
    : `${OWN_ACCESS_TOKEN_PREFIX}${stamp(randomBytes(32).toString('base64url'))}`;
}
