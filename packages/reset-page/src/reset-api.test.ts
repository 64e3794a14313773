import { RESET_ERROR_CODES } from '@pwreset/contract';
import { describe, expect, it } from 'vitest';
import { createResetApiClient, failureFrom } from './reset-api.js';

const SECRET = 'q9Zk3N0s-Vh_2uYw8bXcLmPdRtEaGfJo1iKnUvWy4z7';
const DETAILS = {
  expiresAt: '2030-01-01T00:00:00.000Z',
  maskedEmail: 'j***@example.com',
  applicationName: 'Acme',
  policy: {
    minLength: 8,
    maxLength: 128,
    refusesCommonPasswords: true,
    refusesContextWords: true,
    refusesCurrentPassword: true,
    reasons: [],
  },
};

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function fakeFetch(answer: () => Response | Promise<Response>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchStub = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), init: init ?? {} });
    return answer();
  };
  return { fetch: fetchStub as typeof fetch, calls };
}

function trpcError(status: number, data: Record<string, unknown>): Response {
  return Response.json({ error: { message: 'fixed text', code: -32600, data: { httpStatus: status, ...data } } }, { status });
}

describe('the reset API client', () => {
  it('posts the secret in the body, without cookies, cache or Referer', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ result: { data: DETAILS } }));
    const api = createResetApiClient({ apiBaseUrl: 'https://reset.example.com/', fetch });
    expect(await api.inspect(SECRET)).toEqual({ ok: true, value: DETAILS });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('https://reset.example.com/trpc/passwordReset.inspect');
    expect(call?.url).not.toContain(SECRET);
    expect(call?.init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: SECRET }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  });

  it('completes with the secret and the password', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ result: { data: { completed: true } } }));
    const api = createResetApiClient({ apiBaseUrl: 'https://reset.example.com', fetch });
    expect(await api.complete(SECRET, 'a new passphrase')).toEqual({ ok: true, value: { completed: true } });
    expect(calls[0]?.url).toBe('https://reset.example.com/trpc/passwordReset.complete');
    expect(calls[0]?.init.body).toBe(JSON.stringify({ token: SECRET, password: 'a new passphrase' }));
  });

  it('reads our code and the refusal reasons from a tRPC error', async () => {
    const { fetch } = fakeFetch(() =>
      trpcError(422, { resetCode: 'PASSWORD_REJECTED', reasons: ['COMMON', 'CONTEXTUAL', 'NOT_A_REASON'] }),
    );
    const api = createResetApiClient({ apiBaseUrl: 'https://reset.example.com', fetch });
    expect(await api.complete(SECRET, 'password123')).toEqual({
      ok: false,
      failure: { code: 'PASSWORD_REJECTED', reasons: ['COMMON', 'CONTEXTUAL'] },
    });
  });

  it.each(RESET_ERROR_CODES.filter((code) => code !== 'INVALID_INPUT'))('passes %s through', async (resetCode) => {
    const { fetch } = fakeFetch(() => trpcError(400, { resetCode }));
    const api = createResetApiClient({ apiBaseUrl: 'https://reset.example.com', fetch });
    expect(await api.inspect(SECRET)).toEqual({ ok: false, failure: { code: resetCode, reasons: [] } });
  });

  it('keeps the byte limit of the link’s directory, and refuses one it cannot read', async () => {
    const withBytes = { ...DETAILS, policy: { ...DETAILS.policy, maxBytes: 72 } };
    const api = createResetApiClient({
      apiBaseUrl: 'https://reset.example',
      fetch: fakeFetch(() => Response.json({ result: { data: withBytes } })).fetch,
    });
    expect(await api.inspect(SECRET)).toMatchObject({ ok: true, value: { policy: { maxBytes: 72 } } });
    const plain = createResetApiClient({
      apiBaseUrl: 'https://reset.example',
      fetch: fakeFetch(() => Response.json({ result: { data: DETAILS } })).fetch,
    });
    expect(await plain.inspect(SECRET)).toEqual({ ok: true, value: DETAILS });
    const unreadable = { ...DETAILS, policy: { ...DETAILS.policy, maxBytes: '72' } };
    const refused = createResetApiClient({
      apiBaseUrl: 'https://reset.example',
      fetch: fakeFetch(() => Response.json({ result: { data: unreadable } })).fetch,
    });
    expect(await refused.inspect(SECRET)).toMatchObject({ ok: false });
  });

  it('reports a failed fetch as a network error', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const api = createResetApiClient({ apiBaseUrl: 'https://reset.example.com', fetch });
    expect(await api.inspect(SECRET)).toEqual({ ok: false, failure: { code: 'NETWORK_ERROR', reasons: [] } });
  });

  it('refuses an answer that does not look like the contract', async () => {
    const { fetch } = fakeFetch(() => Response.json({ result: { data: { maskedEmail: 'x' } } }));
    const api = createResetApiClient({ apiBaseUrl: 'https://reset.example.com', fetch });
    expect(await api.inspect(SECRET)).toEqual({ ok: false, failure: { code: 'INTERNAL_ERROR', reasons: [] } });
  });
});

describe('failureFrom', () => {
  it('falls back on the status when a proxy answered instead of the API', () => {
    expect(failureFrom(429, undefined).code).toBe('TOO_MANY_REQUESTS');
    expect(failureFrom(502, undefined).code).toBe('SERVICE_UNAVAILABLE');
    expect(failureFrom(503, 'not json').code).toBe('SERVICE_UNAVAILABLE');
    expect(failureFrom(500, undefined).code).toBe('INTERNAL_ERROR');
  });

  it('shows a code newer than the page as INTERNAL_ERROR, and unreadable input as an invalid link', () => {
    expect(failureFrom(400, { error: { data: { resetCode: 'TOKEN_FROM_THE_FUTURE' } } }).code).toBe('INTERNAL_ERROR');
    expect(failureFrom(400, { error: { data: { resetCode: 'hasOwnProperty' } } }).code).toBe('INTERNAL_ERROR');
    expect(failureFrom(400, { error: { data: { resetCode: 'INVALID_INPUT' } } }).code).toBe('TOKEN_INVALID');
  });

  it('keeps a locked link locked, rather than something that went wrong on our side', () => {
    expect(failureFrom(400, { error: { data: { resetCode: 'TOKEN_LOCKED' } } })).toEqual({ code: 'TOKEN_LOCKED', reasons: [] });
  });
});
