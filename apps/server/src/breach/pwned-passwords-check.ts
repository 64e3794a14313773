import { createHash } from 'node:crypto';
import type { BreachCheckFailureReason, BreachCheckResult, BreachedPasswordCheck } from '@pwreset/contract/engine';
import { countInRangeBody } from './range-body.js';

export interface PwnedPasswordsCheckOptions {
  /** Base URL of the range API (`https://api.pwnedpasswords.com`, or a mirror); `/range/{prefix}` is appended. */
  readonly baseUrl: string;
  /** The longest one lookup may take, headers and body, in milliseconds; then the local rules decide. */
  readonly timeoutMs: number;
  /** Refuse a password only when the corpus counts it at least this often (at least 1: padding counts 0). */
  readonly minCount: number;
  /** Called once per lookup that could not answer, with why (a metric); never with the password or its hash. */
  readonly onFailure?: (reason: BreachCheckFailureReason) => void;
  readonly fetch?: typeof fetch;
}

/** Range answers are about 30 KB with padding; anything far larger is not one. */
const MAX_BODY_CHARACTERS = 2_000_000;

/**
 * Have I Been Pwned's k-anonymity range API: only the first five hex digits of the password's
 * SHA-1 leave the process, and `Add-Padding: true` makes every answer about the same size, so
 * neither the request nor the answer's length tells an observer which password was asked about.
 * The rest of the hash is compared here and is never logged.
 */
export function pwnedPasswordsCheck({
  baseUrl,
  timeoutMs,
  minCount,
  onFailure = () => undefined,
  fetch: fetchRange = fetch,
}: PwnedPasswordsCheckOptions): BreachedPasswordCheck {
  const base = baseUrl.replace(/\/+$/, '');
  const threshold = Math.max(1, minCount);
  const unavailable = (reason: BreachCheckFailureReason): BreachCheckResult => {
    onFailure(reason);
    return { status: 'unavailable', reason };
  };
  return {
    async check(password) {
      const hash = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
      const prefix = hash.slice(0, 5);
      // The signal bounds the whole lookup, body included: a server that sends headers and then stalls is a timeout too.
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetchRange(`${base}/range/${prefix}`, {
          headers: { 'Add-Padding': 'true', accept: 'text/plain' },
          signal,
        });
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          return unavailable('status');
        }
        const body = await response.text();
        const count = body.length > MAX_BODY_CHARACTERS ? null : countInRangeBody(body, hash.slice(5));
        if (count === null) return unavailable('body');
        return { status: count >= threshold ? 'breached' : 'not-breached' };
      } catch {
        // The error is not kept: undici's messages may quote the URL, and nothing here needs more than why.
        return unavailable(signal.aborted ? 'timeout' : 'network');
      }
    },
  };
}
