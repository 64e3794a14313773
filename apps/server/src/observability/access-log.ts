import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';
import { currentRequestContext, requestRouteTemplate, type RequestContext } from './request-context.js';
import { OPERATIONS_ROUTES } from './route-templates.js';

/** Counts the body bytes of an answer as they are written, for answers without Content-Length. */
function countWrittenBytes(res: ServerResponse): () => number {
  let bytes = 0;
  const count = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const { write, end } = res;
  res.write = function (this: ServerResponse, ...args: Parameters<ServerResponse['write']>) {
    count(args[0], args[1]);
    return write.apply(this, args);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, ...args: Parameters<ServerResponse['end']>) {
    if (typeof args[0] !== 'function') count(args[0], args[1]);
    return end.apply(this, args);
  } as ServerResponse['end'];
  return () => bytes;
}

interface Measured {
  /** Taken on arrival: routers mounted under a prefix (such as /trpc) rewrite `req.url` on the way. */
  readonly route: string;
  readonly context: RequestContext | undefined;
  readonly writtenBytes: () => number;
}
/** Taken when the request arrives: the line is written from the socket's callbacks, outside its context. */
const measuredAnswers = new WeakMap<ServerResponse, Measured>();

/**
 * One JSON line per answered request, at info, through pino-http: method, route template (never
 * the raw URL, which may hold a query string), status, duration, request id, client id when one
 * was named, and body bytes. No header, body or query is logged. /healthz, /readyz and /metrics
 * are left out: probes and scrapes would drown the requests.
 */
export function accessLog(logger: Logger): RequestHandler {
  // Below info (LOG_LEVEL=warn, as `pnpm bench` runs) no line would be written: do no work either.
  if (!logger.isLevelEnabled('info')) return (_req, _res, next) => next();
  const log = pinoHttp<IncomingMessage, ServerResponse>({
    logger,
    // The id the request-id middleware chose (a trusted proxy's, or ours).
    genReqId: () => currentRequestContext()?.requestId ?? '',
    // No child logger with the whole request: the line below is all that is logged of it.
    quietResLogger: true,
    wrapSerializers: false,
    serializers: { req: (req: IncomingMessage) => ({ method: req.method }) },
    autoLogging: { ignore: (req) => OPERATIONS_ROUTES.has((req as { path?: string }).path ?? '') },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res, value: { responseTime?: number }) => accessLogLine(req, res, value.responseTime),
    customErrorObject: (req, res, _error, value: { responseTime?: number }) => accessLogLine(req, res, value.responseTime),
  });
  return (req, res, next) => {
    measuredAnswers.set(res, {
      route: requestRouteTemplate(req).route,
      context: currentRequestContext(),
      writtenBytes: countWrittenBytes(res),
    });
    log(req, res, next);
  };
}

function accessLogLine(req: IncomingMessage, res: ServerResponse, durationMs: number | undefined): Record<string, unknown> {
  const declared = Number(res.getHeader('content-length'));
  const measured = measuredAnswers.get(res);
  const clientId = measured?.context?.clientId;
  return {
    reqId: req.id,
    method: req.method,
    route: measured?.route,
    status: res.statusCode,
    durationMs,
    ...(clientId === undefined ? {} : { clientId }),
    bytes: Number.isFinite(declared) ? declared : (measured?.writtenBytes() ?? 0),
  };
}
