import type { ErrorRequestHandler, RequestHandler } from 'express';

/** Unknown paths answer JSON, not express's HTML page. */
export const notFoundAsJson: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'NOT_FOUND', message: 'No such route.' });
};

/** Last resort: a fixed body, never the error's message or stack. */
export function errorsAsJson(onError: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const status = typeof error === 'object' && error && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    if (status >= 500) onError(error);
    res.status(status >= 400 && status < 600 ? status : 500).json({
      error: status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR',
      message: status < 500 ? 'The request could not be read.' : 'Something went wrong on our side.',
    });
  };
}
