import type { JsvObject, JsvValue } from './jsv-value.js';

// ServiceStack.Text's JsWriter.EscapeChars: a string holding any of these is quoted.
const CHARACTERS_THAT_FORCE_QUOTES = /[":,{}[\]\r\n]/;
// Readers trim white space around a bare key (ServiceStack's DeserializeTypeRefJsv
// calls Trim() on it), so such a key only survives quoted. ServiceStack itself does not
// quote here; quoting is always safe for its reader, so we do.
const EDGE_WHITESPACE = /^\s|\s$/;

/**
 * Writes a value as ServiceStack writes it: `{key:value}` and `[a,b]` without white
 * space, `True`/`False`, invariant-culture numbers, bare strings unless quoting is needed.
 *
 * - `null` properties are omitted from objects (ServiceStack's JSV never writes nulls).
 * - A `null` list item is written as an empty item (`[a,,b]`), which ServiceStack reads
 *   back as `null`; a list of exactly one `null` is therefore `[]`.
 * - A `null` at the top level is the empty string.
 *
 * @throws RangeError for NaN or ±Infinity, which JSV cannot represent.
 * @throws TypeError for anything that is not a JsvValue (a Date, a Map, a function…).
 */
export function stringifyJsv(value: JsvValue): string {
  return writeValue(value);
}

/** Writes a string, quoting it as ServiceStack does; `""` is the empty string. */
function writeJsvString(text: string): string {
  if (text === '') return '""';
  return CHARACTERS_THAT_FORCE_QUOTES.test(text) ? quote(text) : text;
}

/** Writes an object key: the string rules, plus quotes around edge white space. */
function writeJsvKey(key: string): string {
  return EDGE_WHITESPACE.test(key) ? quote(key) : writeJsvString(key);
}

/**
 * Writes a finite number in invariant culture. Integers are written in full, never in
 * exponent form: .NET's int and long parsers reject `1e+21`, which is what JavaScript
 * switches to at 10^21. Fractions use JavaScript's shortest round-trip form (`1.5e-7` below
 * 10^-6), which .NET's double parser (NumberStyles.Float) reads back exactly.
 */
function writeJsvNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('JSV cannot represent NaN or Infinity');
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

// `undefined` is accepted at run time and treated like null, for callers outside TypeScript.
function writeValue(value: JsvValue | undefined): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return writeJsvString(value);
    case 'number':
      return writeJsvNumber(value);
    case 'boolean':
      return value ? 'True' : 'False';
  }
  if (Array.isArray(value)) return `[${value.map(writeValue).join(',')}]`;
  if (isPlainObject(value)) return writeObject(value);
  throw new TypeError(`JSV cannot represent ${describeType(value)}`);
}

function writeObject(value: JsvObject): string {
  const members: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    members.push(`${writeJsvKey(key)}:${writeValue(item)}`);
  }
  return `{${members.join(',')}}`;
}

function isPlainObject(value: unknown): value is JsvObject {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describeType(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `a ${typeof value}`;
  return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
}
