import type { ResetClient } from './ports.js';

/** Whether `url` is exactly one of the client's allowed link targets (no prefix or pattern match). */
export function isAllowedResetUrl(client: Pick<ResetClient, 'resetUrls'>, url: string): boolean {
  return client.resetUrls.includes(url);
}

/**
 * The page a mailed link points to: the requested one when it is (still) on the client's list,
 * else the client's default. A link never points anywhere the client did not register.
 */
export function chooseResetUrl(client: Pick<ResetClient, 'resetUrls'>, requested: string | undefined): string {
  if (requested !== undefined && isAllowedResetUrl(client, requested)) return requested;
  const [first] = client.resetUrls;
  if (first === undefined) throw new Error(`client has no reset URL`);
  return first;
}
