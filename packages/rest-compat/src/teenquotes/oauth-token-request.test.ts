import { describe, expect, it } from 'vitest';
import { basicCredentialsOf, readTokenRequest } from './oauth-token-request.js';

const parameters = (entries: Record<string, string>) => new Map(Object.entries(entries));
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const check = (parameter: string) =>
  `The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed. Check the "${parameter}" parameter.`;

describe('reading a client credentials token request in league/oauth2-server 3.x’s order', () => {
  it('accepts the document’s parameters', () => {
    expect(readTokenRequest(parameters({ grant_type: 'client_credentials', client_id: '42', client_secret: 's3cret' }), undefined)).toEqual(
      {
        ok: true,
        clientId: '42',
        clientSecret: 's3cret',
        basicUsed: false,
      },
    );
  });

  it('asks for grant_type first, then refuses any other grant by name', () => {
    expect(readTokenRequest(parameters({ client_id: '42' }), undefined)).toEqual({
      ok: false,
      error: 'invalid_request',
      description: check('grant_type'),
    });
    expect(readTokenRequest(parameters({ grant_type: 'password', client_id: '42' }), undefined)).toEqual({
      ok: false,
      error: 'unsupported_grant_type',
      description: 'The authorization grant type "password" is not supported by the authorization server',
    });
    expect(readTokenRequest(parameters({ grant_type: 'x'.repeat(65) }), undefined)).toMatchObject({
      error: 'invalid_request',
      description: check('grant_type'),
    });
  });

  it('asks for client_id, then client_secret', () => {
    expect(readTokenRequest(parameters({ grant_type: 'client_credentials' }), undefined)).toMatchObject({
      error: 'invalid_request',
      description: check('client_id'),
    });
    expect(readTokenRequest(parameters({ grant_type: 'client_credentials', client_id: '42' }), undefined)).toMatchObject({
      error: 'invalid_request',
      description: check('client_secret'),
    });
  });

  it('takes the credentials from HTTP Basic when the parameters lack them, the parameters winning', () => {
    expect(readTokenRequest(parameters({ grant_type: 'client_credentials' }), basic('cl_1', 'pw:with:colons'))).toEqual({
      ok: true,
      clientId: 'cl_1',
      clientSecret: 'pw:with:colons',
      basicUsed: true,
    });
    expect(readTokenRequest(parameters({ grant_type: 'client_credentials', client_id: 'cl_2' }), basic('cl_1', 'pw'))).toEqual({
      ok: true,
      clientId: 'cl_2',
      clientSecret: 'pw',
      basicUsed: true,
    });
  });

  it('ignores a malformed Basic header', () => {
    expect(basicCredentialsOf('Basic !!!')).toBeUndefined();
    expect(basicCredentialsOf(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
    expect(basicCredentialsOf('Bearer abc')).toBeUndefined();
  });
});
