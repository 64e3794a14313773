import type { SupportedLocale } from '../schemas.js';
import type { PasswordPolicy } from '../password-policy.js';

/** The legacy APIs a client may be allowed to use. */
export const LEGACY_APIS = ['cameramanager', 'trafficops', 'antel', 'teenquotes'] as const;
export type LegacyApi = (typeof LEGACY_APIS)[number];

/** An application registered to use the service, as the engine sees it. */
export interface ResetClient {
  readonly id: string;
  readonly name: string;
  /** The display name of the sender of this client's mails. */
  readonly senderName: string;
  /** Lifetime of this client's reset links, in seconds (1 hour to 3 days). */
  readonly resetTokenTtlSeconds: number;
  readonly defaultLocale: SupportedLocale;
  readonly passwordPolicy: PasswordPolicy;
  /**
   * Exact URLs this client's links may point to; the first is the default. Always ends with our
   * hosted page. The secret is appended as the fragment `#token=`.
   */
  readonly resetUrls: readonly string[];
  readonly legacyApis: readonly LegacyApi[];
  /**
   * The name of the user directory this client is bound to: every user it reaches (requests, the
   * legacy routes, inspect, complete, mails, webhooks) is resolved there, and nowhere else.
   */
  readonly directory: string;
  /** Where `password_reset.completed` events are POSTed, if anywhere. */
  readonly webhookUrl?: string;
  /**
   * The mail provider's own templates to use instead of ours, by `<mail kind>.<locale>`
   * (e.g. `password-reset.nl` → a SendGrid dynamic template id).
   */
  readonly mailTemplateIds?: Readonly<Record<string, string>>;
  /**
   * May start resets for its users (`admin.startReset`), with an access token granted the scope
   * `password-reset:admin` (`pnpm cli clients update ID --allow-admin`). Absent: no.
   */
  readonly allowAdmin?: boolean;
  /** May have such a reset's link returned to it instead of mailed (`--allow-admin-links`). Absent: no. */
  readonly allowAdminLinks?: boolean;
}

export interface ClientDirectory {
  findById(clientId: string): Promise<ResetClient | null>;
}
