import type { Requester } from '@pwreset/contract/engine';
import type { Request } from 'express';

const MAX_USER_AGENT = 512;

/**
 * The end user as the network sees them: `req.ip` is the socket address, or the client address
 * in X-Forwarded-For when (and only when) the request came through a proxy listed in TRUST_PROXY.
 */
export function requesterOf(req: Request): Requester {
  const raw = req.ip ?? req.socket.remoteAddress ?? '0.0.0.0';
  // An IPv4 client on a dual-stack socket appears as ::ffff:a.b.c.d; throttle it as a.b.c.d.
  const ip = raw.startsWith('::ffff:') && raw.includes('.') ? raw.slice(7) : raw;
  const userAgent = req.get('user-agent')?.slice(0, MAX_USER_AGENT);
  return userAgent ? { ip, userAgent } : { ip };
}
