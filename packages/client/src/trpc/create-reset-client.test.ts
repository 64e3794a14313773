import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerWith, mockProcedure, refuseWith } from '../testing/trpc-msw.js';
import { createPublicResetClient, createResetClient } from './create-reset-client.js';
import { isResetError, resetErrorCode } from './reset-errors.js';

const BASE_URL = 'https://reset.example.com';
let issued = 0;
let tokenLifetime = 3600;
const validTokens = new Set<string>();

const tokenEndpoint = http.post(`${BASE_URL}/oauth/token`, async ({ request }) => {
  const expected = `Basic ${btoa('cl_app:pwcs_secret')}`;
  if (request.headers.get('authorization') !== expected || (await request.text()) !== 'grant_type=client_credentials') {
    return HttpResponse.json({ error: 'invalid_client', error_description: 'Client authentication failed.' }, { status: 401 });
  }
  issued += 1;
  const token = `pwat_${issued}`;
  validTokens.add(token);
  return HttpResponse.json({ access_token: token, token_type: 'bearer', expires_in: tokenLifetime, scope: 'password-reset' });
});

const requestProcedure = mockProcedure(BASE_URL, 'request', ({ authorization }) =>
  validTokens.has(authorization?.replace('Bearer ', '') ?? '') ? answerWith({ accepted: true }) : refuseWith('UNAUTHORIZED', 401),
);

const server = setupServer(tokenEndpoint, requestProcedure);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  issued = 0;
  tokenLifetime = 3600;
  validTokens.clear();
});
afterAll(() => server.close());

const credentials = { baseUrl: BASE_URL, clientId: 'cl_app', clientSecret: 'pwcs_secret' };

describe('createResetClient', () => {
  it('fetches one token for many concurrent calls, and reuses it', async () => {
    const client = createResetClient(credentials);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => client.passwordReset.request.mutate({ email: `u${index}@example.com` })),
    );
    expect(answers).toEqual(Array.from({ length: 10 }, () => ({ accepted: true })));
    await client.passwordReset.request.mutate({ email: 'later@example.com' });
    expect(issued).toBe(1);
  });

  it('refreshes a token before it expires', async () => {
    tokenLifetime = 20; // shorter than the 30 s safety margin: every call needs a new token
    const client = createResetClient(credentials);
    await client.passwordReset.request.mutate({ email: 'a@example.com' });
    await client.passwordReset.request.mutate({ email: 'b@example.com' });
    expect(issued).toBe(2);
  });

  it('retries once with a fresh token when the service refuses the cached one (revoked, rotated)', async () => {
    const client = createResetClient(credentials);
    await client.passwordReset.request.mutate({ email: 'a@example.com' });
    validTokens.clear();
    await expect(client.passwordReset.request.mutate({ email: 'b@example.com' })).resolves.toEqual({ accepted: true });
    expect(issued).toBe(2);
  });

  it('gives up after one retry, with an error narrowed by code', async () => {
    server.use(mockProcedure(BASE_URL, 'request', () => ({ error: 'UNAUTHORIZED', httpStatus: 401 })));
    const client = createResetClient(credentials);
    const error = await client.passwordReset.request.mutate({ email: 'a@example.com' }).catch((caught: unknown) => caught);
    expect(isResetError(error, 'UNAUTHORIZED')).toBe(true);
    expect(isResetError(error, 'TOKEN_INVALID')).toBe(false);
    expect(issued).toBe(2);
  });

  it('uses the caller’s own token source when given one', async () => {
    validTokens.add('pwat_from_vault');
    const client = createResetClient({ baseUrl: BASE_URL, getAccessToken: async () => 'pwat_from_vault' });
    await expect(client.passwordReset.request.mutate({ email: 'a@example.com' })).resolves.toEqual({ accepted: true });
    expect(issued).toBe(0);
  });
});

describe('createPublicResetClient', () => {
  it('calls the public procedures without credentials, narrowing refusals by code', async () => {
    server.use(
      mockProcedure(BASE_URL, 'complete', ({ input, authorization }) =>
        authorization === null && input.password.length >= 8
          ? answerWith({ completed: true })
          : refuseWith('PASSWORD_REJECTED', 422, ['TOO_SHORT']),
      ),
    );
    const client = createPublicResetClient({ baseUrl: BASE_URL });
    await expect(client.passwordReset.complete.mutate({ token: 'A'.repeat(43), password: 'long enough' })).resolves.toEqual({
      completed: true,
    });
    const error = await client.passwordReset.complete
      .mutate({ token: 'A'.repeat(43), password: 'short' })
      .catch((caught: unknown) => caught);
    expect(resetErrorCode(error)).toBe('PASSWORD_REJECTED');
    if (isResetError(error, 'PASSWORD_REJECTED')) expect(error.data.reasons).toEqual(['TOO_SHORT']);
  });
});
