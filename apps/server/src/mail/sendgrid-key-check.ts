import { z } from 'zod';
import { tracedFetch } from '../observability/tracing/traced-fetch.js';

/** Why SendGrid will not take our mail, as /readyz names it (a closed list, never SendGrid's text). */
export type MailKeyRejection = 'key-refused' | 'missing-mail-send-scope';

/**
 * One check of the API key. `rejected` is SendGrid's own verdict; `inconclusive` is everything
 * that is not a verdict (its outage, a timeout, an unreadable answer), with a reason for the log.
 */
export type SendGridKeyCheck =
  | { readonly outcome: 'accepted' }
  | { readonly outcome: 'rejected'; readonly reason: MailKeyRejection; readonly status: number }
  | { readonly outcome: 'inconclusive'; readonly reason: string };

export interface SendGridKeyCheckOptions {
  readonly apiKey: string;
  /** Base URL of the v3 API, as SENDGRID_API_URL. */
  readonly apiUrl: string;
  /** Milliseconds before the check counts as inconclusive. Default 5 s, inside a balancer's patience. */
  readonly timeoutMs?: number;
}

/** SendGrid's answer to GET /v3/scopes: the permissions of the key that asked. */
const scopesAnswerSchema = z.object({ scopes: z.array(z.string()) });

/** Without this scope every mail/send is refused, so the key is as good as revoked for us. */
const MAIL_SEND_SCOPE = 'mail.send';

/**
 * Asks SendGrid what the key may do, with `GET /v3/scopes`: it sends nothing and costs no quota.
 * The key travels only in the Authorization header; nothing returned here contains it.
 */
export async function checkSendGridKey({ apiKey, apiUrl, timeoutMs = 5000 }: SendGridKeyCheckOptions): Promise<SendGridKeyCheck> {
  let response: Response;
  try {
    response = await tracedFetch({ target: 'sendgrid scopes' }, `${apiUrl.replace(/\/+$/, '')}/v3/scopes`, {
      headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { outcome: 'inconclusive', reason: describeFetchFailure(error) };
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    return { outcome: 'rejected', reason: 'key-refused', status: response.status };
  }
  if (!response.ok) {
    await response.body?.cancel();
    // A 5xx or 429 is SendGrid's trouble, not our key's; mail waits safely in the queue meanwhile.
    return { outcome: 'inconclusive', reason: `SendGrid answered ${response.status}` };
  }
  const parsed = scopesAnswerSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return { outcome: 'inconclusive', reason: `SendGrid answered ${response.status} without a list of scopes` };
  return parsed.data.scopes.includes(MAIL_SEND_SCOPE)
    ? { outcome: 'accepted' }
    : { outcome: 'rejected', reason: 'missing-mail-send-scope', status: response.status };
}

/** A timeout or a network error, in words for the log (undici puts the system error in `cause`). */
function describeFetchFailure(error: unknown): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer in time';
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' ? `unreachable (${code})` : 'unreachable';
}
