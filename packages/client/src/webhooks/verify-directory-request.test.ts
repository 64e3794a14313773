import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDirectoryRequest, verifyWebhookSignature } from './index.js';

const SECRET = 'directory-secret-of-at-least-32-characters';
const NOW = new Date('2026-03-01T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const now = () => NOW;

/** Signed here with node:crypto, independently of the Web Crypto code under test. */
function sign(key: string | Buffer, body: string, timestamp = nowSeconds): string {
  return `t=${timestamp},v1=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

describe('verifyDirectoryRequest', () => {
  const body = JSON.stringify({ id: '42', password: 'new password 2' });

  it('accepts a body signed with the secret itself, as its UTF-8 bytes, and hands back the parsed request', async () => {
    const signatureHeader = sign(Buffer.from(SECRET, 'utf8'), body);
    expect(await verifyDirectoryRequest({ body, signatureHeader, secret: SECRET, now })).toEqual({
      ok: true,
      request: { id: '42', password: 'new password 2' },
    });
  });

  it('keys with the raw secret, not with a key derived from it as webhooks do', async () => {
    const derived = createHash('sha256').update(`pwreset webhook signing key\0${SECRET}`).digest('base64url');
    expect(await verifyDirectoryRequest({ body, signatureHeader: sign(derived, body), secret: SECRET, now })).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('reads a secret beyond ASCII as UTF-8', async () => {
    const secret = 'clé secrète de l’annuaire, ünïcødé, 32+ chars';
    expect(await verifyDirectoryRequest({ body, signatureHeader: sign(Buffer.from(secret, 'utf8'), body), secret, now })).toMatchObject({
      ok: true,
    });
  });

  it('keeps fields it does not know', async () => {
    const extended = JSON.stringify({ email: 'jane@example.com', directory: 'app' });
    expect(await verifyDirectoryRequest({ body: extended, signatureHeader: sign(SECRET, extended), secret: SECRET, now })).toEqual({
      ok: true,
      request: { email: 'jane@example.com', directory: 'app' },
    });
  });

  it('refuses a tampered body, another secret, an old timestamp, a missing or malformed header', async () => {
    const signatureHeader = sign(SECRET, body);
    const tampered = body.replace('42', '43');
    expect(await verifyDirectoryRequest({ body: tampered, signatureHeader, secret: SECRET, now })).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(await verifyDirectoryRequest({ body, signatureHeader, secret: `${SECRET}x`, now })).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(await verifyDirectoryRequest({ body, signatureHeader: sign(SECRET, body, nowSeconds - 301), secret: SECRET, now })).toEqual({
      ok: false,
      reason: 'TIMESTAMP_OUT_OF_TOLERANCE',
    });
    expect(
      await verifyDirectoryRequest({
        body,
        signatureHeader: sign(SECRET, body, nowSeconds - 301),
        secret: SECRET,
        now,
        toleranceSeconds: 600,
      }),
    ).toMatchObject({ ok: true });
    expect(await verifyDirectoryRequest({ body, signatureHeader: null, secret: SECRET, now })).toEqual({
      ok: false,
      reason: 'MISSING_SIGNATURE',
    });
    expect(await verifyDirectoryRequest({ body, signatureHeader: 't=abc,v1=00', secret: SECRET, now })).toEqual({
      ok: false,
      reason: 'MALFORMED_SIGNATURE',
    });
  });

  it('refuses a signed body that is not a JSON object of string fields', async () => {
    for (const payload of ['not json', '[1,2]', '{"id":42}', 'null']) {
      expect(await verifyDirectoryRequest({ body: payload, signatureHeader: sign(SECRET, payload), secret: SECRET, now }), payload).toEqual(
        {
          ok: false,
          reason: 'BAD_PAYLOAD',
        },
      );
    }
  });
});

describe('verifyWebhookSignature, on the shared signature code', () => {
  const clientSecret = 'pwcs_the-client-secret';
  const derivedKey = createHash('sha256').update(`pwreset webhook signing key\0${clientSecret}`).digest('base64url');
  const event = {
    type: 'password_reset.completed',
    eventId: 'evt_1',
    occurredAt: '2026-03-01T11:59:59.000Z',
    userId: 'usr_1',
    directory: 'default',
    clientId: 'cl_1',
  };
  const body = JSON.stringify(event);

  it('accepts a delivery signed with the key derived from the client secret', async () => {
    expect(await verifyWebhookSignature({ body, signatureHeader: sign(derivedKey, body), clientSecret, now })).toEqual({ ok: true, event });
  });

  it('refuses a delivery signed with the client secret itself', async () => {
    expect(await verifyWebhookSignature({ body, signatureHeader: sign(clientSecret, body), clientSecret, now })).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('refuses a signed body that is no event', async () => {
    const other = JSON.stringify({ type: 'something.else' });
    expect(await verifyWebhookSignature({ body: other, signatureHeader: sign(derivedKey, other), clientSecret, now })).toEqual({
      ok: false,
      reason: 'BAD_PAYLOAD',
    });
  });
});
