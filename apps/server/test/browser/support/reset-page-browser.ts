import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { secretFromMail, type TestServer } from '../../support/test-server.js';

/** Debian's Chromium; no browser is ever downloaded. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const OLD_PASSWORD = 'original-password-1';
export const GOOD_PASSWORD = 'correct horse battery staple';

let userCount = 0;

export interface UserWithResetLink {
  readonly email: string;
  readonly userId: string;
  readonly secret: string;
  /** The hosted page with the secret in the fragment, as the mail links it. */
  readonly link: string;
}

/** A fresh user, a reset requested for them by the test client, and the link from the mail. */
export async function userWithResetLink(server: TestServer): Promise<UserWithResetLink> {
  userCount += 1;
  const email = `reader${userCount}-${process.pid}@example.com`;
  const created = await server.users.createUser({ email, password: OLD_PASSWORD, name: 'Robin Reader' });
  if (!created.created) throw new Error(`user ${email} exists`);
  const secret = await requestResetSecret(server, email);
  return { email, userId: created.userId, secret, link: resetLink(server, secret) };
}

/** Asks for a reset and reads the secret from the newest reset mail to `email`. */
export async function requestResetSecret(server: TestServer, email: string): Promise<string> {
  await server.trpc.passwordReset.request.mutate({ email, locale: 'en' });
  const mail = (await server.mails()).filter((candidate) => candidate.to === email && candidate.kind === 'password-reset').at(-1);
  if (!mail) throw new Error(`no reset mail for ${email}`);
  return secretFromMail(mail);
}

export function resetLink(server: TestServer, secret: string): string {
  return `${server.url}/reset#token=${secret}`;
}

const artifactsDir = fileURLToPath(new URL('../../../test-artifacts/reset-page/', import.meta.url));

/** Saves what the user sees, for a person to look at: `apps/server/test-artifacts/reset-page/<state>.png`. */
export async function saveScreenshot(page: Page, state: string): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({ path: `${artifactsDir}${state}.png`, fullPage: true });
}

/** The text of the page's one h1, once it says `text` (or matches it). */
export async function waitForHeading(page: Page, text: string | RegExp): Promise<string> {
  const heading = page.getByRole('heading', { level: 1, name: text });
  await heading.waitFor({ state: 'visible' });
  return (await heading.textContent()) ?? '';
}

export interface SettledScreen {
  /** The text of the screen's one h1. */
  readonly heading: string;
  /** Whether the password form is on the page. */
  readonly showsForm: boolean;
}

/**
 * What the page shows once it has left the loading state: every screen it settles on has one h1
 * (loading has none). Returned rather than awaited by text, so a wrong screen fails the test's own
 * assertion with the heading it did show, instead of a timeout waiting for the expected one.
 */
export async function settledScreen(page: Page): Promise<SettledScreen> {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor({ state: 'visible' });
  return { heading: (await heading.textContent()) ?? '', showsForm: (await page.locator('form').count()) > 0 };
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: unknown }>;
}

/**
 * The browser globals the tests read inside `page.evaluate`. The server compiles without the DOM
 * lib (and should), so functions run in the page cast `globalThis` to this.
 */
export interface BrowserGlobals {
  readonly document: {
    readonly activeElement: { readonly tagName: string; readonly id: string; readonly textContent: string | null } | null;
    readonly documentElement: { readonly scrollWidth: number };
    readonly body: { setAttribute(name: string, value: string): void };
    readonly cookie: string;
    querySelectorAll(selectors: string): { readonly length: number };
    addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
  };
  readonly location: { readonly href: string };
  readonly localStorage: { readonly length: number };
  readonly sessionStorage: { readonly length: number };
  /** Set by the tests: what the page's CSP refused. */
  cspViolations?: string[];
  /** Present once axe-core's source has been evaluated in the page. */
  readonly axe?: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> };
}

/** What has focus, described by tag, id and text, for assertions on focus management. */
export function describeFocus(page: Page): Promise<{ tag: string; id: string; text: string }> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as BrowserGlobals).document.activeElement;
    return { tag: active?.tagName.toLowerCase() ?? '', id: active?.id ?? '', text: active?.textContent ?? '' };
  });
}

export async function readAxeSource(): Promise<string> {
  return readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
}
