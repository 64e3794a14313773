import { pino, type Logger } from 'pino';
import { requestLogFields } from './observability/request-context.js';

export type { Logger };

/**
 * Structured logs. We never log request bodies; these paths are redacted as a second line of
 * defence, so a secret passed into a log call by mistake still does not reach the line.
 */
export function createLogger({ level }: { level: string }): Logger {
  return pino({
    level,
    base: { service: 'pwreset' },
    // Every line written while a request (or a job it queued) runs carries its id, as `reqId`.
    mixin: requestLogFields,
    redact: {
      paths: [
        'password',
        'token',
        'secret',
        'resetLink',
        '*.password',
        '*.token',
        '*.secret',
        '*.resetLink',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}
