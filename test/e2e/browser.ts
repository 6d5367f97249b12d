import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { createBlobStorage } from '../../src/adapters/storage.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import type { Engine } from '../support/db.ts';

/** Debian's Chromium; browser tests run wherever it is installed (CI installs it). */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_BROWSER = existsSync(CHROMIUM);

export interface BrowserEnv {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real server (built UI, API, live updates) on a fresh database with the demo data, on a
 * free port of 127.0.0.1, and a headless Chromium.
 */
export async function startBrowserEnv(engine: Engine = 'embedded'): Promise<BrowserEnv> {
  const t = await startTestApp(engine, {
    SENDBACK_WORKERS: 'off',
    SENDBACK_WEB_DIST: inject('webDist'),
    SENDBACK_ATTACHMENTS_DIR: mkdtempSync(join(tmpdir(), 'sendback-e2e-files-')),
  });
  await seedDemo(t.database.db, t.clock.now(), { storage: createBlobStorage(t.config) });
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
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
  return {
    t,
    baseUrl,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** A new browser context signed in as a demo login. */
export async function signedIn(env: BrowserEnv, email: string, locale = 'en-US'): Promise<Page> {
  const context = await env.browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(env.baseUrl);
  await page.getByLabel(/E-mail|电子邮箱/).fill(email);
  await page.getByLabel(/Password|密码/).fill('demo-password-1');
  await page.getByRole('button', { name: /Sign in|登\s*录/ }).click();
  await page.getByRole('navigation', { name: 'main' }).waitFor();
  return page;
}
