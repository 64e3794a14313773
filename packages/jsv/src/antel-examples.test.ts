import { describe, expect, it } from 'vitest';
import { jsvBoolean, jsvNumber } from './bind-jsv-scalar.js';
import { parseJsvObject } from './parse-jsv.js';
import { stringifyJsv } from './stringify-jsv.js';

// The DTOs of POST /user/password/reset, as packages/rest-compat/docs/antel.md describes them.
describe('Antel password-reset DTOs as JSV', () => {
  it('reads a reset request as a ServiceStack client sends it', () => {
    const body =
      '{TemporaryPassword:abc123,EmailAddress:a@b.c,Password:"p@ss, word",PasswordConfirm:"p@ss, word",ApiKey:k-1,Latitude:-33.9249,Longitude:18.4241}';
    const request = parseJsvObject(body);
    expect(request).toEqual({
      TemporaryPassword: 'abc123',
      EmailAddress: 'a@b.c',
      Password: 'p@ss, word',
      PasswordConfirm: 'p@ss, word',
      ApiKey: 'k-1',
      Latitude: '-33.9249',
      Longitude: '18.4241',
    });
    expect(jsvNumber(request['Latitude'] as string)).toBe(-33.9249);
  });

  it('reads the camelCase request laid out as on the metadata page, keeping value white space', () => {
    const body = '{\ntemporaryPassword: abc123,\nemailAddress: a@b.c,\nlatitude: 0\n}';
    const request = parseJsvObject(body);
    expect(Object.keys(request)).toEqual(['temporaryPassword', 'emailAddress', 'latitude']);
    expect(request['temporaryPassword']).toBe(' abc123');
    expect(jsvNumber(request['latitude'] as string)).toBe(0);
  });

  it('writes a validation-failure response with null properties left out', () => {
    const response = {
      systemUserId: 0,
      description: 'Validation failed',
      heading: 'Bad request',
      wasSuccessful: false,
      responseStatus: {
        errorCode: 'NotEmpty',
        message: "'Temporary Password' must not be empty.",
        stackTrace: null,
        errors: [
          { errorCode: 'NotEmpty', fieldName: 'TemporaryPassword', message: "'Temporary Password' must not be empty.", meta: null },
          { errorCode: 'Equal', fieldName: 'PasswordConfirm', message: "'Password Confirm' must be equal to 'Password'.", meta: null },
        ],
      },
    };
    expect(stringifyJsv(response)).toBe(
      '{systemUserId:0,description:Validation failed,heading:Bad request,wasSuccessful:False,' +
        "responseStatus:{errorCode:NotEmpty,message:'Temporary Password' must not be empty.," +
        "errors:[{errorCode:NotEmpty,fieldName:TemporaryPassword,message:'Temporary Password' must not be empty.}," +
        "{errorCode:Equal,fieldName:PasswordConfirm,message:'Password Confirm' must be equal to 'Password'.}]}}",
    );
  });

  it('writes a success response that a client binds back to the same values', () => {
    const text = stringifyJsv({
      systemUserId: 17,
      description: 'Your password was changed: sign in again.',
      heading: 'Done',
      wasSuccessful: true,
    });
    expect(text).toBe('{systemUserId:17,description:"Your password was changed: sign in again.",heading:Done,wasSuccessful:True}');
    const read = parseJsvObject(text);
    expect(jsvNumber(read['systemUserId'] as string)).toBe(17);
    expect(jsvBoolean(read['wasSuccessful'] as string)).toBe(true);
    expect(read['description']).toBe('Your password was changed: sign in again.');
  });
});
