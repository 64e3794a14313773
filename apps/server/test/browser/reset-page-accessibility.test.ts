import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import {
  GOOD_PASSWORD,
  launchChromium,
  readAxeSource,
  type AxeViolation,
  type BrowserGlobals,
  saveScreenshot,
  userWithResetLink,
  waitForHeading,
} from './support/reset-page-browser.js';

describe('the hosted reset page is accessible', () => {
  let server: TestServer;
  let browser: Browser;
  // axe is injected as a script, which the page's CSP rightly refuses: this context alone bypasses it.
  let context: BrowserContext;
  let axeSource: string;

  async function seriousViolations(page: Page): Promise<AxeViolation[]> {
    await page.evaluate(axeSource);
    const { violations } = await page.evaluate(() => {
      const { axe, document } = globalThis as unknown as BrowserGlobals;
      if (!axe) throw new Error('axe-core did not load');
      return axe.run(document, { resultTypes: ['violations'] });
    });
    return violations.filter(({ impact }) => impact === 'serious' || impact === 'critical');
  }

  beforeAll(async () => {
    [server, browser, axeSource] = await Promise.all([startTestServer(), launchChromium(), readAxeSource()]);
    context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('has no serious or critical axe violation on the form, a refused password, and success', async () => {
    const { link } = await userWithResetLink(server);
    const page = await context.newPage();
    await page.goto(link);
    await waitForHeading(page, 'Choose a new password');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('New password', { exact: true }).fill('password123');
    await page.getByLabel('New password, again').fill('password123');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText('This password cannot be used').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('New password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('New password, again').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await waitForHeading(page, 'Your password has been changed');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('has no serious or critical axe violation when the link cannot be used', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/reset#token=${'A'.repeat(43)}`);
    await waitForHeading(page, 'This link is not valid');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('has no serious or critical axe violation on a phone, in Spanish', async () => {
    const { link } = await userWithResetLink(server);
    const phone = await browser.newContext({ locale: 'es-ES', bypassCSP: true, viewport: { width: 360, height: 740 }, isMobile: true });
    try {
      const page = await phone.newPage();
      await page.goto(link);
      await waitForHeading(page, 'Elige una contraseña nueva');
      await page.getByLabel('Contraseña nueva', { exact: true }).fill('corta');
      await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
      await page.getByRole('alert').getByText('Revisa la contraseña nueva').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, 'phone-form-es');
    } finally {
      await phone.close();
    }
  });
});
