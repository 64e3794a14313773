import { JsvSyntaxError, describeJsvCharacter } from './jsv-syntax-error.js';
import type { JsvObject, JsvValue } from './jsv-value.js';

// JSV is white-space significant (ServiceStack's JsvTypeSerializer.EatWhitespace does
// nothing): only the places commented below skip these.
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
// A bare (unquoted) value or key runs up to one of these at its own nesting level.
const BARE_END = new Set([',', '}', ']']);

/** Recursive-descent reader over one JSV text; use once. */
export class JsvReader {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  readDocument(): JsvValue {
    // White space around a whole object, list or quoted string is skipped: a request
    // body often ends with a newline. A bare scalar keeps its white space, as everywhere.
    const start = this.indexAfterWhitespace(this.position);
    const first = this.text[start];
    const structured = first === '{' || first === '[' || first === '"';
    if (structured) this.position = start;
    const value = this.readValue(0);
    if (structured) this.position = this.indexAfterWhitespace(this.position);
    if (this.position < this.text.length) {
      throw new JsvSyntaxError(`Unexpected ${this.describeNext()} after the value`, this.position);
    }
    return value;
  }

  private readValue(depth: number): JsvValue {
    switch (this.text[this.position]) {
      case '{':
        return this.readObject(depth + 1);
      case '[':
        return this.readList(depth + 1);
      case '"':
        return this.readQuoted();
      default: {
        // ServiceStack reads an empty item as the type's default: null for strings.
        const bare = this.readBare();
        return bare === '' ? null : bare;
      }
    }
  }

  private readObject(depth: number): JsvObject {
    const openedAt = this.enter(depth);
    const result: JsvObject = {};
    // `{ }` is an empty object: the white space before a key is skipped anyway.
    this.position = this.indexAfterWhitespace(this.position);
    if (this.consume('}')) return result;
    for (;;) {
      const key = this.readKey();
      // A repeated key overwrites the earlier one, as ServiceStack's property setter does.
      // defineProperty, not assignment, so a `__proto__` key is data, not a prototype.
      Object.defineProperty(result, key, { value: this.readValue(depth), enumerable: true, writable: true, configurable: true });
      if (this.closeOrContinue('}', openedAt, 'object')) return result;
    }
  }

  private readList(depth: number): JsvValue[] {
    const openedAt = this.enter(depth);
    const items: JsvValue[] = [];
    if (this.consume(']')) return items;
    for (;;) {
      items.push(this.readValue(depth));
      if (this.closeOrContinue(']', openedAt, 'list')) return items;
    }
  }

  /** Reads a key and its `:`. ServiceStack trims keys, so white space around one is skipped. */
  private readKey(): string {
    this.position = this.indexAfterWhitespace(this.position);
    const start = this.position;
    const first = this.text[start];
    let key: string;
    if (first === '"') {
      key = this.readQuoted();
    } else if (first === undefined || first === ':' || first === '{' || first === '[' || BARE_END.has(first)) {
      throw new JsvSyntaxError(`Expected a key, found ${this.describeNext()}`, start);
    } else {
      this.readBare(':');
      // A loop, not /\s+$/, which backtracks quadratically on long runs of spaces.
      let end = this.position;
      while (WHITESPACE.has(this.text.charAt(end - 1))) end--;
      key = this.text.slice(start, end);
    }
    this.position = this.indexAfterWhitespace(this.position);
    if (!this.consume(':')) throw new JsvSyntaxError(`Expected ':' after a key, found ${this.describeNext()}`, this.position);
    return key;
  }

  /** A quoted string: CSV-style, `""` inside stands for one `"`. */
  private readQuoted(): string {
    const openedAt = this.position;
    let result = '';
    let from = openedAt + 1;
    for (;;) {
      const quote = this.text.indexOf('"', from);
      if (quote === -1) throw new JsvSyntaxError('Unterminated quoted string', openedAt);
      result += this.text.slice(from, quote);
      if (this.text[quote + 1] !== '"') {
        this.position = quote + 1;
        return result;
      }
      result += '"';
      from = quote + 2;
    }
  }

  private readBare(alsoEndAt?: string): string {
    const start = this.position;
    let index = start;
    for (; index < this.text.length; index++) {
      const character = this.text.charAt(index);
      if (BARE_END.has(character) || character === alsoEndAt) break;
    }
    this.position = index;
    return this.text.slice(start, index);
  }

  private consume(character: string): boolean {
    const found = this.text[this.position] === character;
    if (found) this.position++;
    return found;
  }

  /** After an item: true when `closer` ended the container, false after a `,`. */
  private closeOrContinue(closer: '}' | ']', openedAt: number, kind: string): boolean {
    if (this.consume(closer)) return true;
    if (this.consume(',')) return false;
    if (this.position === this.text.length) throw new JsvSyntaxError(`Unterminated ${kind} opened at position ${openedAt}`, this.position);
    throw new JsvSyntaxError(`Expected ',' or '${closer}' in the ${kind}, found ${this.describeNext()}`, this.position);
  }

  /** Steps over an opening bracket, refusing nesting that could exhaust the stack. */
  private enter(depth: number): number {
    if (depth > this.maxDepth) throw new JsvSyntaxError(`Nesting deeper than ${this.maxDepth} levels`, this.position);
    return this.position++;
  }

  private indexAfterWhitespace(index: number): number {
    while (index < this.text.length && WHITESPACE.has(this.text.charAt(index))) index++;
    return index;
  }

  private describeNext(): string {
    return describeJsvCharacter(this.text[this.position]);
  }
}
