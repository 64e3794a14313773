import type { Logger } from '../logger.js';
import type { MailKeyRejection, SendGridKeyCheck } from './sendgrid-key-check.js';

/**
 * Whether mail can go out, as /readyz reports it:
 * - `outbox`: no SendGrid; mail goes to the development outbox;
 * - `ok`: SendGrid's last answer says the key may send;
 * - `unknown`: no verdict (not checked yet, or SendGrid did not answer clearly); ready all the same;
 * - `rejected`: SendGrid refused the key or it lacks `mail.send`; every mail would be parked, so not ready.
 */
export type MailReadiness =
  { readonly mail: 'outbox' | 'ok' | 'unknown' } | { readonly mail: 'rejected'; readonly reason: MailKeyRejection };

export interface SendGridKeyWatcher {
  /** The state now; never waits for SendGrid (a /readyz probe must not). */
  current(): MailReadiness;
  /** Resolves once the first check is done, whatever its outcome. */
  readonly firstCheck: Promise<void>;
  /** No further checks (shutdown). */
  stop(): void;
}

export interface WatchSendGridKeyOptions {
  /** One check of the key (checkSendGridKey with the configured key and URL). */
  readonly check: () => Promise<SendGridKeyCheck>;
  /** Milliseconds between the end of one check and the start of the next (MAIL_KEY_CHECK_INTERVAL). */
  readonly intervalMs: number;
  readonly logger: Pick<Logger, 'error' | 'warn' | 'info'>;
}

/**
 * Checks the key at once and then every `intervalMs`. A verdict of SendGrid's decides the state; an
 * inconclusive check changes nothing that was decided (SendGrid's own outage must not take us out of
 * the balancer, nor put a refused key back in). Each change is logged once, not each check.
 */
export function watchSendGridKey({ check, intervalMs, logger }: WatchSendGridKeyOptions): SendGridKeyWatcher {
  let state: MailReadiness = { mail: 'unknown' };
  let lastLogged: SendGridKeyCheck['outcome'] | `rejected:${MailKeyRejection}` | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function record(result: SendGridKeyCheck): void {
    const wasRejected = state.mail === 'rejected';
    if (result.outcome === 'accepted') state = { mail: 'ok' };
    else if (result.outcome === 'rejected') state = { mail: 'rejected', reason: result.reason };
    else if (!wasRejected) state = { mail: 'unknown' };
    const logKey = result.outcome === 'rejected' ? (`rejected:${result.reason}` as const) : result.outcome;
    if (logKey === lastLogged) return;
    lastLogged = logKey;
    if (result.outcome === 'rejected')
      logger.error(
        { status: result.status, reason: result.reason },
        'SendGrid will not send with SENDGRID_API_KEY: /readyz answers 503 until the key is fixed',
      );
    else if (result.outcome === 'accepted')
      logger.info(wasRejected ? 'SendGrid accepts SENDGRID_API_KEY again: /readyz is ready' : 'SendGrid accepts SENDGRID_API_KEY');
    else
      logger.warn(
        { reason: result.reason },
        wasRejected ? 'SendGrid key check inconclusive: mail stays rejected' : 'SendGrid key check inconclusive: readiness unchanged',
      );
  }

  async function runCheck(): Promise<void> {
    // checkSendGridKey does not throw; a defect in it must not end the checks either.
    record(await check().catch((): SendGridKeyCheck => ({ outcome: 'inconclusive', reason: 'check failed' })));
    if (!stopped) timer = setTimeout(() => void runCheck(), intervalMs).unref();
  }

  const firstCheck = runCheck();
  return {
    current: () => state,
    firstCheck,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
