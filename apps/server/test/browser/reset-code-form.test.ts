import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { GOOD_PASSWORD, launchChromium, OLD_PASSWORD, saveScreenshot, waitForHeading } from './support/reset-page-browser.js';

// Issue 16, point 3: the code form of @pwreset/reset-page, mounted by an application on its own
// page with the flow id, in real Chromium. The application's server (here a small node:http one)
// serves the page and the built modules, and forwards the form's two calls to the service with
// its access token: a code flow is bound to the application that requested it.

const require = createRequire(import.meta.url);
const RESET_PAGE_DIST = dirname(require.resolve('@pwreset/reset-page'));

interface Application {
  readonly url: string;
  close(): Promise<void>;
}

async function startApplication(service: TestServer): Promise<Application> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://app.invalid');
      if (url.pathname === '/forgot/code') {
        // The flow id comes from the application's own session in real life; a query parameter here.
        const flowId = JSON.stringify(url.searchParams.get('flow') ?? '');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer' });
        response.end(`<!doctype html><html><head><title>Acme</title></head><body><main id="code-form"></main>
<script type="module">
  import { mountResetCodeForm } from '/reset-page/index.js';
  await mountResetCodeForm(document.getElementById('code-form'), { flowId: ${flowId}, applicationName: 'Test App' });
</script></body></html>`);
        return;
      }
      if (url.pathname.startsWith('/reset-page/')) {
        const file = normalize(join(RESET_PAGE_DIST, url.pathname.slice('/reset-page/'.length)));
        if (!file.startsWith(RESET_PAGE_DIST) || !file.endsWith('.js')) return void response.writeHead(404).end();
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        response.end(await readFile(file));
        return;
      }
      if (url.pathname === '/trpc/passwordReset.complete' || url.pathname === '/trpc/passwordReset.policy') {
        // The application's backend adds its own access token: the browser never holds it.
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const forwarded = await fetch(`${service.url}${url.pathname}${url.search}`, {
          method: request.method ?? 'GET',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${service.client.accessToken}` },
          ...(request.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
        });
        response.writeHead(forwarded.status, { 'content-type': 'application/json' });
        response.end(Buffer.from(await forwarded.arrayBuffer()));
        return;
      }
      response.writeHead(404).end();
    })().catch(() => response.writeHead(500).end());
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('the code form, mounted by an application with the flow id, in Chromium', () => {
  let service: TestServer;
  let application: Application;
  let browser: Browser;
  let context: BrowserContext;
  let userCount = 0;

  async function userWithCodeFlow(): Promise<{ userId: string; flowId: string; code: string }> {
    userCount += 1;
    const email = `code-reader${userCount}@example.com`;
    const created = await service.users.createUser({ email, password: OLD_PASSWORD });
    if (!created.created) throw new Error('user exists');
    const answer = await service.trpc.passwordReset.request.mutate({ email, method: 'code', locale: 'en' });
    if (!('flowId' in answer)) throw new Error('no flow id');
    const mail = (await service.mails()).find((sent) => sent.to === email && sent.kind === 'reset-code');
    const code = /^(\d{8})$/m.exec(mail?.text ?? '')?.[1];
    if (!code) throw new Error('no code mailed');
    return { userId: created.userId, flowId: answer.flowId, code };
  }

  async function openForm(flowId: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${application.url}/forgot/code?flow=${encodeURIComponent(flowId)}`);
    await waitForHeading(page, 'Enter the code from the email');
    return page;
  }

  async function submit(page: Page, code: string, password: string): Promise<void> {
    await page.getByLabel('Code from the email').fill(code);
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('New password, again').fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
  }

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestServer(), launchChromium()]);
    application = await startApplication(service);
    context = await browser.newContext({ locale: 'en-US' });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await application?.close();
    await service?.close();
  });

  it('takes a wrong code, says so and keeps the form, then the right one changes the password', async () => {
    const { userId, flowId, code } = await userWithCodeFlow();
    const page = await openForm(flowId);
    const wrong = `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
    await submit(page, wrong, GOOD_PASSWORD);
    await page.getByRole('alert').getByText('That code is not right').waitFor();
    expect(await page.getByLabel('Code from the email').inputValue()).toBe('');
    await saveScreenshot(page, 'code-form-wrong-code');
    await submit(page, code, GOOD_PASSWORD);
    await waitForHeading(page, 'Your password has been changed');
    expect(await service.users.verifyPassword(userId, GOOD_PASSWORD)).toBe(true);
  });

  it('says a refused password, keeping the code, before the flow is used', async () => {
    const { userId, flowId, code } = await userWithCodeFlow();
    const page = await openForm(flowId);
    await submit(page, code, 'password123');
    await page.getByRole('alert').getByText('This password cannot be used').waitFor();
    expect(await page.getByLabel('Code from the email').inputValue()).toBe(code);
    expect(await service.users.verifyPassword(userId, OLD_PASSWORD)).toBe(true);
  });

  it('ends on "locked" after five wrong codes, even when the right one comes next', async () => {
    const { userId, flowId, code } = await userWithCodeFlow();
    const page = await openForm(flowId);
    const wrong = `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await submit(page, wrong, GOOD_PASSWORD);
      await page.getByRole('alert').getByText('That code is not right').waitFor();
    }
    await submit(page, code, GOOD_PASSWORD);
    await waitForHeading(page, 'This code has been locked');
    await saveScreenshot(page, 'code-form-locked');
    expect(await service.users.verifyPassword(userId, OLD_PASSWORD)).toBe(true);
  });
});
