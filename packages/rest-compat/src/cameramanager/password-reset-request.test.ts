import { describe, expect, it } from 'vitest';
import { isJsonContentType, parsePasswordResetRequest } from './password-reset-request.js';

const parse = (text: string | Buffer) => parsePasswordResetRequest(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

describe('reading a PasswordResetRequest', () => {
  it('accepts application/json and +json types in UTF-8, and nothing else', () => {
    for (const type of [
      'application/json',
      'Application/JSON; charset=UTF-8',
      'application/json;charset="utf-8"',
      'application/vnd.cameramanager+json',
    ]) {
      expect(isJsonContentType(type), type).toBe(true);
    }
    for (const type of [
      undefined,
      '',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      'application/jsonx',
      'text/json',
    ]) {
      expect(isJsonContentType(type), String(type)).toBe(false);
    }
  });

  it('takes the email and ignores unknown properties, as a Jackson server does', () => {
    expect(parse('{"email":"jane@example.com","remember":true}')).toEqual({ ok: true, value: { email: 'jane@example.com' } });
  });

  it('counts the 3 to 128 characters as code points, as JSON Schema does', () => {
    expect(parse(JSON.stringify({ email: '😀😀😀' })).ok).toBe(true);
    expect(parse(JSON.stringify({ email: '😀a' })).ok).toBe(false);
    expect(parse(JSON.stringify({ email: '😀'.repeat(128) })).ok).toBe(true);
    expect(parse(JSON.stringify({ email: 'a'.repeat(129) })).ok).toBe(false);
  });

  it('names the broken rule in the detail without echoing the input', () => {
    expect(parse('{}')).toEqual({ ok: false, failure: { kind: 'error', name: 'VALIDATION_FAILED', detail: 'email: is required' } });
    expect(parse('{"email":42}')).toEqual({
      ok: false,
      failure: { kind: 'error', name: 'VALIDATION_FAILED', detail: 'email: must be a string' },
    });
    expect(parse('{"email":"ab"}')).toEqual({
      ok: false,
      failure: { kind: 'error', name: 'VALIDATION_FAILED', detail: 'email: must be 3 to 128 characters' },
    });
    for (const body of ['[]', 'null', '"jane@example.com"', '12']) {
      expect(parse(body)).toEqual({
        ok: false,
        failure: { kind: 'error', name: 'VALIDATION_FAILED', detail: 'the body must be a JSON object' },
      });
    }
    const secretLooking = parse(JSON.stringify({ email: 'x'.repeat(500) }));
    expect(JSON.stringify(secretLooking)).not.toContain('xxxx');
  });

  it('calls a body that is not JSON, or not UTF-8, malformed', () => {
    for (const body of ['', '{"email":', "{'email':'a@b.c'}", Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])]) {
      expect(parse(body)).toEqual({
        ok: false,
        failure: { kind: 'error', name: 'MALFORMED_BODY', detail: 'The body is not valid JSON in UTF-8.' },
      });
    }
  });
});
