import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNDARY_ADDRESSES } from './legacy/support/long-addresses.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const HUGE = 'x'.repeat(100_000);
const LONG_BUT_UNDER_BODY_LIMIT = 'y'.repeat(5_000);

/** Bad inputs per procedure: missing fields, wrong types, oversize strings, unknown fields. */
const BAD_INPUTS: Record<string, unknown[]> = {
  'passwordReset.request': [
    {},
    { email: 42 },
    { email: null },
    { email: ['a@example.com'] },
    { email: 'not-an-address' },
    { email: `${HUGE}@example.com` },
    { email: `${LONG_BUT_UNDER_BODY_LIMIT}@example.com` },
    { email: 'a@example.com', locale: 17 },
    { email: 'a@example.com', locale: '../../etc/passwd' },
    { email: 'a@example.com', admin: true },
    'a@example.com',
    null,
  ],
  'passwordReset.inspect': [{}, { token: 1 }, { token: '' }, { token: HUGE }, { token: LONG_BUT_UNDER_BODY_LIMIT }, { token: ['x'] }, 7],
  'passwordReset.complete': [
    {},
    { token: 'A'.repeat(43) },
    { password: 'long-enough-password' },
    { token: 5, password: 'long-enough-password' },
    { token: 'A'.repeat(43), password: 12345678 },
    { token: 'A'.repeat(43), password: HUGE },
    { token: HUGE, password: 'long-enough-password' },
    { token: 'A'.repeat(43), password: LONG_BUT_UNDER_BODY_LIMIT },
    { token: 'A'.repeat(43), password: '' },
  ],
};

describe('bad input to every procedure', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  async function post(path: string, body: string, contentType = 'application/json') {
    const response = await fetch(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${server.client.accessToken}` },
      body,
    });
    return { status: response.status, text: await response.text() };
  }

  for (const [procedure, inputs] of Object.entries(BAD_INPUTS)) {
    it(`${procedure} answers every bad input with a 4xx and our error code, never a 5xx`, async () => {
      for (const input of inputs) {
        const { status, text } = await post(procedure, JSON.stringify(input));
        expect(status, `${procedure} ${JSON.stringify(input).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        const body = JSON.parse(text) as { error: { data: { resetCode: string }; message: string } };
        expect(['INVALID_INPUT', 'TOKEN_INVALID', 'PAYLOAD_TOO_LARGE']).toContain(body.error.data.resetCode);
        expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
      }
    });
  }

  it('accepts an address of 254 characters, and refuses one of 255, of 1,000, or that NFKC lengthens, as invalid input', async () => {
    const { 'of 254 characters': longest, ...tooLong } = BOUNDARY_ADDRESSES;
    const accepted = await post('passwordReset.request', JSON.stringify({ email: longest }));
    expect([accepted.status, JSON.parse(accepted.text)]).toEqual([200, { result: { data: { accepted: true } } }]);
    for (const [shape, email] of Object.entries(tooLong)) {
      const { status, text } = await post('passwordReset.request', JSON.stringify({ email }));
      const { resetCode } = (JSON.parse(text) as { error: { data: { resetCode: string } } }).error.data;
      expect([status, resetCode], `an address ${shape}`).toEqual([400, 'INVALID_INPUT']);
    }
  });

  it('answers malformed JSON, an empty body and a 100 kB body with a 4xx', async () => {
    for (const body of ['{"email":', '', `{"email":"${HUGE}"}`]) {
      const { status, text } = await post('passwordReset.request', body);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(text).toContain('resetCode');
    }
    expect((await post('passwordReset.request', `{"email":"${HUGE}"}`)).status).toBe(413);
  });

  it('refuses the mutations over GET, so a secret is never put in a URL', async () => {
    const response = await fetch(
      `${server.url}/trpc/passwordReset.inspect?input=${encodeURIComponent(JSON.stringify({ token: 'A'.repeat(43) }))}`,
    );
    expect(response.status).toBe(405);
  });

  it('answers an unknown procedure and an unknown path as JSON 404s', async () => {
    expect((await post('passwordReset.nope', '{}')).status).toBe(404);
    const response = await fetch(`${server.url}/no/such/route`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'NOT_FOUND', message: 'No such route.' });
  });

  it('changes nothing: bad completions leave the password and mailbox as they were', async () => {
    const created = await server.users.createUser({ email: 'steady@example.com', password: 'steady-password-1' });
    if (!created.created) throw new Error('exists');
    const mailsBefore = await server.mails();
    for (const input of BAD_INPUTS['passwordReset.complete']!) await post('passwordReset.complete', JSON.stringify(input));
    for (const input of BAD_INPUTS['passwordReset.request']!) await post('passwordReset.request', JSON.stringify(input));
    expect(await server.users.verifyPassword(created.userId, 'steady-password-1')).toBe(true);
    expect(await server.mails()).toEqual(mailsBefore);
  });

  it('describes the policy to anyone', async () => {
    const response = await fetch(`${server.url}/trpc/passwordReset.policy`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const body = (await response.json()) as { result: { data: { minLength: number; maxLength: number } } };
    expect(body.result.data.minLength).toBe(8);
    expect(body.result.data.maxLength).toBeGreaterThanOrEqual(64);
  });
});
