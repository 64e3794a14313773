import type { RequestHandler } from 'express';
import type { ClientRegistry } from '../clients/client-registry.js';

/** Only what a reset form needs; `request` is for the application's backend, never a browser. */
const PUBLIC_PROCEDURES = new Set(['passwordReset.inspect', 'passwordReset.complete', 'passwordReset.policy']);

export interface CorsForClientPagesOptions {
  readonly clients: Pick<ClientRegistry, 'list'>;
  /** How long, in milliseconds, the set of allowed origins is cached. Default 30 s. */
  readonly refreshMs?: number;
}

/**
 * CORS for a client hosting the reset form on its own site: the origins of registered reset
 * URLs (of active clients) may call the public procedures, and nothing else may.
 */
export function corsForClientPages({ clients, refreshMs = 30_000 }: CorsForClientPagesOptions): RequestHandler {
  let cached: { origins: Set<string>; at: number } | null = null;

  async function allowedOrigins(): Promise<Set<string>> {
    if (cached && Date.now() - cached.at < refreshMs) return cached.origins;
    const active = (await clients.list()).filter((client) => !client.revokedAt);
    const origins = new Set(active.flatMap((client) => client.resetUrls.map((url) => new URL(url).origin)));
    cached = { origins, at: Date.now() };
    return origins;
  }

  return async (req, res, next) => {
    const origin = req.get('origin');
    const procedure = req.path.replace(/^\//, '');
    if (!origin || !PUBLIC_PROCEDURES.has(procedure)) return next();
    // (Vary: Origin would be overwritten by tRPC; it is moot anyway: every answer is no-store.)
    if (!(await allowedOrigins()).has(origin)) return req.method === 'OPTIONS' ? res.status(204).end() : next();
    res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After, X-Request-Id' });
    if (req.method !== 'OPTIONS') return next();
    res.set({
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Allow-Headers': 'content-type',
      'Access-Control-Max-Age': '600',
    });
    res.status(204).end();
  };
}
