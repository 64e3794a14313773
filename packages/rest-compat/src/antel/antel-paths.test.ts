import { describe, expect, it } from 'vitest';
import { matchAntelPath } from './antel-paths.js';

describe('matchAntelPath', () => {
  it('names the operation of each documented path, with the format its suffix asks for', () => {
    expect(matchAntelPath('/user/password/reset')).toEqual({ kind: 'operation', operation: 'ResetUserPassword' });
    expect(matchAntelPath('/user/password/reset.jsv')).toEqual({ kind: 'operation', operation: 'ResetUserPassword', suffixFormat: 'jsv' });
    expect(matchAntelPath('/user/password/forgot.json')).toEqual({
      kind: 'operation',
      operation: 'ForgotUserPassword',
      suffixFormat: 'json',
    });
  });

  it('matches routes case-insensitively and with a trailing slash, as ServiceStack does', () => {
    expect(matchAntelPath('/User/Password/RESET.JSV')).toEqual({ kind: 'operation', operation: 'ResetUserPassword', suffixFormat: 'jsv' });
    expect(matchAntelPath('/user/password/forgot/')).toEqual({ kind: 'operation', operation: 'ForgotUserPassword' });
  });

  it('claims every other path under /user/password as an unknown one of its own', () => {
    for (const path of [
      '/user/password',
      '/user/password/',
      '/user/password/change',
      '/user/password/reset.xml',
      '/user/password/reset/extra',
    ]) {
      expect(matchAntelPath(path), path).toEqual({ kind: 'unknown' });
    }
  });

  it('leaves paths outside its prefix to the other routers', () => {
    for (const path of [
      '/',
      '/user',
      '/user/passwords',
      '/users/password/reset',
      '/reset',
      '/api/5.0/user/reset_password',
      '/v1/password/reset',
    ]) {
      expect(matchAntelPath(path), path).toBeNull();
    }
  });
});
