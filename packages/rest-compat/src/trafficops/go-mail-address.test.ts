import { describe, expect, it } from 'vitest';
import { parseGoMailAddress } from './go-mail-address.js';
import { goQuote, goQuoteRune } from './go-quote.js';
import { checkEncodedWord } from './rfc2047-word.js';

const address = (input: string) => parseGoMailAddress(input);

describe("a port of Go's net/mail.ParseAddress", () => {
  it.each([
    ['test@example.com', 'test@example.com'],
    ['Test User <test@example.com>', 'test@example.com'],
    ['"Test, User" <test@example.com>', 'test@example.com'],
    ['<test@example.com>', 'test@example.com'],
    ['test@example.com (Test User)', 'test@example.com'],
    ['  test@example.com  ', 'test@example.com'],
    ['first.last+tag@sub.example.com', 'first.last+tag@sub.example.com'],
    ['"john doe"@example.com', 'john doe@example.com'],
    ['"quoted \\" quote"@example.com', 'quoted " quote@example.com'],
    ['jøsé@exämple.com', 'jøsé@exämple.com'],
    ['=?utf-8?q?J=C3=B6rg?= <jorg@example.com>', 'jorg@example.com'],
    ['=?ISO-8859-1?B?SvZyZw==?= =?us-ascii?q?_x?= <jorg@example.com>', 'jorg@example.com'],
    ['a.b <a.b@example.com>', 'a.b@example.com'],
    ['Group: test@example.com;', 'test@example.com'],
    ['user@[192.0.2.1]', 'user@[192.0.2.1]'],
    ['user@[2001:db8::1]', 'user@[2001:db8::1]'],
    ['test@example.com (a (nested) comment)', 'test@example.com'],
  ])('accepts %s as %s', (input, expected) => {
    expect(address(input)).toEqual({ ok: true, address: expected });
  });

  it.each([
    ['', 'mail: no address'],
    ['   ', 'mail: no address'],
    ['not-an-address', "mail: missing '@' or angle-addr"],
    ['foo.bar', "mail: missing '@' or angle-addr"],
    ['a..b@example.com', "mail: missing '@' or angle-addr"],
    ['John Doe', 'mail: no angle-addr'],
    ['John Doe <jd@example.com', 'mail: unclosed angle-addr'],
    ['<jd@example.com', 'mail: unclosed angle-addr'],
    ['test@example.com extra', 'mail: expected single address, got "extra"'],
    ['a@example.com, b@example.com', 'mail: expected single address, got ", b@example.com"'],
    ['a@example.com<a@example.com>', 'mail: expected single address, got "<a@example.com>"'],
    ['@example.com', 'mail: missing word in phrase: mail: invalid string'],
    ['<@example.com>', 'mail: invalid string'],
    ['<a@>', 'mail: invalid string'],
    ['<a@', 'mail: no domain in addr-spec'],
    ['<a>', 'mail: missing @ in addr-spec'],
    ['<.a@example.com>', 'mail: leading dot in atom'],
    ['<a.@example.com>', 'mail: trailing dot in atom'],
    ['<a@example..com>', 'mail: double dot in atom'],
    ['<""@example.com>', 'mail: empty quoted string in addr-spec'],
    ['<"unclosed@example.com>', 'mail: empty quoted string in addr-spec'],
    ['"bad\u0001" <a@example.com>', "mail: missing word in phrase: mail: bad character in quoted-string: '\\x01'"],
    ['user@[not-an-ip]', "mail: missing '@' or angle-addr"],
    ['<user@[not-an-ip]>', 'mail: invalid IP address in domain-literal: "not-an-ip"'],
    ['<user@[1.2.3.4>', 'mail: unclosed domain-literal'],
    ['undisclosed-recipients:;', 'mail: empty group'],
    ['Group: a@example.com, b@example.com;', 'mail: group with multiple addresses'],
    ['Group: a@example.com b', 'mail: expected comma'],
    ['test@example.com (unclosed', 'mail: misformatted parenthetical comment'],
    ['=?koi8-r?B?SvZyZw==?= <a@example.com>', 'mail: missing word in phrase: charset not supported: "koi8-r"'],
    ['a@example.com (=?koi8-r?q?x?=)', 'charset not supported: "koi8-r"'],
    ['a@example.com\n', 'mail: expected single address, got "\\n"'],
  ])('refuses %j with %j', (input, error) => {
    expect(address(input)).toEqual({ ok: false, error });
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
