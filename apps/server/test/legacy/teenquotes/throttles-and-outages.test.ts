import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { accessTokenFor, call, mailIds, nextResetMail, REMINDER_SENT, WRONG_TOKEN } from './teenquotes-support.js';

describe('Teen Quotes under throttles and with Redis gone', () => {
  let deployment: LegacyDeployment;
  let credentials: { clientId: string; clientSecret: string };
  let accessToken: string;
  const email = 'throttled@quotes.example';

  beforeAll(async () => {
    deployment = await startLegacyDeployment({ RATE_LIMIT_SECRET_ATTEMPTS_PER_IP: '3/1h', RATE_LIMIT_REQUESTS_PER_ADDRESS: '1/1h' });
    credentials = await deployment.addClient({ name: 'Teen Quotes', legacyApis: ['teenquotes'] });
    await deployment.users.createUser({ email, password: 'throttled user password' });
    accessToken = await accessTokenFor(deployment, credentials);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('answers a throttled remind with reminder_sent, as the document knows no other answer, and sends one mail only', async () => {
    const seen = await mailIds(deployment);
    const remind = () => call(deployment, '/v1/password/remind', { email }, 'form', { authorization: `Bearer ${accessToken}` });
    expect((await remind()).json).toEqual(REMINDER_SENT);
    expect((await remind()).json).toEqual(REMINDER_SENT);
    await nextResetMail(deployment, email, seen);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await deployment.mails()).filter((mail) => mail.to === email && !seen.has(mail.id))).toHaveLength(1);
  });

  it('deviation: answers too many reset attempts from one address with 429 in the envelope and Retry-After', async () => {
    const attempt = () =>
      call(deployment, '/v1/password/reset', { email, token: 'x'.repeat(43), password: 'guessing tokens 1' }, 'form', {
        authorization: `Bearer ${accessToken}`,
      });
    const answers = [await attempt(), await attempt(), await attempt(), await attempt()];
    expect(answers.slice(0, 3).map((answer) => answer.json)).toEqual([WRONG_TOKEN, WRONG_TOKEN, WRONG_TOKEN]);
    const throttled = answers[3]!;
    expect([throttled.status, throttled.json]).toEqual([
      429,
      { status: 429, error: 'too_many_requests', error_message: 'Too many attempts; try again later.' },
    ]);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 503 in each envelope once Redis is gone, and never a page or a stack', async () => {
    deployment.redis.on('error', () => undefined);
    // SHUTDOWN never replies: the server is gone. Wait until the service itself sees it.
    void deployment.redis.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    const deadline = Date.now() + 5_000;
    while ((await fetch(`${deployment.url}/readyz`)).status !== 503 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    const remind = await call(deployment, '/v1/password/remind', { email }, 'form', { authorization: `Bearer ${accessToken}` });
    expect([remind.status, remind.headers.get('retry-after'), remind.json]).toEqual([
      503,
      '5',
      { status: 503, error: 'service_unavailable', error_message: 'The service is temporarily unavailable; try again later.' },
    ]);
    const token = await call(
      deployment,
      '/oauth',
      { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret },
      'form',
    );
    expect([token.status, (token.json as { error: string }).error]).toEqual([503, 'temporarily_unavailable']);
  });
});
