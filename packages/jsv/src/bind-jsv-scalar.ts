// What .NET's parsers skip around a value (NumberStyles.Float, bool.Parse); ServiceStack
// binds DTO properties through them, so `{Latitude: 1.5}` binds 1.5 despite the space.
const DOTNET_WHITESPACE = new Set(['\t', '\n', '\v', '\f', '\r', ' ']);
// Invariant culture, NumberStyles.Float: sign, digits with an optional point, exponent.
// No thousands separators, no hex, no Infinity or NaN. Written without ambiguous
// repetition so hostile input cannot make it backtrack.
const INVARIANT_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Binds JSV text to a boolean as a ServiceStack `bool` property would: `True`/`False`
 * in any letter case, surrounding white space ignored.
 * @returns `undefined` when the text is not a boolean (a validation error for the caller).
 */
export function jsvBoolean(text: string): boolean | undefined {
  const word = trimDotnetWhitespace(text).toLowerCase();
  if (word === 'true') return true;
  if (word === 'false') return false;
  return undefined;
}

/**
 * Binds JSV text to a finite number as a ServiceStack `double` property would:
 * invariant culture (`.` for decimals, optional exponent), surrounding white space ignored.
 * Check `Number.isInteger` on the result where the DTO property is an `int`.
 * @returns `undefined` when the text is not a finite number.
 */
export function jsvNumber(text: string): number | undefined {
  const trimmed = trimDotnetWhitespace(text);
  if (!INVARIANT_NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

// A loop, not /\s+$/, which backtracks quadratically on long runs of spaces.
function trimDotnetWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && DOTNET_WHITESPACE.has(text.charAt(start))) start++;
  while (end > start && DOTNET_WHITESPACE.has(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}
