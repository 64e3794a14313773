/**
 * The text fields of a `multipart/form-data` body (RFC 7578), which PHP puts in `$_POST` as it
 * does a URL-encoded form. File parts are skipped: no Teen Quotes parameter is a file. Returns
 * null when the body is not a multipart form with that boundary.
 */
export function multipartFormFields(body: Buffer, contentType: string): Map<string, string> | null {
  const boundary = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const delimiter = boundary?.[1] ?? boundary?.[2];
  if (delimiter === undefined) return null;
  // latin1 maps every byte to one character and back, so values can be decoded as UTF-8 later.
  const parts = body.toString('latin1').split(`--${delimiter}`);
  // parts[0] is the preamble; the last part must follow the close delimiter `--boundary--`.
  if (parts.length < 2 || !parts[parts.length - 1]!.startsWith('--')) return null;
  const fields = new Map<string, string>();
  for (const part of parts.slice(1, -1)) {
    const field = readPart(part);
    if (field === null) return null;
    if (field !== 'file') fields.set(field.name, Buffer.from(field.value, 'latin1').toString('utf8'));
  }
  return fields;
}

function readPart(part: string): { name: string; value: string } | 'file' | null {
  if (!part.startsWith('\r\n') || !part.endsWith('\r\n')) return null;
  const end = part.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const headers = part.slice(2, end).split('\r\n');
  const disposition = headers.find((header) => /^content-disposition\s*:/i.test(header));
  if (disposition === undefined || !/:\s*form-data\b/i.test(disposition)) return null;
  if (/;\s*filename\*?=/i.test(disposition)) return 'file';
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? /;\s*name=([^\s;"]+)/i.exec(disposition)?.[1];
  if (name === undefined) return null;
  return { name: Buffer.from(name, 'latin1').toString('utf8'), value: part.slice(end + 4, -2) };
}
