import type { Request } from 'express';
import { LEGACY_MAX_BODY_BYTES } from '../legacy-dependencies.js';

export type RawBody = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: 'TOO_LARGE' | 'UNREADABLE' };

/**
 * Reads the whole body as bytes, refusing more than the limit without buffering it all, so
 * each legacy API can parse it by its own rules (JSON, JSV, form) and answer in its own envelope.
 */
export async function readRawBody(req: Request, limit = LEGACY_MAX_BODY_BYTES): Promise<RawBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return { ok: false, reason: 'TOO_LARGE' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.length;
      if (size > limit) {
        req.resume();
        return { ok: false, reason: 'TOO_LARGE' };
      }
      chunks.push(buffer);
    }
  } catch {
    return { ok: false, reason: 'UNREADABLE' };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
