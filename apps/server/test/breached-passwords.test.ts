import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@pwreset/contract/router';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServiceMetrics, type ServiceMetrics } from '../src/metrics/service-metrics.js';
import { startFakeRangeApi, sha1Hex, type FakeRangeApi } from './support/fake-range-api.js';
import { parsePrometheusText, sampleValue } from './support/prometheus-text.js';
import { registerClient, secretFromMail, startTestServer, type TestServer } from './support/test-server.js';

// PWNED_PASSWORDS_URL against a local range API: a breached password is refused as BREACHED on
// every path; the API learns five hex digits; an API that hangs or fails never blocks a reset.

/** Breached, but on no local list and long enough: only the range API can refuse it. */
const BREACHED = 'tangerine submarine 1987';
/** In the range only as Add-Padding's count-0 lines. */
const PADDED = 'padded but never breached';
const GOOD = 'a passphrase nobody has leaked';
const TIMEOUT_MS = 300;

function reasonsOf(error: unknown): unknown {
  return error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data : undefined;
}

describe('breached passwords through a k-anonymity range API', () => {
  let rangeApi: FakeRangeApi;
  let server: TestServer;
  let metrics: ServiceMetrics;
  let users = 0;

  beforeAll(async () => {
    rangeApi = await startFakeRangeApi({ breached: { [BREACHED]: 3730 }, padded: [PADDED] });
    metrics = createServiceMetrics();
    server = await startTestServer({ PWNED_PASSWORDS_URL: `${rangeApi.url}/`, PWNED_PASSWORDS_TIMEOUT: `${TIMEOUT_MS}ms` }, { metrics });
  });
  afterAll(async () => {
    await server?.close();
    await rangeApi?.close();
  });
  beforeEach(() => rangeApi.setMode('answer'));

  async function resetSecretForNewUser(): Promise<{ email: string; userId: string; secret: string }> {
    users += 1;
    const email = `breach${users}@example.com`;
    const created = await server.users.createUser({ email, password: 'the old passphrase' });
    if (!created.created) throw new Error('user exists');
    await server.trpc.passwordReset.request.mutate({ email });
    const mail = (await server.mails()).find((candidate) => candidate.to === email && candidate.kind === 'password-reset');
    if (!mail) throw new Error(`no reset mail for ${email}`);
    return { email, userId: created.userId, secret: secretFromMail(mail) };
  }

  async function failureCount(reason: string): Promise<number> {
    const samples = parsePrometheusText(await metrics.registry.metrics());
    return sampleValue(samples, 'pwreset_breach_check_failures_total', { reason }) ?? 0;
  }

  it('refuses a breached password as BREACHED over tRPC, and the link still takes a good one', async () => {
    const { userId, secret } = await resetSecretForNewUser();
    const refused = await server.publicTrpc.passwordReset.complete
      .mutate({ token: secret, password: BREACHED })
      .catch((error: unknown) => error);
    expect(reasonsOf(refused)).toMatchObject({ resetCode: 'PASSWORD_REJECTED', reasons: ['BREACHED'] });

    expect(await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: GOOD })).toEqual({ completed: true });
    expect(await server.users.verifyPassword(userId, GOOD)).toBe(true);
  });

  it('sends only the first five hex digits of the SHA-1, uppercase, with Add-Padding: true', async () => {
    const before = rangeApi.requests.length;
    const { secret } = await resetSecretForNewUser();
    await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: BREACHED }).catch(() => undefined);

    const sent = rangeApi.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe(`/range/${sha1Hex(BREACHED).slice(0, 5)}`);
    expect(sent[0]?.url).toMatch(/^\/range\/[0-9A-F]{5}$/);
    expect(sent[0]?.headers['add-padding']).toBe('true');
    // Neither the password nor any more of its hash went anywhere in the request.
    const wholeRequest = JSON.stringify(sent[0]);
    expect(wholeRequest).not.toContain(sha1Hex(BREACHED).slice(5, 15));
    expect(wholeRequest).not.toContain(BREACHED);
  });

  it('ignores padding entries (count 0): a password only in the padding is accepted', async () => {
    const { secret, userId } = await resetSecretForNewUser();
    expect(await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: PADDED })).toEqual({ completed: true });
    expect(await server.users.verifyPassword(userId, PADDED)).toBe(true);
  });

  it('never asks the range API about a password the local list already refuses', async () => {
    const before = rangeApi.requests.length;
    const { secret } = await resetSecretForNewUser();
    const refused = await server.publicTrpc.passwordReset.complete
      .mutate({ token: secret, password: 'password1' })
      .catch((error: unknown) => error);
    expect(reasonsOf(refused)).toMatchObject({ reasons: ['COMMON'] });
    expect(rangeApi.requests.length).toBe(before);
  });

  for (const [mode, reason] of [
    ['hang', 'timeout'],
    ['error', 'status'],
  ] as const) {
    it(`when the range API ${mode === 'hang' ? 'hangs' : 'answers 500'}, the local list decides, the failure is counted (${reason}), and a good password completes`, async () => {
      rangeApi.setMode(mode);
      const { secret, userId } = await resetSecretForNewUser();
      const failuresBefore = await failureCount(reason);

      const common = await server.publicTrpc.passwordReset.complete
        .mutate({ token: secret, password: 'password1' })
        .catch((error: unknown) => error);
      expect(reasonsOf(common)).toMatchObject({ reasons: ['COMMON'] });
      expect(await failureCount(reason)).toBe(failuresBefore);

      expect(await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: GOOD })).toEqual({ completed: true });
      expect(await server.users.verifyPassword(userId, GOOD)).toBe(true);
      expect(await failureCount(reason)).toBe(failuresBefore + 1);
    });
  }

  it('refuses a breached password on the Teen Quotes route as wrong_password, and takes a good one', async () => {
    const teenQuotes = await registerClient(server.composed, server.url, { name: 'Teen Quotes', legacyApis: ['teenquotes'] });
    const token = await fetch(`${server.url}/oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: teenQuotes.clientId,
        client_secret: teenQuotes.clientSecret,
      }),
    }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    const post = (path: string, parameters: Record<string, string>) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
        body: new URLSearchParams(parameters),
      }).then(async (response) => [response.status, await response.json()] as const);

    users += 1;
    const email = `teen-breach${users}@example.com`;
    const created = await server.users.createUser({ email, password: 'the old passphrase' });
    if (!created.created) throw new Error('user exists');
    const [remindStatus] = await post('/v1/password/remind', { email });
    expect(remindStatus).toBe(200);
    const mail = (await server.mails()).find((candidate) => candidate.to === email && candidate.kind === 'password-reset');
    const resetToken = secretFromMail(mail!);
    const before = rangeApi.requests.length;

    const [status, body] = await post('/v1/password/reset', { email, token: resetToken, password: BREACHED });
    expect(body).toEqual({ status: 'wrong_password', error: 'The password is wrong.' });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(rangeApi.requests.length).toBe(before + 1);
    expect(await server.users.verifyPassword(created.userId, 'the old passphrase')).toBe(true);

    expect(await post('/v1/password/reset', { email, token: resetToken, password: GOOD })).toEqual([
      200,
      { status: 'password_reset', success: 'The new password has been set.' },
    ]);
  });
});
