import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../support/http.ts';
import { type BrowserEnv, HAS_BROWSER, startBrowserEnv } from './browser.ts';

// The buyer portal on a phone and on a laptop: nothing wider than the screen, the navigation in
// reach, and what happens next said in words.

/** Set SENDBACK_E2E_SCREENSHOTS to a folder to keep pictures of the pages at both sizes. */
const SCREENSHOTS = process.env['SENDBACK_E2E_SCREENSHOTS'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const BUYER1 = 'buyer1@demo.sendback.test';

async function signIn(env: BrowserEnv, email: string, locale: string, viewport = PHONE) {
  const context = await env.browser.newContext({ locale, viewport });
  const page = await context.newPage();
  await page.clock.setFixedTime(env.t.clock.now());
  page.setDefaultTimeout(12_000);
  await page.goto(env.baseUrl);
  await page.getByLabel(/E-mail|电子邮箱/).fill(email);
  await page.getByLabel(/Password|密码/).fill('demo-password-1');
  await page.getByRole('button', { name: /Sign in|登\s*录/ }).click();
  await page.getByRole('navigation', { name: 'main' }).waitFor({ state: 'attached' });
  return page;
}

async function apiGet(env: BrowserEnv, email: string, url: string): Promise<Json> {
  const login = await env.t.app.inject({
    method: 'POST',
    url: '/v1/session',
    payload: { email, password: 'demo-password-1' },
  });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await env.t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function shoot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  for (const [size, viewport] of [
    ['390', PHONE],
    ['1366', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(PHONE);
}

if (HAS_BROWSER) {
  describe('buyer portal screenshots [browser]', () => {
    let env: BrowserEnv;
    beforeAll(async () => {
      env = await startBrowserEnv();
    }, 120_000);
    afterAll(() => env?.close());

    it.runIf(SCREENSHOTS)('takes pictures of the buyer pages', { timeout: 120_000 }, async () => {
      const returns = await apiGet(env, BUYER1, '/v1/returns?limit=200');
      const orders = await apiGet(env, BUYER1, '/v1/orders?limit=200');
      const awaiting = returns.data.find((c: Json) => c.status === 'awaiting_shipment');
      const refunded = returns.data.find((c: Json) => c.status === 'refunded');
      const offer = returns.data.find((c: Json) => c.status === 'partial_offer');
      let eligibleOrder: Json | undefined;
      for (const o of orders.data) {
        const e = await apiGet(env, BUYER1, `/v1/orders/${o.id}/eligibility`);
        if (e.lines.some((l: Json) => l.eligible)) {
          eligibleOrder = o;
          break;
        }
      }
      for (const locale of ['en-US', 'zh-CN']) {
        const tag = locale === 'en-US' ? 'en' : 'zh';
        const page = await signIn(env, BUYER1, locale);
        const pages: [string, string][] = [
          ['orders', '/buyer/orders'],
          ['order', `/buyer/orders/${eligibleOrder?.id}`],
          ['returns', '/buyer/returns'],
          ['awaiting', `/buyer/returns/${awaiting?.id}`],
          ['refunded', `/buyer/returns/${refunded?.id}`],
          ['offer', `/buyer/returns/${offer?.id}`],
          ['wallet', '/buyer/wallet'],
        ];
        for (const [name, path] of pages) {
          await page.goto(`${env.baseUrl}${path}`);
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(500);
          await shoot(page, `${name}-${tag}`);
        }
        await page.context().close();
      }
    });
  });
}
