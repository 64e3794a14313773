import type { Request } from 'express';
import { LEGACY_MAX_BODY_BYTES } from '../legacy-dependencies.js';

export type RawBody = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: 'TOO_LARGE' | 'UNREADABLE' };

/**
 * A body we refuse is not read to its end (that would be the denial of service the limit
 * prevents), so the connection cannot carry another request: the answer closes it, and the
 * client's next request opens a fresh one instead of failing on a half-read stream.
 */
function refuseOversized(req: Request): RawBody {
  req.res?.setHeader('Connection', 'close');
  req.pause();
  return { ok: false, reason: 'TOO_LARGE' };
}

/**
 * Reads the whole body as bytes, refusing more than the limit without buffering it all, so
 * each legacy API can parse it by its own rules (JSON, JSV, form) and answer in its own envelope.
 */
export function readRawBody(req: Request, limit = LEGACY_MAX_BODY_BYTES): Promise<RawBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(refuseOversized(req));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: RawBody) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buffer.length;
      if (size > limit) return finish(refuseOversized(req));
      chunks.push(buffer);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks) });
    const onError = () => finish({ ok: false, reason: 'UNREADABLE' });
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
