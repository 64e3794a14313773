import type { Response } from 'express';

// How Teen Quotes wrote every answer: Laravel 4's `Response::json($data, $status, $headers)`, an
// Illuminate JsonResponse whose setData is `json_encode($data)` with no options, under Symfony's
// JsonResponse, which sets `Content-Type: application/json` and nothing more (Symfony adds a charset
// to text/* types only). express's res.json() would send `application/json; charset=utf-8`, which a
// client comparing the header would not recognise, so the bytes and the header are written here.

/** Every character json_encode escapes beyond JSON.stringify: `/`, and each UTF-16 unit past ASCII. */
const ESCAPED_BY_PHP = /[/\u0080-\uffff]/g;

/** PHP's `json_encode($value)` with no options: `\/` for a slash and `\uXXXX` (lower-case) for non-ASCII. */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value).replace(ESCAPED_BY_PHP, (character) =>
    character === '/' ? '\\/' : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The content type of every Teen Quotes answer, exactly. */
export const TEENQUOTES_CONTENT_TYPE = 'application/json';

/** Writes `data` as Laravel 4's JsonResponse did: json_encode's bytes, `Content-Type: application/json`. */
export function sendLaravelJson(res: Response, status: number, data: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const body = Buffer.from(phpJsonEncode(data), 'utf8');
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // setHeader, not res.type() or res.json(): those add "; charset=utf-8".
  res.setHeader('Content-Type', TEENQUOTES_CONTENT_TYPE);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}
