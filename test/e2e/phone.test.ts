import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../support/http.ts';
import { type BrowserEnv, HAS_BROWSER, startBrowserEnv } from './browser.ts';

// The buyer portal on a phone and on a laptop: nothing wider than the screen, the navigation in
// reach, and what happens next said in words.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const BUYER1 = 'buyer1@demo.sendback.test';

type StorageState = Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>;

// Logins are rate limited per e-mail and per address, and the test clock stands still: each demo
// login signs in once, and later contexts reuse its session.
const sessions = new Map<string, StorageState>();
const cookies = new Map<string, string>();

async function signIn(env: BrowserEnv, email: string, locale: string, viewport = PHONE) {
  const saved = sessions.get(email);
  const context = await env.browser.newContext({
    locale,
    viewport,
    ...(saved ? { storageState: saved } : {}),
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(env.t.clock.now());
  page.setDefaultTimeout(12_000);
  await page.goto(env.baseUrl);
  if (!saved) {
    await page.getByLabel(/E-mail|电子邮箱/).fill(email);
    await page.getByLabel(/Password|密码/).fill('demo-password-1');
    await page.getByRole('button', { name: /Sign in|登\s*录/ }).click();
  }
  await page.getByRole('navigation', { name: 'main' }).waitFor({ state: 'attached' });
  await page.getByTestId('brand').waitFor();
  if (!saved) sessions.set(email, await context.storageState());
  return page;
}

async function apiGet(env: BrowserEnv, email: string, url: string): Promise<Json> {
  let cookie = cookies.get(email);
  if (!cookie) {
    const login = await env.t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email, password: 'demo-password-1' },
    });
    cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    cookies.set(email, cookie);
  }
  const res = await env.t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Nothing is wider than the screen: no sideways scrolling. */
async function noSidewaysScroll(page: Page, where: string) {
  const { scroll, inner } = await page.evaluate<{ scroll: number; inner: number }>(
    '({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })',
  );
  expect(scroll, `${where}: page ${scroll} px wide on a ${inner} px screen`).toBeLessThanOrEqual(
    inner,
  );
}

/** Money as shown ("-US$5.00", "$1,234.50") in minor units. */
function minor(text: string): number {
  const negative = /[-−]/.test(text);
  const digits = Number(text.replace(/[^0-9]/g, ''));
  return negative ? -digits : digits;
}

/** The refund box's rows add up to its total, as displayed. */
async function refundAddsUp(page: Page) {
  const box = page.getByTestId('refund-breakdown').first();
  await box.waitFor();
  const parts = await box.getByTestId('refund-component').allTextContents();
  const total = await box.getByTestId('refund-total').textContent();
  expect(parts.length).toBeGreaterThan(0);
  expect(parts.reduce((s, p) => s + minor(p), 0)).toBe(minor(total ?? ''));
}

const BUYERS = [BUYER1, 'buyer2@demo.sendback.test', 'buyer3@demo.sendback.test'];

/** A demo buyer's case in a state (the demo has cases in every state, spread over the buyers). */
async function caseIn(env: BrowserEnv, status: string): Promise<{ email: string; c: Json }> {
  for (const email of BUYERS) {
    const list = await apiGet(env, email, '/v1/returns?limit=200');
    const c = list.data.find((x: Json) => x.status === status);
    if (c) return { email, c };
  }
  throw new Error(`no demo case is ${status}`);
}

if (HAS_BROWSER) {
  describe('the buyer portal on a phone and a laptop [browser]', { retry: 1 }, () => {
    let env: BrowserEnv;
    beforeAll(async () => {
      env = await startBrowserEnv();
    }, 120_000);
    afterAll(() => env?.close());

    for (const [size, viewport] of [
      ['phone', PHONE],
      ['laptop', DESKTOP],
    ] as const) {
      it(`main pages fit the ${size}, the navigation is reachable`, async () => {
        const page = await signIn(env, BUYER1, 'en-US', viewport);
        await page.waitForURL(/\/buyer\/orders$/);
        await page.getByTestId('order-card').first().waitFor();
        await noSidewaysScroll(page, 'orders');
        const nav = page.getByRole('navigation', { name: 'main' });
        if (size === 'phone') await page.getByTestId('tab-bar').waitFor();
        await nav.getByRole('link', { name: 'My returns' }).click();
        await page.getByRole('heading', { name: 'My returns', level: 1 }).waitFor();
        await page.getByTestId('return-card').first().waitFor();
        await noSidewaysScroll(page, 'returns');
        // What waits on the buyer comes first.
        const flags = await page
          .getByTestId('return-card')
          .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-yours') === 'true'));
        const firstOthers = flags.includes(false) ? flags.indexOf(false) : flags.length;
        expect(flags.slice(firstOthers)).not.toContain(true);
        await nav.getByRole('link', { name: 'Wallet' }).click();
        await page.getByRole('heading', { name: 'Wallet', level: 1 }).waitFor();
        await page.locator('#wallet-balances').waitFor();
        await noSidewaysScroll(page, 'wallet');
        await nav.getByRole('link', { name: 'My orders' }).click();
        await page.getByRole('heading', { name: 'My orders', level: 1 }).waitFor();
        // The brand and the account sit on one line each.
        expect((await page.getByTestId('brand').boundingBox())?.height).toBeLessThan(32);
        await page.context().close();
      });
    }

    it('a case awaiting shipment: tracker, deadline in words, checklist at the step, sums', async () => {
      const { email, c } = await caseIn(env, 'awaiting_shipment');
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await signIn(env, email, 'en-US', viewport);
        await page.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
        await page.getByTestId('case-progress').waitFor();
        await page.getByTestId('progress-steps').getByText('Shipped').waitFor();
        const deadline = await page.getByTestId('next-deadline').textContent();
        expect(deadline).toMatch(/^(Ship it|Drop it off) by .+ — after that the return closes\./);
        expect(await page.getByTestId('expected-refund').textContent()).toMatch(
          /back to (your Sendback balance, at once|your original payment method, usually 3–5 business days|the card ending \d{4})/,
        );
        await page.getByTestId('packing-checklist').getByText('The item is unused').waitFor();
        await refundAddsUp(page);
        await noSidewaysScroll(page, 'awaiting shipment');
        // The buyer is "you" in the timeline; no raw state names.
        const timeline = await page.getByTestId('timeline').textContent();
        expect(timeline).toContain('You asked for a return');
        expect(timeline).not.toMatch(/Buyer |_/);
        await page.context().close();
      }
    });

    it('an offer and a refunded case add up; a closed one shows no refund', async () => {
      for (const status of ['partial_offer', 'refunded']) {
        const { email, c } = await caseIn(env, status);
        const page = await signIn(env, email, 'en-US', PHONE);
        await page.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
        await page.getByTestId('case-progress').waitFor();
        await refundAddsUp(page);
        await noSidewaysScroll(page, status);
        await page.context().close();
      }
      const { email, c } = await caseIn(env, 'closed');
      const page = await signIn(env, email, 'en-US', PHONE);
      await page.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
      await page.getByTestId('no-refund').waitFor();
      expect(await page.getByTestId('refund-breakdown').count()).toBe(0);
      await page.context().close();
    });

    it('the request form has no checklist gate and its policy comes before the button', async () => {
      const orders = await apiGet(env, BUYER1, '/v1/orders?limit=200');
      let orderId: string | undefined;
      for (const o of orders.data) {
        const e = await apiGet(env, BUYER1, `/v1/orders/${o.id}/eligibility`);
        if (e.lines.some((l: Json) => l.eligible)) orderId = o.id;
        if (orderId) break;
      }
      const page = await signIn(env, BUYER1, 'zh-CN', PHONE);
      await page.goto(`${env.baseUrl}/buyer/orders/${orderId}`);
      await page.getByTestId('request-form').waitFor();
      expect(await page.getByTestId('checklist').count()).toBe(0);
      const policy = await page.getByTestId('policy-summary').boundingBox();
      const submit = await page.getByTestId('request-submit-bar').boundingBox();
      expect(policy!.y).toBeLessThan(submit!.y);
      await noSidewaysScroll(page, 'request form');
      // antd's own words are Chinese too (the empty-state of a select, the pagination…).
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.context().close();
    });

    it('unknown pages and malformed links explain themselves; the favicon is served', async () => {
      const page = await signIn(env, BUYER1, 'en-US', PHONE);
      await page.goto(`${env.baseUrl}/buyer/returns/not-an-id`);
      await page.getByText('We couldn’t find that return.').waitFor();
      await page.getByRole('link', { name: 'Back to my returns' }).waitFor();
      await page.goto(`${env.baseUrl}/seller/queue`);
      await page.getByTestId('not-found').waitFor();
      await page.getByRole('link', { name: 'Go to my home page' }).click();
      await page.waitForURL(/\/buyer\/orders$/);
      const icon = await page.request.get(`${env.baseUrl}/favicon.svg`);
      expect(icon.status()).toBe(200);
      expect(icon.headers()['content-type']).toContain('image/svg+xml');
      await page.context().close();
    });

    for (const email of ['seller.us@demo.sendback.test', 'agent@demo.sendback.test']) {
      it(`the header fits a phone and a tablet for ${email.split('@')[0]}`, async () => {
        for (const viewport of [PHONE, { width: 768, height: 1024 }]) {
          const page = await signIn(env, email, 'en-US', viewport);
          await page.getByTestId('brand').waitFor();
          expect((await page.getByTestId('brand').boundingBox())?.height).toBeLessThan(32);
          await noSidewaysScroll(page, `${email} at ${viewport.width}`);
          await page.getByTestId('nav-toggle').click();
          await page.locator('.ant-drawer .ant-menu-item a').first().waitFor();
          await page.context().close();
        }
      });
    }

    it("the seller's dashboard fits a phone: charts with paged legends do not widen the page", async () => {
      const page = await signIn(env, 'seller.us@demo.sendback.test', 'en-US', PHONE);
      await page.goto(`${env.baseUrl}/seller/dashboard`);
      await page.getByTestId('echart').first().waitFor();
      await page.locator('[data-testid=echart] svg').first().waitFor();
      await noSidewaysScroll(page, 'the dashboard');
      await page.context().close();
    });
  });
}
