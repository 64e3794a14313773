import { scanFirstJsonValue } from './go-json-scanner.js';

// Traffic Ops reads a body with Go's json.NewDecoder(r.Body).Decode: it takes the FIRST JSON value
// and ignores whatever follows it, whatever the Content-Type. This finds that value, so a client
// that sends a trailing newline (or more) is answered as the real server answers it.

export type FirstJsonValue =
  { readonly ok: true; readonly value: unknown; readonly source: string } | { readonly ok: false; readonly reason: string };

const JSON_WHITESPACE = /[^ \t\n\r]/;
const SCALAR_CHARACTERS = /[0-9A-Za-z+\-.]/;

/** Where the JSON value starting at `start` of a text the scanner accepted ends (exclusive), or -1 when the text ends first. */
function endOfValue(text: string, start: number): number {
  const opening = text[start];
  if (opening === '{' || opening === '[' || opening === '"') {
    let depth = 0;
    let inString = false;
    for (let index = start; index < text.length; index += 1) {
      const character = text[index];
      if (inString) {
        if (character === '\\') index += 1;
        else if (character === '"') inString = false;
      } else if (character === '"') {
        inString = true;
      } else if (character === '{' || character === '[') {
        depth += 1;
      } else if (character === '}' || character === ']') {
        depth -= 1;
      }
      if (!inString && depth === 0) return index + 1;
    }
    return -1;
  }
  let end = start;
  while (end < text.length && SCALAR_CHARACTERS.test(text[end] ?? '')) end += 1;
  return end;
}

/** The first JSON value of a body, or Go's reason text for why there is none (json.Decoder's). */
export function decodeFirstJsonValue(body: Uint8Array | string): FirstJsonValue {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const scanned = scanFirstJsonValue(bytes);
  if (!scanned.ok) return scanned;
  // Go reads bytes that are not UTF-8 as replacement characters, as toString does.
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, scanned.end)
    .toString('utf8')
    .replace(/^[ \t\n\r]+/, '');
  return { ok: true, value: JSON.parse(source) as unknown, source };
}

export type RawJsonMember = { readonly key: string; readonly rawValue: string };

/**
 * The members of a JSON object's text (one JSON.parse already accepted), in their order and with
 * duplicates kept, each value as its exact text: encoding/json hands an Unmarshaler those bytes, and
 * decodes every member in turn, where JSON.parse keeps only the last of a duplicated key.
 */
export function rawObjectMembers(objectText: string): RawJsonMember[] {
  const members: RawJsonMember[] = [];
  const skipWhitespace = (from: number) => {
    const offset = objectText.slice(from).search(JSON_WHITESPACE);
    return offset === -1 ? objectText.length : from + offset;
  };
  let index = skipWhitespace(1);
  while (objectText[index] === '"') {
    const keyEnd = endOfValue(objectText, index);
    const key = JSON.parse(objectText.slice(index, keyEnd)) as string;
    const valueStart = skipWhitespace(skipWhitespace(keyEnd) + 1);
    const valueEnd = endOfValue(objectText, valueStart);
    members.push({ key, rawValue: objectText.slice(valueStart, valueEnd) });
    index = skipWhitespace(valueEnd);
    if (objectText[index] === ',') index = skipWhitespace(index + 1);
  }
  return members;
}
