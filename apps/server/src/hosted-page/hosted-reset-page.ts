import { Router, type RequestHandler } from 'express';
import { readResetPageFiles, type ResetPageFiles } from './reset-page-assets.js';

/**
 * The page's own files and our API only: no inline script or style (so no `style=` either), no
 * third party, no framing, no form posting elsewhere, no `<base>` rewriting relative URLs.
 */
export const RESET_PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Headers on everything under `/reset` and on `/secure`. The secret is in the page's fragment: nothing may leak it. */
const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', RESET_PAGE_CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
};

const methodNotAllowed: RequestHandler = (_req, res) => {
  res.setHeader('Allow', 'GET, HEAD');
  res.status(405).json({ error: 'METHOD_NOT_ALLOWED', message: 'Only GET and HEAD are allowed here.' });
};

/**
 * The hosted reset page: `GET /reset` (the link's target; the secret rides in `#token=…`) and
 * its scripts and style sheet under `/reset/assets/`; and `GET /secure`, the "this wasn't me" page
 * of the password-changed mail (same rules, its secret a dispute secret). Only GET and HEAD: a
 * page a mail scanner may fetch must change nothing; the page secures the account by POSTing
 * `passwordReset.dispute` on the user's click. Files come from `@pwreset/reset-page`, read once
 * when the router is built.
 */
export function hostedResetPage(files: ResetPageFiles = readResetPageFiles()): Router {
  const router = Router();
  // Both pages under the same headers and rules: GET and HEAD only, never stored.
  const servePage = (path: string, html: ResetPageFiles['html']) => {
    router.use(path, securityHeaders);
    router
      .route(path)
      .get((_req, res) => {
        // The page is the same for everyone, but a shared cache has no business keeping any of it.
        res.setHeader('Cache-Control', 'no-store');
        res.type('html').send(html);
      })
      .all(methodNotAllowed);
  };
  servePage('/reset', files.html);
  servePage('/secure', files.secureHtml);
  router
    .route('/reset/assets/*path')
    .get((req, res, next) => {
      const segments: unknown = req.params.path;
      const asset = Array.isArray(segments) ? files.assets.get(segments.join('/')) : undefined;
      if (!asset) return next('route');
      // File names carry no version, so every use revalidates (a 304 by ETag): never a stale mix.
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Type', asset.contentType);
      res.send(asset.body);
    })
    .all(methodNotAllowed);
  return router;
}
