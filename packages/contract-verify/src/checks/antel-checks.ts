import { jsvBoolean, jsvNumber, parseJsvObject } from '@pwreset/jsv';
import type { Check } from '../check.js';
import type { ProbedResponse } from '../http-probe.js';
import { json, openApiCheck } from './openapi-check.js';

const RESET = '/user/password/reset';
const FORGOT = '/user/password/forgot';

/** JSV scalars are text: the DTO's value types become what the schema says before validation. */
function parseAntelBody(contentType: string, body: string): unknown {
  if (contentType !== 'text/jsv') return JSON.parse(body);
  const dto: Record<string, unknown> = { ...parseJsvObject(body) };
  if (typeof dto.systemUserId === 'string') dto.systemUserId = jsvNumber(dto.systemUserId);
  if (typeof dto.wasSuccessful === 'string') dto.wasSuccessful = jsvBoolean(dto.wasSuccessful);
  return dto;
}

const wasSuccessful = (expected: boolean | 'either') => (response: ProbedResponse) => {
  const value = (response.json as { wasSuccessful?: unknown } | undefined)?.wasSuccessful;
  return expected === 'either' || value === expected ? [] : [`wasSuccessful is ${String(value)}, expected ${String(expected)}`];
};

/** Antel (ServiceStack): `POST /user/password/forgot` and `/user/password/reset`, by API key. */
export const ANTEL_CHECKS: readonly Check[] = [
  openApiCheck({
    contract: 'antel',
    id: 'antel.forgot.missing-api-key',
    title: 'POST /user/password/forgot without an ApiKey answers 401 with responseStatus',
    request: () => ({ path: FORGOT, ...json({ EmailAddress: 'contract-verify@example.invalid' }) }),
    statuses: [401],
    documentedAs: { operation: [FORGOT, 'post'] },
  }),
  openApiCheck({
    contract: 'antel',
    id: 'antel.reset.validation',
    title: 'POST /user/password/reset without the required fields answers 400 with FluentValidation errors',
    needs: 'apiKey',
    request: (context) => ({ path: RESET, ...json({ ApiKey: context.apiKey }) }),
    statuses: [400],
    documentedAs: { operation: [RESET, 'post'] },
  }),
  openApiCheck({
    contract: 'antel',
    id: 'antel.reset.validation.jsv',
    title: 'The same refusal in JSV with ?format=jsv',
    needs: 'apiKey',
    request: (context) => ({
      path: `${RESET}?format=jsv`,
      method: 'POST',
      headers: { 'content-type': 'text/jsv' },
      body: `{ApiKey:${context.apiKey ?? ''}}`,
    }),
    statuses: [400],
    documentedAs: { operation: [RESET, 'post'] },
    parseBody: parseAntelBody,
  }),
  openApiCheck({
    contract: 'antel',
    id: 'antel.reset.unknown-temporary-password',
    title: 'POST /user/password/reset with a temporary password never issued answers 200 wasSuccessful: false',
    needs: 'apiKey',
    request: (context) => ({
      path: RESET,
      ...json({
        ApiKey: context.apiKey,
        TemporaryPassword: 'ZZZZZZZZZZ',
        Password: 'contract verify passphrase',
        PasswordConfirm: 'contract verify passphrase',
      }),
    }),
    statuses: [200],
    documentedAs: { operation: [RESET, 'post'] },
    inspect: wasSuccessful(false),
  }),
  openApiCheck({
    contract: 'antel',
    id: 'antel.forgot.unknown-account',
    title:
      'POST /user/password/forgot for an address with no account answers 200 (wasSuccessful: false unless unknown accounts are hidden)',
    needs: 'apiKey',
    request: (context) => ({
      path: FORGOT,
      ...json({ ApiKey: context.apiKey, EmailAddress: `contract-verify-${Date.now()}@example.invalid` }),
    }),
    statuses: [200],
    documentedAs: { operation: [FORGOT, 'post'] },
    inspect: wasSuccessful('either'),
  }),
  openApiCheck({
    contract: 'antel',
    id: 'antel.unknown-path',
    title: 'An unknown path under /user/password answers 404 in the response DTO',
    request: () => ({ path: '/user/password/contract-verify-nothing', ...json({}) }),
    statuses: [404],
    documentedAs: { component: 'NotFound' },
  }),
  openApiCheck({
    contract: 'antel',
    id: 'antel.forgot.owned-address',
    title: 'POST /user/password/forgot for the operator’s own address answers wasSuccessful: true (sends a temporary password)',
    mutates: true,
    needs: 'apiKey',
    request: (context) => ({ path: FORGOT, ...json({ ApiKey: context.apiKey, EmailAddress: context.email }) }),
    statuses: [200],
    documentedAs: { operation: [FORGOT, 'post'] },
    inspect: wasSuccessful(true),
  }),
];
