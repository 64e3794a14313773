import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

export interface ResetPageAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

export interface ResetPageFiles {
  /** The page itself, served at `/reset`. */
  readonly html: Buffer;
  /** The "this wasn't me" page, served at `/secure`; it loads its module and the style sheet from `/reset/assets/`. */
  readonly secureHtml: Buffer;
  /** Its scripts and style sheet by path under `/reset/assets/`, e.g. `messages/fr.js`. */
  readonly assets: ReadonlyMap<string, ResetPageAsset>;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * Reads the built `@pwreset/reset-page` package once, at start-up: its HTML and CSS from
 * `assets/`, and every compiled module from `dist/` (the browser loads them as ES modules, so
 * each relative import must be servable). Only files found here are ever served.
 */
export function readResetPageFiles(): ResetPageFiles {
  const require = createRequire(import.meta.url);
  const html = readFileSync(require.resolve('@pwreset/reset-page/assets/reset-page.html'));
  const secureHtml = readFileSync(require.resolve('@pwreset/reset-page/assets/secure-page.html'));
  const css = readFileSync(require.resolve('@pwreset/reset-page/assets/reset-page.css'));
  const distDir = dirname(require.resolve('@pwreset/reset-page'));
  const assets = new Map<string, ResetPageAsset>([['reset-page.css', { body: css, contentType: CSS }]]);
  for (const file of readdirSync(distDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    assets.set(file.split(sep).join('/'), { body: readFileSync(join(distDir, file)), contentType: JAVASCRIPT });
  }
  return { html, secureHtml, assets };
}
