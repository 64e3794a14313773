import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';

/** A random id per response, for correlating a report with the logs; never derived from the request. */
export const requestId: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Request-Id', randomBytes(12).toString('base64url'));
  next();
};
