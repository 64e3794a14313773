import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostedResetPage, RESET_PAGE_CONTENT_SECURITY_POLICY } from './hosted-reset-page.js';

describe('the hosted reset page router', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use(hostedResetPage());
    app.use((_req, res) => void res.status(404).json({ error: 'NOT_FOUND' }));
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** What both hosted pages answer with: HTML that nothing may cache, frame, sniff or refer from. */
  function expectPageHeaders(response: Response): void {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(RESET_PAGE_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  }

  it('serves the page as HTML that nothing may cache, frame or refer from', async () => {
    const response = await fetch(`${url}/reset`);
    expectPageHeaders(response);
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/reset/assets/hosted-page-entry.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/i);
  });

  it('serves the "this wasn’t me" page at /secure under the same headers, for GET and HEAD only', async () => {
    const response = await fetch(`${url}/secure`);
    expectPageHeaders(response);
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/reset/assets/secure-page-entry.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/i);
    expect((await fetch(`${url}/reset/assets/secure-page-entry.js`)).status).toBe(200);
    const posted = await fetch(`${url}/secure`, { method: 'POST', body: 'token=x' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves every module the page imports, and its style sheet, with their content types', async () => {
    for (const [path, type] of [
      ['hosted-page-entry.js', 'text/javascript; charset=utf-8'],
      ['mount-reset-page.js', 'text/javascript; charset=utf-8'],
      ['messages/nl.js', 'text/javascript; charset=utf-8'],
      ['reset-page.css', 'text/css; charset=utf-8'],
    ]) {
      const response = await fetch(`${url}/reset/assets/${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('answers 304 to a revalidation of an unchanged asset', async () => {
    const first = await fetch(`${url}/reset/assets/reset-page.css`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // fetch() adds `Cache-Control: no-cache` to conditional requests unless one is given, as a browser revalidating does not.
    const second = await fetch(`${url}/reset/assets/reset-page.css`, {
      headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' },
    });
    expect(second.status).toBe(304);
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await fetch(`${url}/reset`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it('refuses other methods with 405 and an Allow header', async () => {
    for (const [method, path] of [
      ['POST', '/reset'],
      ['PUT', '/reset'],
      ['DELETE', '/reset/assets/reset-page.css'],
    ] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('serves nothing but the package files: no source maps, no declarations, no way out', async () => {
    for (const path of ['index.d.ts', 'missing.js', '..%2Fpackage.json', '../package.json', 'reset-page.html']) {
      const response = await fetch(`${url}/reset/assets/${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});
