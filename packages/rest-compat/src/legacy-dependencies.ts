import type { LegacyApi, LegacyEngineOptions, Requester, ResetClient, ResetPorts } from '@pwreset/contract/engine';
import type { Request } from 'express';

/**
 * How an access token's text looks: `pwreset`, ours (`pwat_` and 43 base64url characters); or
 * `league-oauth2-server`, the 40 characters of [A-Za-z0-9] that league/oauth2-server 2.1 issued,
 * which Teen Quotes' clients may validate. Either is unguessable and stored only as a keyed hash.
 */
export type AccessTokenShape = 'pwreset' | 'league-oauth2-server';

/** What the legacy routers need from the server: the engine's ports and client authentication. */
export interface LegacyDependencies {
  readonly ports: ResetPorts;
  readonly clients: {
    /** The active client with this API key (Antel's `ApiKey`), or null. */
    findByApiKey(apiKey: string): Promise<ResetClient | null>;
    /** The one active client serving an unauthenticated legacy API (Traffic Ops), or null. */
    findLegacyBinding(api: LegacyApi): Promise<ResetClient | null>;
    /** The client when the secret is its current one, else null (constant-time). */
    authenticateSecret(clientId: string, clientSecret: string): Promise<{ client: ResetClient; credentialsVersion: number } | null>;
  };
  readonly accessTokens: {
    /** A new access token, stored only as a keyed hash; its text in `shape` (default `pwreset`). */
    issue(clientId: string, credentialsVersion: number, shape?: AccessTokenShape): Promise<{ accessToken: string; expiresIn: number }>;
    /** The client an access token was issued to, while it is valid; else null. */
    verify(accessToken: string): Promise<ResetClient | null>;
  };
  /** Handed to every engine call as is (LEGACY_HIDE_UNKNOWN_ACCOUNTS): the engine answers, routes only render. */
  readonly engineOptions: LegacyEngineOptions;
  /** The caller as the network sees it (socket, or a trusted proxy's X-Forwarded-For). */
  readonly requesterOf: (req: Request) => Requester;
  /** Unexpected failures only; never given a request body. */
  readonly logError: (error: unknown, context: string) => void;
}

/** Bodies larger than this are refused, in each API's own envelope. */
export const LEGACY_MAX_BODY_BYTES = 16 * 1024;
