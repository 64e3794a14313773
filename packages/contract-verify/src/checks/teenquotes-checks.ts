import type { Check, VerificationContext } from '../check.js';
import { probe, type ProbedResponse } from '../http-probe.js';
import { openApiCheck } from './openapi-check.js';

const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});

const tokens = new WeakMap<VerificationContext, Promise<string>>();

/** Teen Quotes clients get their token at its own `/oauth`, once per verification run. */
function teenQuotesToken(context: VerificationContext): Promise<string> {
  let token = tokens.get(context);
  if (!token) {
    token = probe(
      context.fetch,
      `${context.baseUrl}/oauth`,
      form({ grant_type: 'client_credentials', client_id: context.clientId, client_secret: context.clientSecret }),
    ).then((response) => {
      const accessToken = (response.json as { access_token?: unknown } | undefined)?.access_token;
      if (typeof accessToken !== 'string') throw new Error(`/oauth gave no access token for these credentials (status ${response.status})`);
      return accessToken;
    });
    tokens.set(context, token);
  }
  return token;
}

const field = (name: string, expected: unknown) => (response: ProbedResponse) => {
  const value = (response.json as Record<string, unknown> | undefined)?.[name];
  return value === expected ? [] : [`${name} is ${JSON.stringify(value)}, expected ${JSON.stringify(expected)}`];
};

/** Teen Quotes API v1: `/oauth`, `/v1/password/remind`, `/v1/password/reset`. */
export const TEENQUOTES_CHECKS: readonly Check[] = [
  openApiCheck({
    contract: 'teenquotes',
    id: 'teenquotes.oauth.token',
    title: 'POST /oauth issues a bearer token with expires and expires_in',
    request: (context) => ({
      path: '/oauth',
      ...form({ grant_type: 'client_credentials', client_id: context.clientId, client_secret: context.clientSecret }),
    }),
    statuses: [200],
    documentedAs: { operation: ['/oauth', 'post'] },
    inspect: field('token_type', 'bearer'),
  }),
  openApiCheck({
    contract: 'teenquotes',
    id: 'teenquotes.oauth.invalid-client',
    title: 'POST /oauth refuses a wrong secret with 401 invalid_client',
    request: (context) => ({
      path: '/oauth',
      ...form({ grant_type: 'client_credentials', client_id: context.clientId, client_secret: `${context.clientSecret}-wrong` }),
    }),
    statuses: [401],
    documentedAs: { operation: ['/oauth', 'post'] },
    inspect: field('error', 'invalid_client'),
  }),
  openApiCheck({
    contract: 'teenquotes',
    id: 'teenquotes.remind.missing-token',
    title: 'POST /v1/password/remind without a token answers 401 "Access token is missing"',
    request: () => ({ path: '/v1/password/remind', ...form({ email: 'contract-verify@example.invalid' }) }),
    statuses: [401],
    documentedAs: { operation: ['/v1/password/remind', 'post'] },
    inspect: field('error_message', 'Access token is missing'),
  }),
  openApiCheck({
    contract: 'teenquotes',
    id: 'teenquotes.remind.invalid-token',
    title: 'POST /v1/password/remind with a bad token answers 401 "Access token is not valid"',
    request: () => ({
      path: '/v1/password/remind',
      ...form({ email: 'contract-verify@example.invalid', access_token: 'contract-verify-not-a-token' }),
    }),
    statuses: [401],
    documentedAs: { operation: ['/v1/password/remind', 'post'] },
    inspect: field('error_message', 'Access token is not valid'),
  }),
  openApiCheck({
    contract: 'teenquotes',
    id: 'teenquotes.remind.unknown-account',
    title: 'POST /v1/password/remind for an address with no account answers 400 wrong_user (200 when hidden)',
    request: async (context) => ({
      path: '/v1/password/remind',
      ...form({ email: `contract-verify-${Date.now()}@example.invalid` }, { authorization: `Bearer ${await teenQuotesToken(context)}` }),
    }),
    statuses: [400, 200],
    documentedAs: { operation: ['/v1/password/remind', 'post'] },
  }),
  openApiCheck({
    contract: 'teenquotes',
    id: 'teenquotes.reset.wrong-user',
    title: 'POST /v1/password/reset for an address with no account answers 400 wrong_user',
    request: async (context) => ({
      path: '/v1/password/reset',
      ...form(
        { email: `contract-verify-${Date.now()}@example.invalid`, token: 'contract-verify', password: 'contract verify passphrase' },
        { authorization: `Bearer ${await teenQuotesToken(context)}` },
      ),
    }),
    statuses: [400],
    documentedAs: { operation: ['/v1/password/reset', 'post'] },
    inspect: field('status', 'wrong_user'),
  }),
  openApiCheck({
    contract: 'teenquotes',
    id: 'teenquotes.unknown-path',
    title: 'An unknown path under /v1 answers 404 in the Teen Quotes envelope',
    request: () => ({ path: '/v1/contract-verify-nothing' }),
    statuses: [404],
    documentedAs: { component: 'NotFound' },
  }),
  openApiCheck({
    contract: 'teenquotes',
    id: 'teenquotes.remind.owned-address',
    title: 'POST /v1/password/remind for the operator’s own address answers 200 reminder_sent (sends a mail)',
    mutates: true,
    needs: 'email',
    request: async (context) => ({
      path: '/v1/password/remind',
      ...form({ email: context.email ?? '' }, { authorization: `Bearer ${await teenQuotesToken(context)}` }),
    }),
    statuses: [200],
    documentedAs: { operation: ['/v1/password/remind', 'post'] },
    inspect: field('status', 'reminder_sent'),
  }),
];
