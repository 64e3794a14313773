import type { Check } from '../check.js';
import { mismatch, type ProbedResponse } from '../http-probe.js';
import { json, openApiCheck } from './openapi-check.js';

const RESET = '/api/5.0/user/reset_password';
const operation = ['/api/{version}/user/reset_password', 'post'] as const;

/** Every Traffic Ops answer carries the base64 SHA-512 of its exact body bytes. */
async function wholeContentProblems(response: ProbedResponse): Promise<string[]> {
  const digest = await crypto.subtle.digest('SHA-512', new TextEncoder().encode(response.text));
  const expected = btoa(String.fromCharCode(...new Uint8Array(digest)));
  const sent = response.headers.get('whole-content-sha512');
  return sent === expected ? [] : [mismatch('Whole-Content-Sha512', expected, sent)];
}

/** Apache Traffic Ops `user/reset_password` (no authentication; served by the bound client). */
export const TRAFFICOPS_CHECKS: readonly Check[] = [
  openApiCheck({
    contract: 'trafficops',
    id: 'trafficops.reset.malformed',
    title: 'POST /api/5.0/user/reset_password with a body that is not an address answers 400 alerts',
    request: () => ({ path: RESET, ...json({ email: 'not an address' }) }),
    statuses: [400],
    documentedAs: { operation },
    inspect: wholeContentProblems,
  }),
  openApiCheck({
    contract: 'trafficops',
    id: 'trafficops.reset.unknown-account',
    title: 'POST /api/5.0/user/reset_password for an address with no account answers 404 alerts (200 when hidden)',
    request: () => ({ path: RESET, ...json({ email: `contract-verify-${Date.now()}@example.invalid` }) }),
    statuses: [404, 200],
    documentedAs: { operation },
    inspect: wholeContentProblems,
  }),
  openApiCheck({
    contract: 'trafficops',
    id: 'trafficops.unknown-path',
    title: 'An unknown path under /api/5.0 answers 404 "The requested path … does not exist."',
    request: () => ({ path: '/api/5.0/contract_verify_no_such_thing' }),
    statuses: [404],
    documentedAs: { component: 'NotFound' },
    inspect: wholeContentProblems,
  }),
  openApiCheck({
    contract: 'trafficops',
    id: 'trafficops.reset.owned-address',
    title: 'POST /api/5.0/user/reset_password for the operator’s own address answers 200 success (sends a mail)',
    mutates: true,
    request: (context) => ({ path: RESET, ...json({ email: context.email }) }),
    statuses: [200],
    documentedAs: { operation },
    inspect: wholeContentProblems,
  }),
];
