import { describe, expect, it } from 'vitest';
import { createDisputeApiClient } from './dispute-api.js';

const SECRET = 'q9Zk3N0s-Vh_2uYw8bXcLmPdRtEaGfJo1iKnUvWy4z7';

function fakeFetch(answer: () => Response): { fetch: typeof fetch; calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchStub = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), init: init ?? {} });
    return answer();
  };
  return { fetch: fetchStub as typeof fetch, calls };
}

describe('the dispute API client', () => {
  it('POSTs the secret to passwordReset.dispute in the body only, and reads until when resets are locked', async () => {
    const lockedUntil = '2030-01-02T00:00:00.000Z';
    const { fetch, calls } = fakeFetch(() => Response.json({ result: { data: { disputed: true, lockedUntil } } }));
    const api = createDisputeApiClient({ apiBaseUrl: 'https://reset.example.com/', fetch });
    expect(await api.dispute(SECRET)).toEqual({ ok: true, value: { disputed: true, lockedUntil } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://reset.example.com/trpc/passwordReset.dispute');
    expect(calls[0]?.url).not.toContain(SECRET);
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      body: JSON.stringify({ token: SECRET }),
    });
  });

  it('passes on the API’s code, and calls an answer without lockedUntil our bug', async () => {
    const used = fakeFetch(() =>
      Response.json({ error: { message: 'x', code: -32600, data: { httpStatus: 400, resetCode: 'TOKEN_USED' } } }, { status: 400 }),
    );
    expect(await createDisputeApiClient({ apiBaseUrl: 'https://r.example', fetch: used.fetch }).dispute(SECRET)).toEqual({
      ok: false,
      failure: { code: 'TOKEN_USED', reasons: [] },
    });
    const odd = fakeFetch(() => Response.json({ result: { data: { disputed: true } } }));
    expect(await createDisputeApiClient({ apiBaseUrl: 'https://r.example', fetch: odd.fetch }).dispute(SECRET)).toEqual({
      ok: false,
      failure: { code: 'INTERNAL_ERROR', reasons: [] },
    });
  });
});
