// Go's `%q` verb, as Traffic Ops' error texts use it (strconv.Quote and strconv.QuoteRune), so
// that a message about a bad address reads as the real server's does.

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
};

// strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function escapeCodePoint(character: string, quote: '"' | "'"): string {
  if (character === quote) return `\\${quote}`;
  const short = SHORT_ESCAPES[character];
  if (short !== undefined) return short;
  if (PRINTABLE.test(character)) return character;
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint < 0x80) return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  return codePoint < 0x10000 ? `\\u${codePoint.toString(16).padStart(4, '0')}` : `\\U${codePoint.toString(16).padStart(8, '0')}`;
}

/** `%q` of a Go string: double-quoted, with Go's escapes. */
export function goQuote(text: string): string {
  return `"${Array.from(text, (character) => escapeCodePoint(character, '"')).join('')}"`;
}

/** `%q` of a Go rune: single-quoted, with Go's escapes. */
export function goQuoteRune(character: string): string {
  return `'${escapeCodePoint(character, "'")}'`;
}
