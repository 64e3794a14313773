import { describe, expect, it } from 'vitest';
import { trafficOpsTarget } from './trafficops-paths.js';

describe('where traffic_ops_golang would send a request', () => {
  it.each([
    '/api/5.0/user/reset_password',
    '/api/5.0/user/reset_password/',
    '/api/4.0/user/reset_password',
    '/api/4.1/user/reset_password',
    '/api/3.0/user/reset_password',
    '/api/5.12/user/reset_password',
  ])('serves POST %s', (path) => {
    expect(trafficOpsTarget('POST', path)).toEqual({ kind: 'reset-password' });
  });

  it.each([
    '/',
    '/apix',
    '/apis/5.0/user/reset_password',
    '/rest/v2.0/passwordResets',
    '/user/password/reset',
    '/v1/password/remind',
    '/trpc/x',
    '/reset',
  ])('leaves %s to the other routers', (path) => {
    expect(trafficOpsTarget('POST', path)).toEqual({ kind: 'elsewhere' });
  });

  it.each([
    '/api',
    '/api/',
    '/api/2.0/user/reset_password',
    '/api/6.0/user/reset_password',
    '/api/1.1/user/reset_password',
    '/api/5/user/reset_password',
    '/api/v5.0/user/reset_password',
    '/API/latest/x',
  ])('answers %s as an API version it does not serve', (path) => {
    expect(trafficOpsTarget('POST', path)).toEqual({ kind: 'unsupported-version' });
  });

  it.each([
    ['GET', '/api/5.0/user/reset_password', '/api/5.0/user/reset_password'],
    ['PUT', '/api/4.0/user/reset_password', '/api/4.0/user/reset_password'],
    ['OPTIONS', '/api/5.0/user/reset_password', '/api/5.0/user/reset_password'],
    ['POST', '/api/5.0/user/reset_password/extra', '/api/5.0/user/reset_password/extra'],
    ['POST', '/api/5.0/user/reset_password.json', '/api/5.0/user/reset_password.json'],
    ['POST', '/api/5.0/users', '/api/5.0/users'],
    ['POST', '/API/5.0/user/reset_password', '/API/5.0/user/reset_password'],
    ['POST', '/api/5.00/user/reset_password', '/api/5.00/user/reset_password'],
    ['POST', '/api/5.0/user/reset%20password', '/api/5.0/user/reset password'],
    ['POST', '/api/5.0/%E0%A4%A', '/api/5.0/%E0%A4%A'],
  ])('answers %s %s as the unknown path %s', (method, path, shown) => {
    expect(trafficOpsTarget(method, path)).toEqual({ kind: 'unknown-path', path: shown });
  });
});
