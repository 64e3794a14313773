import { context, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { requestRouteTemplate } from '../request-context.js';

const tracer = trace.getTracer('pwreset-http');

/**
 * Names the HTTP server span by its route template, and wraps each tRPC procedure in a span of
 * its own. Without tracing, the API is a no-op and this costs a function call.
 */
export const httpSpans: RequestHandler = (req, res, next) => {
  const serverSpan = trace.getActiveSpan();
  if (!serverSpan) return next();
  const { route, api } = requestRouteTemplate(req);
  serverSpan.updateName(`${req.method} ${route}`);
  serverSpan.setAttribute('http.route', route);
  if (api !== 'trpc') return next();
  const procedure = tracer.startSpan(`trpc ${route.slice('/trpc/'.length)}`, {
    attributes: { 'rpc.system': 'trpc', 'rpc.method': route.slice('/trpc/'.length) },
  });
  res.once('close', () => procedure.end());
  context.with(trace.setSpan(context.active(), procedure), next);
};
