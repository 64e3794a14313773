import { isIP } from 'node:net';
import { goQuote, goQuoteRune } from './go-quote.js';
import { checkEncodedWord } from './rfc2047-word.js';

// Traffic Ops decodes `email` with Go's net/mail.ParseAddress (lib/go-rfc EmailAddress), so its
// clients may send "Name <a@b.c>", "a@b.c (Name)" or a one-address group. This is that parser's
// grammar and error texts, written for a JS string (already valid UTF-16, so Go's "invalid utf-8"
// errors cannot occur). The display name is checked, then dropped: only the address is used.
// The grammar is Go 1.23's, the Go Traffic Ops builds with: display-name atoms without specials and
// comments between words (1.22.1, CVE-2024-24784), domain literals (1.23). go-mail-answers.json holds
// Go's own answers, which the tests replay (scripts/record-go-mail-answers.mjs records them).

export type MailAddressParse = { readonly ok: true; readonly address: string } | { readonly ok: false; readonly error: string };

/** Parses one RFC 5322 address as Go's net/mail.ParseAddress does. */
export function parseGoMailAddress(input: string): MailAddressParse {
  const parser = new GoAddressParser(input);
  try {
    return { ok: true, address: parser.parseSingleAddress() };
  } catch (error) {
    if (error instanceof MailSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Go returns errors up a deep call chain; a private exception, caught above, does the same here. */
class MailSyntaxError extends Error {}

function fail(message: string): never {
  throw new MailSyntaxError(message);
}

const isVchar = (character: string) => (character >= '!' && character <= '~') || (character.codePointAt(0) ?? 0) >= 0x80;
const isWsp = (character: string) => character === ' ' || character === '\t';
const isQtext = (character: string) => character !== '\\' && character !== '"' && isVchar(character);
const isDtext = (character: string) => !'[]\\'.includes(character) && isVchar(character);
/** RFC 5322 atext; with `dot`, the period too. The specials (3.2.3) never. */
const isAtext = (character: string, dot: boolean) => (character === '.' ? dot : !'()<>[]:;@\\,"'.includes(character) && isVchar(character));

class GoAddressParser {
  constructor(private rest: string) {}

  parseSingleAddress(): string {
    const addresses = this.parseAddress(true);
    if (!this.skipCfws()) fail('mail: misformatted parenthetical comment');
    if (this.rest !== '') fail(`mail: expected single address, got ${goQuote(this.rest)}`);
    if (addresses.length === 0) fail('mail: empty group');
    if (addresses.length > 1) fail('mail: group with multiple addresses');
    return addresses[0] ?? fail('mail: empty group');
  }

  private parseAddress(handleGroup: boolean): string[] {
    this.skipSpace();
    if (this.rest === '') fail('mail: no address');
    // addr-spec is the narrower grammar: try it first, then name-addr (as Go does).
    const spec = this.tryAddrSpec();
    if (spec !== null) {
      this.skipSpace();
      if (this.rest.startsWith('(')) this.consumeDisplayNameComment();
      return [spec];
    }
    const displayName = this.rest.startsWith('<') ? '' : this.consumePhrase();
    this.skipSpace();
    if (handleGroup && this.consume(':')) return this.consumeGroupList();
    if (!this.consume('<')) {
      const looksLikeLocalPart = Array.from(displayName).every((character) => isAtext(character, true));
      fail(looksLikeLocalPart ? "mail: missing '@' or angle-addr" : 'mail: no angle-addr');
    }
    const address = this.consumeAddrSpec();
    if (!this.consume('>')) fail('mail: unclosed angle-addr');
    return [address];
  }

  private consumeGroupList(): string[] {
    const group: string[] = [];
    this.skipSpace();
    if (this.consume(';')) {
      if (!this.skipCfws()) fail('mail: misformatted parenthetical comment');
      return group;
    }
    for (;;) {
      this.skipSpace();
      group.push(...this.parseAddress(false));
      if (!this.skipCfws()) fail('mail: misformatted parenthetical comment');
      if (this.consume(';')) {
        if (!this.skipCfws()) fail('mail: misformatted parenthetical comment');
        return group;
      }
      if (!this.consume(',')) fail('mail: expected comma');
    }
  }

  /** The addr-spec at the start, or null with nothing consumed. */
  private tryAddrSpec(): string | null {
    try {
      return this.consumeAddrSpec();
    } catch (error) {
      if (error instanceof MailSyntaxError) return null;
      throw error;
    }
  }

  private consumeAddrSpec(): string {
    const saved = this.rest;
    try {
      this.skipSpace();
      if (this.rest === '') fail('mail: no addr-spec');
      let localPart: string;
      if (this.rest.startsWith('"')) {
        // Go replaces any quoted-string failure here by this one message.
        localPart = this.tryQuotedString() ?? '';
        if (localPart === '') fail('mail: empty quoted string in addr-spec');
      } else {
        localPart = this.consumeAtom(true, false);
      }
      if (!this.consume('@')) fail('mail: missing @ in addr-spec');
      this.skipSpace();
      if (this.rest === '') fail('mail: no domain in addr-spec');
      const domain = this.rest.startsWith('[') ? this.consumeDomainLiteral() : this.consumeAtom(true, false);
      return `${localPart}@${domain}`;
    } catch (error) {
      this.rest = saved;
      throw error;
    }
  }

  private consumePhrase(): string {
    const words: string[] = [];
    let previousWasEncoded = false;
    let firstError: string | null = null;
    for (;;) {
      // obs-phrase (RFC 5322 4.1): comments may stand between the words, and are dropped.
      if (words.length > 0 && !this.skipCfws()) fail('mail: misformatted parenthetical comment');
      this.skipSpace();
      if (this.rest === '') break;
      let word: string;
      let encoded = false;
      try {
        if (this.rest.startsWith('"')) {
          word = this.consumeQuotedString();
        } else {
          // Go is more permissive than RFC 5322 here: a dot-atom with any dots.
          word = this.consumeAtom(true, true);
          const check = checkEncodedWord(word);
          if (check.kind === 'unsupported-charset') fail(`charset not supported: ${goQuote(check.charset)}`);
          encoded = check.kind === 'encoded';
        }
      } catch (error) {
        if (!(error instanceof MailSyntaxError)) throw error;
        firstError = error.message;
        break;
      }
      // Adjacent encoded words join without a space (RFC 2047 §6.2).
      if (previousWasEncoded && encoded) words[words.length - 1] += word;
      else words.push(word);
      previousWasEncoded = encoded;
    }
    // An error after at least one word just ends the phrase.
    if (firstError !== null && words.length === 0) fail(`mail: missing word in phrase: ${firstError}`);
    return words.join(' ');
  }

  private tryQuotedString(): string | null {
    try {
      return this.consumeQuotedString();
    } catch (error) {
      if (error instanceof MailSyntaxError) return null;
      throw error;
    }
  }

  private consumeQuotedString(): string {
    const characters = Array.from(this.rest);
    let value = '';
    let escaped = false;
    let consumed = 1;
    for (let index = 1; ; index += 1) {
      const character = characters[index];
      if (character === undefined) return fail('mail: unclosed quoted-string');
      consumed += character.length;
      if (escaped) {
        if (!isVchar(character) && !isWsp(character)) fail(`mail: bad character in quoted-string: ${goQuoteRune(character)}`);
        value += character;
        escaped = false;
      } else if (isQtext(character) || isWsp(character)) {
        value += character;
      } else if (character === '"') {
        break;
      } else if (character === '\\') {
        escaped = true;
      } else {
        fail(`mail: bad character in quoted-string: ${goQuoteRune(character)}`);
      }
    }
    this.rest = this.rest.slice(consumed);
    return value;
  }

  /** An atom (a dot-atom with `dot`); `permissive` allows leading, trailing and double dots. */
  private consumeAtom(dot: boolean, permissive: boolean): string {
    let length = 0;
    for (const character of this.rest) {
      if (!isAtext(character, dot)) break;
      length += character.length;
    }
    if (length === 0) fail('mail: invalid string');
    const atom = this.rest.slice(0, length);
    this.rest = this.rest.slice(length);
    if (!permissive) {
      if (atom.startsWith('.')) fail('mail: leading dot in atom');
      if (atom.includes('..')) fail('mail: double dot in atom');
      if (atom.endsWith('.')) fail('mail: trailing dot in atom');
    }
    return atom;
  }

  private consumeDomainLiteral(): string {
    this.consume('[');
    let text = '';
    for (;;) {
      const character = Array.from(this.rest.slice(0, 2))[0];
      if (character === undefined) fail('mail: unclosed domain-literal');
      if (character === ']') break;
      if (!isDtext(character)) fail(`mail: bad character in domain-literal: ${goQuoteRune(character)}`);
      text += character;
      this.rest = this.rest.slice(character.length);
    }
    this.consume(']');
    // Go accepts only an IP address (net.ParseIP): no zone, no "IPv6:" tag.
    if (isIP(text) === 0 || text.includes('%')) fail(`mail: invalid IP address in domain-literal: ${goQuote(text)}`);
    return `[${text}]`;
  }

  private consumeDisplayNameComment(): void {
    this.consume('(');
    const comment = this.consumeComment();
    if (comment === null) fail('mail: misformatted parenthetical comment');
    for (const word of comment.split(/[ \t]+/).filter(Boolean)) {
      const check = checkEncodedWord(word);
      if (check.kind === 'unsupported-charset') fail(`charset not supported: ${goQuote(check.charset)}`);
    }
  }

  /** After a consumed "(": the comment's text, or null when it never closes. */
  private consumeComment(): string | null {
    let depth = 1;
    let comment = '';
    while (this.rest !== '' && depth > 0) {
      if (this.rest.startsWith('\\') && this.rest.length > 1) this.rest = this.rest.slice(1);
      else if (this.rest.startsWith('(')) depth += 1;
      else if (this.rest.startsWith(')')) depth -= 1;
      if (depth > 0) comment += this.rest.slice(0, 1);
      this.rest = this.rest.slice(1);
    }
    return depth === 0 ? comment : null;
  }

  /** CFWS (RFC 5322 3.2.2) without folding; false for a comment that never closes. */
  private skipCfws(): boolean {
    this.skipSpace();
    while (this.consume('(')) {
      if (this.consumeComment() === null) return false;
      this.skipSpace();
    }
    return true;
  }

  private skipSpace(): void {
    this.rest = this.rest.replace(/^[ \t]+/, '');
  }

  private consume(character: string): boolean {
    if (!this.rest.startsWith(character)) return false;
    this.rest = this.rest.slice(1);
    return true;
  }
}
