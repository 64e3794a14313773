import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEY_MAY_SEND, startFakeSendGrid, type FakeSendGrid, type KeyCheckAnswer } from './support/fake-sendgrid.js';
import { logLinesWithMessage, readyz, waitForReadyz } from './support/readyz.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 14, points 4 and 6: the built server checks its SendGrid key with GET /v3/scopes at start and
// every MAIL_KEY_CHECK_INTERVAL; SendGrid's refusal takes it out of the balancer, its outage does not.

const API_KEY = 'SG.readiness-key-that-must-never-be-logged';
const REJECTED_LOG = 'SendGrid will not send with SENDGRID_API_KEY: /readyz answers 503 until the key is fixed';
const RECOVERED_LOG = 'SendGrid accepts SENDGRID_API_KEY again: /readyz is ready';
const INCONCLUSIVE_LOG = 'SendGrid key check inconclusive: readiness unchanged';
const STAYS_REJECTED_LOG = 'SendGrid key check inconclusive: mail stays rejected';

describe('/readyz knows whether SendGrid takes our key', () => {
  let redis: PrivateRedis;
  let sendgrid: FakeSendGrid;
  let running: ServerProcess | undefined;

  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await sendgrid.close();
  });
  afterAll(async () => {
    await redis.stop();
  });

  async function serverAgainst(keyCheck: KeyCheckAnswer): Promise<ServerProcess> {
    sendgrid = await startFakeSendGrid({ keyCheck });
    running = await startServerProcess({
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'info',
      SENDGRID_API_KEY: API_KEY,
      SENDGRID_API_URL: sendgrid.url,
      MAIL_KEY_CHECK_INTERVAL: '1s',
    });
    return running;
  }

  /** Waits until the sink has answered `count` more key checks, so that the server has seen them. */
  async function moreKeyChecks(count: number): Promise<void> {
    const target = sendgrid.keyChecks.length + count;
    const deadline = Date.now() + 10_000;
    while (sendgrid.keyChecks.length < target) {
      if (Date.now() > deadline) throw new Error(`only ${sendgrid.keyChecks.length} key checks, wanted ${target}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The answer is on its way back; give the server a moment to take it in.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  it('answers 503 with the reason while SendGrid refuses the key (401), logs that once, and recovers when it accepts it', async () => {
    const server = await serverAgainst({ status: 401, body: { errors: [{ message: 'authorization required' }] } });
    const refused = await waitForReadyz(server.url, (answer) => answer.status === 503);
    expect(refused.body).toEqual({
      status: 'unavailable',
      redis: 'ok',
      mail: 'rejected',
      mailReason: 'key-refused',
      directories: { default: 'ok' },
    });
    // The key goes in the Authorization header, as SendGrid wants it.
    expect(sendgrid.keyChecks[0]).toBe(`Bearer ${API_KEY}`);
    await moreKeyChecks(3);
    expect(await readyz(server.url)).toMatchObject({ status: 503 });
    const rejections = logLinesWithMessage(server.output(), REJECTED_LOG);
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatchObject({ level: 50, status: 401, reason: 'key-refused' });

    sendgrid.answerKeyCheck(KEY_MAY_SEND);
    const recovered = await waitForReadyz(server.url, (answer) => answer.status === 200);
    expect(recovered.body).toEqual({ status: 'ready', redis: 'ok', mail: 'ok', directories: { default: 'ok' } });
    await moreKeyChecks(3);
    expect(logLinesWithMessage(server.output(), RECOVERED_LOG)).toHaveLength(1);
    expect(logLinesWithMessage(server.output(), REJECTED_LOG)).toHaveLength(1);
    expect(server.output()).not.toContain(API_KEY);
    expect(server.output()).not.toContain('readiness-key');
  });

  it('answers 503 when the key may do other things but not mail.send (403 likewise)', async () => {
    const server = await serverAgainst({ status: 200, body: { scopes: ['user.profile.read', 'templates.read'] } });
    const refused = await waitForReadyz(server.url, (answer) => answer.status === 503);
    expect(refused.body).toMatchObject({ status: 'unavailable', mail: 'rejected', mailReason: 'missing-mail-send-scope' });
    sendgrid.answerKeyCheck({ status: 403, body: { errors: [{ message: 'access forbidden' }] } });
    await moreKeyChecks(2);
    expect(await readyz(server.url)).toMatchObject({ status: 503, body: { mail: 'rejected', mailReason: 'key-refused' } });
    // Two different refusals, each logged once, however many checks saw them.
    expect(logLinesWithMessage(server.output(), REJECTED_LOG).map((line) => [line.status, line.reason])).toEqual([
      [200, 'missing-mail-send-scope'],
      [403, 'key-refused'],
    ]);
  });

  it('is ready with mail ok when the key has mail.send', async () => {
    const server = await serverAgainst(KEY_MAY_SEND);
    await moreKeyChecks(1);
    expect(await readyz(server.url)).toEqual({
      status: 200,
      body: { status: 'ready', redis: 'ok', mail: 'ok', directories: { default: 'ok' } },
    });
  });

  it('stays ready with mail unknown while SendGrid answers 500, and a refused key stays refused through the outage', async () => {
    const server = await serverAgainst({ status: 500, body: { errors: [{ message: 'internal error' }] } });
    await moreKeyChecks(3);
    expect(await readyz(server.url)).toEqual({
      status: 200,
      body: { status: 'ready', redis: 'ok', mail: 'unknown', directories: { default: 'ok' } },
    });
    expect(logLinesWithMessage(server.output(), INCONCLUSIVE_LOG)).toEqual([
      expect.objectContaining({ level: 40, reason: 'SendGrid answered 500' }),
    ]);

    sendgrid.answerKeyCheck(KEY_MAY_SEND);
    await waitForReadyz(server.url, (answer) => (answer.body as { mail?: string }).mail === 'ok');
    sendgrid.answerKeyCheck({ status: 503 });
    await moreKeyChecks(2);
    expect(await readyz(server.url)).toMatchObject({ status: 200, body: { status: 'ready', mail: 'unknown' } });

    sendgrid.answerKeyCheck({ status: 401 });
    await waitForReadyz(server.url, (answer) => answer.status === 503);
    sendgrid.answerKeyCheck({ status: 502 });
    await moreKeyChecks(2);
    // An outage proves nothing about the key: what SendGrid last said of it still holds.
    expect(await readyz(server.url)).toMatchObject({ status: 503, body: { mail: 'rejected', mailReason: 'key-refused' } });
    expect(logLinesWithMessage(server.output(), STAYS_REJECTED_LOG)).toHaveLength(1);
    expect(logLinesWithMessage(server.output(), REJECTED_LOG)).toHaveLength(1);
  });

  it('stays ready with mail unknown when the key check gets no answer in time', async () => {
    const server = await serverAgainst('hang');
    const deadline = Date.now() + 15_000;
    while (logLinesWithMessage(server.output(), INCONCLUSIVE_LOG).length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logLinesWithMessage(server.output(), INCONCLUSIVE_LOG)).toEqual([expect.objectContaining({ reason: 'no answer in time' })]);
    expect(await readyz(server.url)).toMatchObject({ status: 200, body: { status: 'ready', mail: 'unknown' } });
  });
});
