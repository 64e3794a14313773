import { describe, expect, it } from 'vitest';
import { metricsAccess } from './metrics-access.js';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('metricsAccess', () => {
  it('lets a loopback peer in when no token is configured', () => {
    for (const socketAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.9.9.9'])
      expect(metricsAccess({ headers: {}, socketAddress }, null)).toEqual({ allowed: true });
  });

  it('refuses any other peer when no token is configured', () => {
    for (const socketAddress of ['10.0.0.7', '::ffff:192.168.1.2', 'fe80::1', undefined])
      expect(metricsAccess({ headers: {}, socketAddress }, null)).toEqual({ allowed: false, status: 403 });
  });

  it('refuses a loopback peer that relays for someone else (X-Forwarded-For or Forwarded)', () => {
    expect(metricsAccess({ headers: { 'x-forwarded-for': '203.0.113.9' }, socketAddress: '127.0.0.1' }, null)).toEqual({
      allowed: false,
      status: 403,
    });
    expect(metricsAccess({ headers: { forwarded: 'for=203.0.113.9' }, socketAddress: '::1' }, null)).toEqual({
      allowed: false,
      status: 403,
    });
  });

  it('with a token, wants exactly that bearer token, from anywhere', () => {
    expect(metricsAccess({ headers: { authorization: `Bearer ${TOKEN}` }, socketAddress: '10.0.0.7' }, TOKEN)).toEqual({ allowed: true });
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer ', `Bearer ${TOKEN.slice(1)}`])
      expect(metricsAccess({ headers: authorization ? { authorization } : {}, socketAddress: '127.0.0.1' }, TOKEN)).toEqual({
        allowed: false,
        status: 401,
      });
  });
});
