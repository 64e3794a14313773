import type { Request, RequestHandler } from 'express';
import { randomIdText } from '../ids/random-id-text.js';
import { bindToCurrentRequest, runInRequestContext } from '../observability/request-context.js';
import { routeTemplateOf } from '../observability/route-templates.js';

/** What a proxy's id may look like: enough for UUIDs and base64 ids, nothing that could forge a log field. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:+/=-]{1,128}$/;

/** Express's compiled TRUST_PROXY (see createApp): whether the peer at `address` is a proxy we believe. */
type TrustProxy = (address: string, hop: number) => boolean;

/** The X-Request-Id of a proxy listed in TRUST_PROXY; from anyone else, a header is just a claim. */
function trustedProxyRequestId(req: Request): string | undefined {
  const header = req.get('x-request-id');
  if (header === undefined || !ACCEPTED_REQUEST_ID.test(header)) return undefined;
  const trust = req.app.get('trust proxy fn') as TrustProxy | undefined;
  const peer = req.socket.remoteAddress;
  return peer !== undefined && trust?.(peer, 0) === true ? header : undefined;
}

/**
 * The id of a request: a trusted proxy's X-Request-Id, or a random one. It is echoed in the
 * response and the rest of the request runs inside its context, so every log line it causes,
 * and every job it queues, carries it.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const id = trustedProxyRequestId(req) ?? randomIdText(12, 'base64url');
  res.setHeader('X-Request-Id', id);
  runInRequestContext({ requestId: id, route: routeTemplateOf(req.path) }, () => {
    // Body parsers finish in the socket's callbacks, outside any context: rebind the request's events.
    req.emit = bindToCurrentRequest(req.emit.bind(req));
    next();
  });
};
