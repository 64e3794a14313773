import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

export type MetricsAccess = { readonly allowed: true } | { readonly allowed: false; readonly status: 401 | 403 };

export interface MetricsRequest {
  readonly headers: IncomingHttpHeaders;
  /** The socket's peer address, never X-Forwarded-For: whoever is on the other end of the TCP connection. */
  readonly socketAddress: string | undefined;
}

function isLoopback(address: string): boolean {
  const unmapped = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(unmapped) === 4) return unmapped.startsWith('127.');
  return unmapped === '::1';
}

/** Compares hashes, so neither the token's length nor its first wrong byte shows in the timing. */
function sameToken(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Who may read /metrics. With METRICS_TOKEN, whoever presents it as a bearer token. Without,
 * only a process on this host, and never through a proxy: behind a local reverse proxy every
 * request comes from loopback, so a request that carries X-Forwarded-For or Forwarded was
 * relayed from elsewhere and is refused.
 */
export function metricsAccess(request: MetricsRequest, token: string | null): MetricsAccess {
  if (token !== null) {
    const match = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '');
    return match?.[1] !== undefined && sameToken(match[1], token) ? { allowed: true } : { allowed: false, status: 401 };
  }
  const relayed = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  const local = request.socketAddress !== undefined && isLoopback(request.socketAddress);
  return local && !relayed ? { allowed: true } : { allowed: false, status: 403 };
}
