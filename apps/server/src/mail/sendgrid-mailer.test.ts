import { describeMailerConformance } from '@pwreset/contract/testing/conformance';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendGridMailer } from './sendgrid-mailer.js';

const API_URL = 'https://sendgrid.test';
const received: Array<{ url: string; authorization: string | null; body: Record<string, unknown>; accepted: boolean }> = [];
let answerStatus = 202;

// msw stands in for SendGrid, a service outside our process; loopback goes through untouched.
const sendgrid = setupServer(
  http.post(`${API_URL}/v3/mail/send`, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    received.push({ url: request.url, authorization: request.headers.get('authorization'), body, accepted: answerStatus === 202 });
    return answerStatus === 202
      ? new HttpResponse(null, { status: 202 })
      : HttpResponse.json({ errors: [{ message: 'bad' }] }, { status: answerStatus });
  }),
);

beforeAll(() =>
  sendgrid.listen({ onUnhandledRequest: (request, print) => (new URL(request.url).hostname === '127.0.0.1' ? undefined : print.error()) }),
);
afterEach(() => {
  received.length = 0;
  answerStatus = 202;
});
afterAll(() => sendgrid.close());

const mailer = sendGridMailer({ apiKey: 'SG.key', apiUrl: API_URL, from: 'reset@example.com' });
const resetMail = {
  kind: 'password-reset',
  to: 'jane@example.com',
  recipientName: 'Jane',
  locale: 'en',
  applicationName: 'Acme',
  resetLink: `https://reset.example.com/reset#token=${'A'.repeat(43)}`,
  expiresAt: new Date('2026-11-24T12:00:00Z'),
} as const;

describe('the SendGrid mailer', () => {
  it('posts a v3 mail/send payload to SENDGRID_API_URL with click tracking off', async () => {
    await mailer.send(resetMail, { idempotencyKey: 'job_1' });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.url).toBe(`${API_URL}/v3/mail/send`);
    expect(request?.authorization).toBe('Bearer SG.key');
    expect(request?.body).toMatchObject({
      personalizations: [{ to: [{ email: 'jane@example.com', name: 'Jane' }] }],
      from: { email: 'reset@example.com', name: 'Acme' },
      subject: expect.stringContaining('Acme'),
      tracking_settings: { click_tracking: { enable: false, enable_text: false }, open_tracking: { enable: false } },
    });
    const content = request?.body.content as Array<{ type: string; value: string }>;
    expect(content.map((part) => part.type)).toEqual(['text/plain', 'text/html']);
    for (const part of content) expect(part.value).toContain(resetMail.resetLink);
  });

  it('rejects when SendGrid refuses the mail', async () => {
    answerStatus = 400;
    await expect(mailer.send(resetMail, { idempotencyKey: 'job_2' })).rejects.toThrow();
  });
});

describeMailerConformance('SendGrid (msw standing in for its v3 API)', async ({ refusing }) => {
  answerStatus = refusing ? 400 : 202;
  return {
    mailer,
    // What SendGrid accepted: the recipient of the first personalization, and the whole payload as text.
    delivered: async () =>
      received
        .filter(({ accepted }) => accepted)
        .map(({ body }) => {
          const personalizations = body.personalizations as Array<{ to: Array<{ email: string }> }>;
          return { to: personalizations[0]?.to[0]?.email ?? '', content: JSON.stringify(body) };
        }),
  };
});
