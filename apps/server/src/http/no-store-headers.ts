import type { RequestHandler } from 'express';

/** Reset responses must not be cached anywhere nor leak the page they came from. */
export const noStoreHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
};
