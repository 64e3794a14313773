import type { Request } from 'express';
import type { ResponseFormat } from './antel-paths.js';

const FORMAT_BY_MEDIA_TYPE: Readonly<Record<string, ResponseFormat>> = {
  'application/json': 'json',
  'text/jsv': 'jsv',
  'application/jsv': 'jsv',
  '*/*': 'json',
  'application/*': 'json',
  'text/*': 'json',
};

/**
 * The response format, in ServiceStack's order of precedence: `?format=`, then the path
 * suffix, then `Accept`; JSON when nothing asks for either. Other formats ServiceStack knows
 * (xml, csv…) are not served here, so they fall through to the next rule and end as JSON.
 */
export function chooseResponseFormat(req: Request, suffixFormat: ResponseFormat | undefined): ResponseFormat {
  return formatFromQuery(req.originalUrl) ?? suffixFormat ?? formatFromAccept(req.get('accept')) ?? 'json';
}

function formatFromQuery(url: string): ResponseFormat | undefined {
  const query = url.indexOf('?');
  if (query === -1) return undefined;
  // The last `format` wins, as for every other query parameter we bind.
  const value = new URLSearchParams(url.slice(query + 1)).getAll('format').at(-1)?.trim().toLowerCase();
  return value === 'json' || value === 'jsv' ? value : undefined;
}

/** The most preferred of JSON and JSV in an Accept header (q-values respected, q=0 excluded). */
export function formatFromAccept(accept: string | undefined): ResponseFormat | undefined {
  if (accept === undefined) return undefined;
  let best: { format: ResponseFormat; quality: number; wildcard: boolean } | undefined;
  for (const range of accept.slice(0, 2048).split(',')) {
    const [mediaType = '', ...parameters] = range.split(';');
    const format = FORMAT_BY_MEDIA_TYPE[mediaType.trim().toLowerCase()];
    if (format === undefined) continue;
    const qualityParameter = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('q='));
    const quality = qualityParameter === undefined ? 1 : Number(qualityParameter.slice(2));
    if (!Number.isFinite(quality) || quality <= 0) continue;
    // Earlier wins at equal quality, except that a named type outranks a wildcard (RFC 9110 §12.5.1):
    // `*/*, text/jsv` is JSV.
    const wildcard = mediaType.includes('*');
    if (!best || quality > best.quality || (quality === best.quality && best.wildcard && !wildcard)) best = { format, quality, wildcard };
  }
  return best?.format;
}
