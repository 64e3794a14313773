import type { ClientDirectory, LegacyApi, ResetClient } from '@pwreset/contract/engine';
import type { ClientSettings } from './client-settings.js';
import type { ClientView } from './stored-client.js';

/** Legacy APIs without client authentication: exactly one client may serve each. */
export const EXCLUSIVE_LEGACY_APIS: readonly LegacyApi[] = ['trafficops'];

export type RegistryFailure = { ok: false; reason: 'NOT_FOUND' | 'REVOKED' | 'LEGACY_API_TAKEN' | 'INVALID_SETTINGS'; detail?: string };

/**
 * The registered applications: the engine's ClientDirectory, plus what operators (the CLI) and
 * client authentication (OAuth, the legacy routes) need. Credentials are stored only as keyed hashes.
 */
export interface ClientRegistry extends ClientDirectory {
  /** Registers a client; the secret and API key are returned this once and stored only hashed. */
  add(settings: ClientSettings): Promise<{ ok: true; client: ClientView; clientSecret: string; apiKey: string } | RegistryFailure>;
  list(): Promise<ClientView[]>;
  show(clientId: string): Promise<ClientView | null>;
  update(clientId: string, changes: Partial<ClientSettings>): Promise<{ ok: true; client: ClientView } | RegistryFailure>;
  /** Revokes the client: its credentials, access tokens and outstanding reset links die at once. */
  revoke(clientId: string): Promise<{ ok: true } | RegistryFailure>;
  /** A new secret; the old one and every access token issued with it stop working at once. */
  rotateSecret(clientId: string): Promise<{ ok: true; clientSecret: string } | RegistryFailure>;
  rotateApiKey(clientId: string): Promise<{ ok: true; apiKey: string } | RegistryFailure>;
  /** The client when the secret is its current one (compared in constant time), else null. */
  authenticateSecret(clientId: string, clientSecret: string): Promise<{ client: ResetClient; credentialsVersion: number } | null>;
  findByApiKey(apiKey: string): Promise<ResetClient | null>;
  /** The client serving an unauthenticated legacy API (one of EXCLUSIVE_LEGACY_APIS), if one is bound to it. */
  findLegacyBinding(api: LegacyApi): Promise<ResetClient | null>;
  /** Where an active client's webhooks go and the key that signs them, or null when it has none. */
  webhookTarget(clientId: string): Promise<{ url: string; signingKey: string } | null>;
  /** An active client with its current credentials version (one read), or null when it is gone or revoked. */
  findWithCredentialsVersion(clientId: string): Promise<{ client: ResetClient; credentialsVersion: number } | null>;
}
