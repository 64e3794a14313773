import { JsvReader } from './jsv-reader.js';
import { JsvSyntaxError } from './jsv-syntax-error.js';
import type { JsvObject, JsvValue } from './jsv-value.js';

export interface ParseJsvOptions {
  /**
   * Deepest nesting of objects and lists accepted. Request bodies come from strangers;
   * deeper input is a JsvSyntaxError instead of a stack overflow.
   * @default 64
   */
  maxDepth?: number;
}

/**
 * Reads JSV text as ServiceStack's reader does.
 *
 * - Scalars come back as strings, never numbers or booleans: JSV is untyped until a
 *   DTO binds it (use `jsvBoolean`, `jsvNumber`).
 * - `""` is the empty string; an empty bare value (`[a,,b]`, `{A:}`, empty text) is `null`.
 * - A bare value runs to the next `,` `}` `]` at its level and may hold `:` `"` `{` `[`
 *   and white space, all kept verbatim. A quoted value must be followed by a delimiter.
 * - White space is significant, except around keys (ServiceStack trims them, so
 *   `{ A:1,\n B:2}` has keys `A` and `B`) and around a whole object, list or quoted
 *   document. Not skipped anywhere else: `{A: {B:1}}` is a syntax error, as in ServiceStack.
 * - A repeated key keeps its last value.
 *
 * @throws JsvSyntaxError for malformed text, and for nothing else.
 */
export function parseJsv(text: string, options: ParseJsvOptions = {}): JsvValue {
  const { maxDepth = 64 } = options;
  return new JsvReader(text, maxDepth).readDocument();
}

/**
 * Reads JSV text that must be an object at the top level, as a request DTO body must.
 * @throws JsvSyntaxError when the text is malformed or not an object.
 */
export function parseJsvObject(text: string, options: ParseJsvOptions = {}): JsvObject {
  const value = parseJsv(text, options);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  const start = /^[ \t\r\n]*/.exec(text)?.[0].length ?? 0;
  throw new JsvSyntaxError('Expected an object at the top level', start);
}
