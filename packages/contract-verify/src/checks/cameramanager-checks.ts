import type { Check } from '../check.js';
import { json, openApiCheck } from './openapi-check.js';

const RESETS = '/rest/v2.0/passwordResets';
const operation = ['/passwordResets', 'post'] as const;
const bearer = async (context: { accessToken(): Promise<string> }) => ({ authorization: `Bearer ${await context.accessToken()}` });
const oauthError = (expected: string) => (response: { json: unknown; headers: Headers }) => [
  ...((response.json as { error?: unknown } | undefined)?.error === expected ? [] : [`error is not "${expected}"`]),
  ...(/^Bearer /.test(response.headers.get('www-authenticate') ?? '') ? [] : ['no WWW-Authenticate: Bearer challenge']),
];

/** Cameramanager API v2.0: `POST /rest/v2.0/passwordResets` with a client token. */
export const CAMERAMANAGER_CHECKS: readonly Check[] = [
  openApiCheck({
    contract: 'cameramanager',
    id: 'cameramanager.reset.unauthenticated',
    title: 'POST /rest/v2.0/passwordResets without a token answers 401 OAuth2Error "unauthorized"',
    request: () => ({ path: RESETS, ...json({ email: 'contract-verify@example.invalid' }) }),
    statuses: [401],
    documentedAs: { operation },
    inspect: oauthError('unauthorized'),
  }),
  openApiCheck({
    contract: 'cameramanager',
    id: 'cameramanager.reset.invalid-token',
    title: 'POST /rest/v2.0/passwordResets with a bad token answers 401 OAuth2Error "invalid_token"',
    request: () => ({
      path: RESETS,
      ...json({ email: 'contract-verify@example.invalid' }, { authorization: 'Bearer contract-verify-not-a-token' }),
    }),
    statuses: [401],
    documentedAs: { operation },
    inspect: oauthError('invalid_token'),
  }),
  openApiCheck({
    contract: 'cameramanager',
    id: 'cameramanager.reset.validation',
    title: 'POST /rest/v2.0/passwordResets without an email answers 400 Error',
    request: async (context) => ({ path: RESETS, ...json({}, await bearer(context)) }),
    statuses: [400],
    documentedAs: { operation },
  }),
  openApiCheck({
    contract: 'cameramanager',
    id: 'cameramanager.reset.unsupported-media-type',
    title: 'POST /rest/v2.0/passwordResets with a non-JSON body answers 415 Error',
    request: async (context) => ({
      path: RESETS,
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...(await bearer(context)) },
      body: 'email=contract-verify@example.invalid',
    }),
    statuses: [415],
    documentedAs: { operation },
  }),
  openApiCheck({
    contract: 'cameramanager',
    id: 'cameramanager.reset.not-acceptable',
    title: 'POST /rest/v2.0/passwordResets with an Accept that excludes JSON answers 406 Error',
    request: async (context) => ({
      path: RESETS,
      ...json({ email: 'contract-verify@example.invalid' }, { ...(await bearer(context)), accept: 'application/xml' }),
    }),
    statuses: [406],
    documentedAs: { operation },
  }),
  openApiCheck({
    contract: 'cameramanager',
    id: 'cameramanager.reset.unknown-account',
    title: 'POST /rest/v2.0/passwordResets for an address with no account answers 404 Error (204 when unknown accounts are hidden)',
    request: async (context) => ({
      path: RESETS,
      ...json({ email: `contract-verify-${Date.now()}@example.invalid` }, await bearer(context)),
    }),
    statuses: [404, 204],
    documentedAs: { operation },
  }),
  openApiCheck({
    contract: 'cameramanager',
    id: 'cameramanager.unknown-path',
    title: 'An unknown path under /rest/v2.0 answers 404 in the Error envelope',
    request: () => ({ path: '/rest/v2.0/contractVerifyNoSuchThing' }),
    statuses: [404],
    documentedAs: { component: 'unknownPath' },
  }),
  openApiCheck({
    contract: 'cameramanager',
    id: 'cameramanager.reset.owned-address',
    title: 'POST /rest/v2.0/passwordResets for the operator’s own address answers 204 (sends a mail)',
    mutates: true,
    request: async (context) => ({ path: RESETS, ...json({ email: context.email }, await bearer(context)) }),
    statuses: [204],
    documentedAs: { operation },
  }),
];
