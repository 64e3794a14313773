import { describe, expect, it } from 'vitest';
import { readClientCredentialsRequest } from './client-credentials-request.js';

const basic = { authorization: `Basic ${Buffer.from('cl_camera:s3cret').toString('base64')}` };

describe('the query string of a token request', () => {
  it('carries grant_type and scope, as Cameramanager’s guides send them, with no body at all', () => {
    expect(readClientCredentialsRequest(basic, undefined, { grant_type: 'client_credentials', scope: 'write' })).toEqual({
      ok: true,
      clientId: 'cl_camera',
      clientSecret: 's3cret',
      basicUsed: true,
      requestedScopes: ['write'],
    });
  });

  it('adds to the body, and may repeat a body parameter with the same value', () => {
    const body = { client_id: 'cl_camera', client_secret: 's3cret', grant_type: 'client_credentials' };
    expect(readClientCredentialsRequest({}, body, { grant_type: 'client_credentials' })).toMatchObject({ ok: true, clientId: 'cl_camera' });
    expect(
      readClientCredentialsRequest({}, { client_id: 'cl_camera', client_secret: 's3cret' }, { grant_type: 'client_credentials' }),
    ).toMatchObject({ ok: true });
  });

  it('still names a missing or another grant type the RFC 6749 way', () => {
    expect(readClientCredentialsRequest(basic, undefined, {})).toMatchObject({ ok: false, error: 'invalid_request' });
    expect(readClientCredentialsRequest(basic, undefined, { grant_type: 'password' })).toMatchObject({
      ok: false,
      error: 'unsupported_grant_type',
    });
  });

  it.each<[Record<string, string>, string]>([
    [{ grant_type: 'client_credentials', client_id: 'cl_camera' }, 'client_id'],
    [{ grant_type: 'client_credentials', client_secret: 's3cret' }, 'client_secret'],
    [{ grant_type: 'password', scope: 'write', username: 'jane', password: 'hunter2' }, 'the password grant’s user credentials'],
    [{ grant_type: 'client_credentials', client_secret: '' }, 'an empty client_secret'],
  ])('refuses %j with invalid_request (%s would land in access logs, RFC 6749 §2.3.1)', (query, _what) => {
    for (const [headers, body] of [
      [basic, undefined],
      [{}, { client_id: 'cl_camera', client_secret: 's3cret' }],
    ] as const) {
      const answer = readClientCredentialsRequest(headers, body, query);
      expect(answer).toMatchObject({ ok: false, error: 'invalid_request', description: expect.stringContaining('query string') });
      expect(JSON.stringify(answer)).not.toContain('s3cret');
      expect(JSON.stringify(answer)).not.toContain('hunter2');
    }
  });

  it('refuses a parameter with one value in the query and another in the body, or repeated in the query', () => {
    expect(readClientCredentialsRequest(basic, { grant_type: 'password' }, { grant_type: 'client_credentials' })).toMatchObject({
      ok: false,
      error: 'invalid_request',
      description: 'The grant_type parameter has one value in the query string and another in the body.',
    });
    expect(readClientCredentialsRequest(basic, { grant_type: 'client_credentials', scope: 'read' }, { scope: 'write' })).toMatchObject({
      ok: false,
      error: 'invalid_request',
    });
    expect(readClientCredentialsRequest(basic, undefined, { grant_type: ['client_credentials', 'client_credentials'] })).toMatchObject({
      ok: false,
      error: 'invalid_request',
      description: 'The grant_type parameter is repeated in the query string.',
    });
  });
});
