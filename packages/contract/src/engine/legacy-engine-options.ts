import { fail, type ResetResult } from '../result.js';

/** How the engine answers the legacy APIs, whose documents name unknown accounts. */
export interface LegacyEngineOptions {
  /**
   * LEGACY_HIDE_UNKNOWN_ACCOUNTS (default off, as the documents answer): an unknown account gets
   * the answer a known one would have got in its place. The engine does the same work either
   * way, whatever this says, so the answer is alike in time as well as in bytes.
   */
  readonly hideUnknownAccounts: boolean;
}

/**
 * The one place the switch is applied. `asIfKnown` is what the same call would have answered
 * for an account that exists (a request accepted, a secret that does not fit); without the
 * switch, the legacy documents' "no such account".
 */
export function answerForUnknownAccount<T>(options: LegacyEngineOptions, asIfKnown: ResetResult<T>): ResetResult<T> {
  return options.hideUnknownAccounts ? asIfKnown : fail('ACCOUNT_NOT_FOUND');
}
