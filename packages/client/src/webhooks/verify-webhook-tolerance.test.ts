import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from './verify-webhook-signature.js';

// Events may gain fields: a verifier deployed today must accept tomorrow's events. The signature
// is made here as the service makes it (node:crypto, not the code under test).

const CLIENT_SECRET = 'pwcs_tolerance_test_secret';
const NOW = new Date('2026-01-01T12:00:00Z');

function signedDelivery(event: Record<string, unknown>): { body: string; signatureHeader: string } {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(NOW.getTime() / 1000);
  const signingKey = createHash('sha256').update(`pwreset webhook signing key\0${CLIENT_SECRET}`).digest('base64url');
  const signature = createHmac('sha256', signingKey).update(`${timestamp}.${body}`).digest('hex');
  return { body, signatureHeader: `t=${timestamp},v1=${signature}` };
}

const EVENT = {
  type: 'password_reset.completed',
  eventId: 'evt_0123456789abcdef',
  occurredAt: '2026-01-01T11:59:58.000Z',
  userId: '42',
  directory: 'trafficops',
  clientId: 'cl_app',
};

describe('verifyWebhookSignature and fields it does not know', () => {
  it('verifies an event with an extra field, and hands the field on', async () => {
    const delivery = signedDelivery({ ...EVENT, addedLater: { reason: 'a newer service version' } });
    expect(await verifyWebhookSignature({ ...delivery, clientSecret: CLIENT_SECRET, now: () => NOW })).toEqual({
      ok: true,
      event: { ...EVENT, addedLater: { reason: 'a newer service version' } },
    });
  });

  it('still checks the fields it knows: a wrong type or a missing directory is a bad payload', async () => {
    for (const event of [
      { ...EVENT, type: 'password_reset.started' },
      { ...EVENT, directory: undefined },
      { ...EVENT, userId: 42 },
    ]) {
      const delivery = signedDelivery(event);
      expect(await verifyWebhookSignature({ ...delivery, clientSecret: CLIENT_SECRET, now: () => NOW })).toEqual({
        ok: false,
        reason: 'BAD_PAYLOAD',
      });
    }
  });

  it('carries an application’s own id of up to 255 characters', async () => {
    const delivery = signedDelivery({ ...EVENT, userId: 'u'.repeat(255) });
    expect((await verifyWebhookSignature({ ...delivery, clientSecret: CLIENT_SECRET, now: () => NOW })).ok).toBe(true);
    const tooLong = signedDelivery({ ...EVENT, userId: 'u'.repeat(256) });
    expect(await verifyWebhookSignature({ ...tooLong, clientSecret: CLIENT_SECRET, now: () => NOW })).toEqual({
      ok: false,
      reason: 'BAD_PAYLOAD',
    });
  });
});
