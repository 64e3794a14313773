/** A reset secret as links carry it: base64url, within the bound the API accepts. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The reset secret from a URL fragment such as `#token=<secret>`, or null when there is none
 * or it cannot be one. Links put the secret in the fragment because browsers never send a
 * fragment to a server, neither in the request line nor in a Referer.
 */
export function readSecretFromFragment(fragment: string): string | null {
  const secret = new URLSearchParams(fragment.replace(/^#/, '')).get('token');
  return secret !== null && SECRET_PATTERN.test(secret) ? secret : null;
}

/** The parts of `window` that reading the secret touches. */
export interface AddressBar {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
}

/**
 * Reads the secret from the address bar, then removes the fragment, so the secret stays only
 * in memory: not in the visible URL, a bookmark, a shared screenshot or the history entry.
 */
export function takeSecretFromAddressBar({ location, history }: AddressBar): string | null {
  const { hash } = location;
  if (hash === '' || hash === '#') return null;
  const secret = readSecretFromFragment(hash);
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return secret;
}
