import { goQuote } from './go-quote.js';

// Where the first JSON value of a body ends, or Go's words for why it is not JSON: the states of
// encoding/json's scanner (scanner.go), stepped over the bytes as json.Decoder steps them. Bytes,
// not characters: Go names the offending byte as if it were a Latin-1 character ('Ã' for the first
// byte of "é"), and that is what its clients see after "Malformed request: ".

export type ScannedValue = { readonly ok: true; readonly end: number } | { readonly ok: false; readonly reason: string };

/** Go's `maxNestingDepth`: deeper arrays and objects are refused. */
const MAX_NESTING_DEPTH = 10_000;

type Container = 'object-key' | 'object-value' | 'array';
/** What one byte did: carried on, ended the first value (the byte is not part of it when `before`), or failed. */
type Step =
  { readonly kind: 'continue' } | { readonly kind: 'end'; readonly before: boolean } | { readonly kind: 'error'; readonly context: string };
type State = (byte: number) => Step;

const CONTINUE: Step = { kind: 'continue' };
const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
const isHex = (byte: number) => isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
const error = (context: string): Step => ({ kind: 'error', context });

/** Go's quoteChar: the byte as a rune in single quotes, escaped as strconv.Quote escapes it. */
function quoteByte(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return `'"'`;
  return `'${goQuote(String.fromCharCode(byte)).slice(1, -1)}'`;
}

/** Steps a scanner over `bytes` from the start; the first complete value's end, or why not. */
export function scanFirstJsonValue(bytes: Uint8Array): ScannedValue {
  const stack: Container[] = [];
  let state: State;

  const literal = (name: string, rest: string): State => {
    const expected = rest.charCodeAt(0);
    return (byte) => {
      if (byte !== expected) return error(`in literal ${name} (expecting ${quoteByte(expected)})`);
      state = rest.length > 1 ? literal(name, rest.slice(1)) : endValue;
      return CONTINUE;
    };
  };
  const push = (container: Container): Step => {
    stack.push(container);
    return stack.length > MAX_NESTING_DEPTH ? error('exceeded max depth') : CONTINUE;
  };
  const beginValue: State = (byte) => {
    if (isSpace(byte)) return CONTINUE;
    switch (byte) {
      case 0x7b /* { */:
        state = beginStringOrEmpty;
        return push('object-key');
      case 0x5b /* [ */:
        state = beginValueOrEmpty;
        return push('array');
      case 0x22 /* " */:
        state = inString;
        return CONTINUE;
      case 0x2d /* - */:
        state = negative;
        return CONTINUE;
      case 0x30 /* 0 */:
        state = zero;
        return CONTINUE;
      case 0x74 /* t */:
        state = literal('true', 'rue');
        return CONTINUE;
      case 0x66 /* f */:
        state = literal('false', 'alse');
        return CONTINUE;
      case 0x6e /* n */:
        state = literal('null', 'ull');
        return CONTINUE;
    }
    if (byte >= 0x31 && byte <= 0x39) {
      state = nonZero;
      return CONTINUE;
    }
    return error('looking for beginning of value');
  };
  const beginValueOrEmpty: State = (byte) => {
    if (isSpace(byte)) return CONTINUE;
    return byte === 0x5d /* ] */ ? endValue(byte) : beginValue(byte);
  };
  const beginStringOrEmpty: State = (byte) => {
    if (isSpace(byte)) return CONTINUE;
    if (byte === 0x7d /* } */) {
      stack[stack.length - 1] = 'object-value';
      return endValue(byte);
    }
    return beginString(byte);
  };
  const beginString: State = (byte) => {
    if (isSpace(byte)) return CONTINUE;
    if (byte !== 0x22) return error('looking for beginning of object key string');
    state = inString;
    return CONTINUE;
  };
  const endValue: State = (byte) => {
    const container = stack[stack.length - 1];
    // A scalar at the top level ends at the first byte that cannot continue it, whatever that byte:
    // Go's stateEndTop complains of a non-space one only on the next Decode, which Traffic Ops never makes.
    if (container === undefined) return { kind: 'end', before: true };
    if (isSpace(byte)) {
      state = endValue;
      return CONTINUE;
    }
    const close = (): Step => {
      stack.pop();
      state = endValue;
      // An object or array at the top level ends with its closing byte.
      return stack.length === 0 ? { kind: 'end', before: false } : CONTINUE;
    };
    if (container === 'object-key') {
      if (byte !== 0x3a /* : */) return error('after object key');
      stack[stack.length - 1] = 'object-value';
      state = beginValue;
      return CONTINUE;
    }
    if (container === 'object-value') {
      if (byte === 0x2c /* , */) {
        stack[stack.length - 1] = 'object-key';
        state = beginString;
        return CONTINUE;
      }
      return byte === 0x7d ? close() : error('after object key:value pair');
    }
    if (byte === 0x2c) {
      state = beginValue;
      return CONTINUE;
    }
    return byte === 0x5d ? close() : error('after array element');
  };
  const inString: State = (byte) => {
    if (byte === 0x22) state = endValue;
    else if (byte === 0x5c /* \ */) state = inStringEscape;
    else if (byte < 0x20) return error('in string literal');
    return CONTINUE;
  };
  const inStringEscape: State = (byte) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(byte))) state = inString;
    else if (byte === 0x75 /* u */) state = unicodeEscape(4);
    else return error('in string escape code');
    return CONTINUE;
  };
  const unicodeEscape =
    (remaining: number): State =>
    (byte) => {
      if (!isHex(byte)) return error('in \\u hexadecimal character escape');
      state = remaining > 1 ? unicodeEscape(remaining - 1) : inString;
      return CONTINUE;
    };
  const negative: State = (byte) => {
    if (byte === 0x30) state = zero;
    else if (byte >= 0x31 && byte <= 0x39) state = nonZero;
    else return error('in numeric literal');
    return CONTINUE;
  };
  const nonZero: State = (byte) => (isDigit(byte) ? CONTINUE : zero(byte));
  const zero: State = (byte) => {
    if (byte === 0x2e /* . */) state = dot;
    else if (byte === 0x65 || byte === 0x45 /* e E */) state = exponent;
    else return endValue(byte);
    return CONTINUE;
  };
  const dot: State = (byte) => {
    if (!isDigit(byte)) return error('after decimal point in numeric literal');
    state = fraction;
    return CONTINUE;
  };
  const fraction: State = (byte) => {
    if (isDigit(byte)) return CONTINUE;
    if (byte !== 0x65 && byte !== 0x45) return endValue(byte);
    state = exponent;
    return CONTINUE;
  };
  const exponent: State = (byte) => {
    if (byte !== 0x2b && byte !== 0x2d /* + - */) return exponentSign(byte);
    state = exponentSign;
    return CONTINUE;
  };
  const exponentSign: State = (byte) => {
    if (!isDigit(byte)) return error('in exponent of numeric literal');
    state = exponentDigits;
    return CONTINUE;
  };
  const exponentDigits: State = (byte) => (isDigit(byte) ? CONTINUE : endValue(byte));

  state = beginValue;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] ?? 0;
    const step = state(byte);
    if (step.kind === 'error') return { ok: false, reason: `invalid character ${quoteByte(byte)} ${step.context}` };
    if (step.kind === 'end') return { ok: true, end: step.before ? index : index + 1 };
  }
  // The body ended: a scalar may end with it (Go steps a space); anything else was cut short.
  const atEnd = state(0x20);
  if (atEnd.kind === 'end') return { ok: true, end: bytes.length };
  return { ok: false, reason: bytes.some((byte) => !isSpace(byte)) ? 'unexpected EOF' : 'EOF' };
}
