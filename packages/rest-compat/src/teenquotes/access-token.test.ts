import { describe, expect, it } from 'vitest';
import { accessTokenOf } from './access-token.js';

const parameters = (entries: Record<string, string> = {}) => new Map(Object.entries(entries));

describe('finding the access token as league/oauth2-server 3.x did', () => {
  it('reads `Authorization: Bearer <token>`, as the reset document shows', () => {
    expect(accessTokenOf('Bearer jLJeOz8aEIsKtGSdXsqTDGxmtEduUGkZTVJBo3We', parameters())).toBe('jLJeOz8aEIsKtGSdXsqTDGxmtEduUGkZTVJBo3We');
  });

  it('reads a bare `Authorization: <token>`, as the remind document shows', () => {
    expect(accessTokenOf('jLJeOz8aEIsKtGSdXsqTDGxmtEduUGkZTVJBo3We', parameters())).toBe('jLJeOz8aEIsKtGSdXsqTDGxmtEduUGkZTVJBo3We');
  });

  it('takes the first of a header cURL doubled', () => {
    expect(accessTokenOf('Bearer abc, Bearer abc', parameters())).toBe('abc');
  });

  it('lets a non-empty header win over the access_token parameter, and reads the parameter without one', () => {
    expect(accessTokenOf('Bearer from-header', parameters({ access_token: 'from-parameter' }))).toBe('from-header');
    expect(accessTokenOf(undefined, parameters({ access_token: 'from-parameter' }))).toBe('from-parameter');
    expect(accessTokenOf('', parameters({ access_token: 'from-parameter' }))).toBe('from-parameter');
  });

  it('finds no token in `Bearer` alone or in nothing at all', () => {
    expect(accessTokenOf('Bearer', parameters({ access_token: 'ignored' }))).toBe('');
    expect(accessTokenOf('Bearer   ', parameters())).toBe('');
    expect(accessTokenOf(undefined, parameters())).toBeUndefined();
  });
});
