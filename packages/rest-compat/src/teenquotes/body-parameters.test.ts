import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyParameters, queryParameters } from './body-parameters.js';
import { multipartFormFields } from './multipart-form.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const entries = (result: ReturnType<typeof bodyParameters>) => (typeof result === 'string' ? result : Object.fromEntries(result));

describe('reading the parameters of a body as Laravel 4 did', () => {
  it('reads JSON whenever the content type contains /json, as Request::isJson does', () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'text/json', 'application/json-patch+json']) {
      expect(entries(bodyParameters(bytes('{"email":"a@b.co"}'), type))).toEqual({ email: 'a@b.co' });
    }
  });

  it('reads a JSON number as its text and leaves other non-string values out', () => {
    expect(
      entries(bodyParameters(bytes('{"password":123456,"email":null,"token":["x"],"flag":true,"nested":{"a":1}}'), 'application/json')),
    ).toEqual({ password: '123456' });
  });

  it('refuses JSON that is broken, not UTF-8, or not an object', () => {
    for (const body of ['{"email":', '[1,2]', '"text"', '42', 'null', '{"grant_type":"client_credentials",}']) {
      expect(bodyParameters(bytes(body), 'application/json')).toBe('MALFORMED_JSON');
    }
    expect(bodyParameters(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'application/json')).toBe('MALFORMED_JSON');
  });

  it('reads an empty or blank JSON body as no parameters, as PHP’s json_decode of nothing', () => {
    expect(entries(bodyParameters(Buffer.alloc(0), 'application/json'))).toEqual({});
    expect(entries(bodyParameters(bytes('  \n'), 'application/json'))).toEqual({});
  });

  it('reads a URL-encoded form, the last of a repeated parameter winning as in PHP', () => {
    const form = 'email=testuser%40teen-quotes.com&token=lt5hrb0s5pz2_qcc4wl4k3f00000gp&password=a+b%C3%A9&password=azerty';
    expect(entries(bodyParameters(bytes(form), 'application/x-www-form-urlencoded; charset=UTF-8'))).toEqual({
      email: 'testuser@teen-quotes.com',
      token: 'lt5hrb0s5pz2_qcc4wl4k3f00000gp',
      password: 'azerty',
    });
  });

  it('answers unsupported media type for a non-empty body in any other format, and nothing for an empty one', () => {
    expect(bodyParameters(bytes('email=a@b.co'), 'text/plain')).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(bodyParameters(bytes('email=a@b.co'), '')).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(bodyParameters(bytes('{"email":"a@b.co"}'), 'application/vnd.api+json')).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(entries(bodyParameters(Buffer.alloc(0), 'text/plain'))).toEqual({});
  });

  it('reads the query string with the last of a repeated parameter winning', () => {
    expect(Object.fromEntries(queryParameters('/v1/password/reset?email=a%40b.co&token=t&token=u&access_token=x+y'))).toEqual({
      email: 'a@b.co',
      token: 'u',
      access_token: 'x y',
    });
    expect(queryParameters('/v1/password/reset').size).toBe(0);
  });
});

describe('the text fields of a multipart form', () => {
  const multipart = (boundary: string, fields: ReadonlyArray<readonly [string, string]>, file = false) =>
    Buffer.from(
      [
        'preamble',
        ...fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
        file
          ? `--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n`
          : '',
        `--${boundary}--\r\n`,
      ].join(''),
      'utf8',
    );

  it('reads the fields curl -F sends, skipping files', () => {
    const body = multipart(
      '------------------------abc123',
      [
        ['email', 'testuser@teen-quotes.com'],
        ['password', 'émoji 😀 ok'],
      ],
      true,
    );
    expect(Object.fromEntries(multipartFormFields(body, 'multipart/form-data; boundary=------------------------abc123') ?? [])).toEqual({
      email: 'testuser@teen-quotes.com',
      password: 'émoji 😀 ok',
    });
  });

  it('gives back any fields it is sent (property)', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => !/["\r\n]/.test(text));
    const value = fc.string({ maxLength: 60, unit: 'grapheme' }).filter((text) => !text.includes('--XyZ'));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, value), { selector: ([key]) => key, maxLength: 5 }), (fields) => {
        const parsed = multipartFormFields(multipart('XyZ', fields), 'multipart/form-data; boundary="XyZ"');
        expect(Object.fromEntries(parsed ?? [['broken', '']])).toEqual(Object.fromEntries(fields));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a form without its boundary, without a close delimiter, or with a broken part', () => {
    expect(multipartFormFields(Buffer.from('--b\r\n\r\nx\r\n--b--'), 'multipart/form-data')).toBeNull();
    expect(
      multipartFormFields(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n'), 'multipart/form-data; boundary=b'),
    ).toBeNull();
    expect(
      multipartFormFields(Buffer.from('--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--'), 'multipart/form-data; boundary=b'),
    ).toBeNull();
    expect(bodyParameters(Buffer.from('garbage'), 'multipart/form-data; boundary=b')).toBe('MALFORMED_MULTIPART');
  });
});
