import { describe, expect, it } from 'vitest';
import { parseGoMailAddress } from './go-mail-address.js';
import { goQuote, goQuoteRune } from './go-quote.js';
import { readGoMailAnswers } from './go-mail-answers.fixture.js';
import { checkEncodedWord } from './rfc2047-word.js';

const address = (input: string) => parseGoMailAddress(input);

const goAnswers = readGoMailAnswers();

// The table is Go's own answers, recorded by scripts/record-go-mail-answers.mjs with go1.23.5
// (Debian bookworm-backports' golang-1.23-go; Traffic Ops builds with 1.23.11): an address with no
// local part, with no domain, ending in "@", and every corner of the grammar the port implements.
describe("a port of Go's net/mail.ParseAddress", () => {
  it('replays answers recorded with Go 1.23, the Go Traffic Ops is built with', () => {
    expect(goAnswers.recordedWith).toMatch(/^go1\.23\./);
    expect(goAnswers.addresses.length).toBeGreaterThan(100);
  });

  it.each(goAnswers.addresses.map((row) => [row.input, row] as const))('answers %j as Go does', (input, row) => {
    expect(address(input)).toEqual('address' in row ? { ok: true, address: row.address } : { ok: false, error: row.error });
  });

  it.each([
    ['@example.com', 'mail: missing word in phrase: mail: invalid string'],
    ['a@', "mail: missing '@' or angle-addr"],
    ['<a@>', 'mail: invalid string'],
  ])('the recorded table holds %j, refused with %j (no local part, no domain, a trailing "@")', (input, error) => {
    expect(goAnswers.addresses).toContainEqual({ input, error });
  });

  it("quotes as Go's %q does", () => {
    expect(goQuote('a"b\\c\n\u0007\u007f\u200b😀 é')).toBe('"a\\"b\\\\c\\n\\a\\x7f\\u200b😀 é"');
    expect(goQuoteRune("'")).toBe("'\\''");
    expect(goQuoteRune('\u0001')).toBe("'\\x01'");
  });

  it('tells an RFC 2047 word in an unknown charset from one Go decodes and from a plain word', () => {
    expect(checkEncodedWord('=?utf-8?q?caf=C3=A9?=')).toEqual({ kind: 'encoded' });
    expect(checkEncodedWord('=?x-unknown?b?YWJj?=')).toEqual({ kind: 'unsupported-charset', charset: 'x-unknown' });
    // Not decodable (bad base64, bad Q escape, unknown encoding): an ordinary word, as in Go.
    expect(checkEncodedWord('=?x-unknown?b?YWJ?=')).toEqual({ kind: 'plain' });
    expect(checkEncodedWord('=?x-unknown?q?=ZZ?=')).toEqual({ kind: 'plain' });
    expect(checkEncodedWord('=?x-unknown?x?abc?=')).toEqual({ kind: 'plain' });
    expect(checkEncodedWord('plain')).toEqual({ kind: 'plain' });
  });
});
