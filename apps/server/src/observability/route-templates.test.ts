import { describe, expect, it } from 'vitest';
import { routeTemplateOf } from './route-templates.js';

describe('routeTemplateOf', () => {
  it('names each tRPC procedure, and marks the ones that start or complete a reset', () => {
    expect(routeTemplateOf('/trpc/passwordReset.request')).toEqual({
      route: '/trpc/passwordReset.request',
      api: 'trpc',
      operation: 'request',
    });
    expect(routeTemplateOf('/trpc/passwordReset.complete')).toEqual({
      route: '/trpc/passwordReset.complete',
      api: 'trpc',
      operation: 'complete',
    });
    expect(routeTemplateOf('/trpc/passwordReset.policy')).toEqual({ route: '/trpc/passwordReset.policy', api: 'trpc' });
  });

  it('keeps unknown procedures and batches to one label each, whatever the path holds', () => {
    expect(routeTemplateOf('/trpc/a@example.com')).toEqual({ route: '/trpc/{unknown}', api: 'trpc' });
    expect(routeTemplateOf('/trpc/passwordReset.request,passwordReset.policy')).toEqual({ route: '/trpc/{batch}', api: 'trpc' });
  });

  it('replaces the variable parts of legacy paths by placeholders', () => {
    expect(routeTemplateOf('/api/4.1/user/reset_password')).toEqual({
      route: '/api/{version}/user/reset_password',
      api: 'trafficops',
      operation: 'request',
    });
    expect(routeTemplateOf('/user/password/Reset.jsv')).toEqual({ route: '/user/password/reset', api: 'antel', operation: 'complete' });
    expect(routeTemplateOf('/reset/assets/reset-page.js')).toEqual({ route: '/reset/assets/{file}', api: 'page' });
  });

  it('answers {unmatched} for any path it does not serve, so labels stay bounded', () => {
    expect(routeTemplateOf('/wp-login.php')).toEqual({ route: '{unmatched}', api: 'none' });
    expect(routeTemplateOf('/v1/users/someone@example.com')).toEqual({ route: '{unmatched}', api: 'none' });
  });
});
