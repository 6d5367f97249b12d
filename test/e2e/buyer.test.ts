import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import type { Json } from '../support/http.ts';
import { type BrowserEnv, HAS_BROWSER, signedIn, startBrowserEnv } from './browser.ts';

const BUYER1 = 'buyer1@demo.sendback.test';
const BUYER2 = 'buyer2@demo.sendback.test';
const BUYER3 = 'buyer3@demo.sendback.test';
const SELLERS = [
  'seller.us@demo.sendback.test',
  'seller.gb@demo.sendback.test',
  'seller.cn@demo.sendback.test',
];

/**
 * A demo login speaking to the API directly (session cookie + CSRF header), as the UI does: one
 * per user and server, so that a test run again (retry) does not spend more of the account's
 * logins (SENDBACK_RATE_LIMIT_LOGIN) than the browser's own.
 */
const apiSessions = new WeakMap<BrowserEnv, Map<string, ReturnType<typeof login>>>();
function apiAs(env: BrowserEnv, email: string) {
  const sessions = apiSessions.get(env) ?? new Map<string, ReturnType<typeof login>>();
  apiSessions.set(env, sessions);
  const session = sessions.get(email) ?? login(env, email);
  sessions.set(email, session);
  // A login that failed is not kept: the next call tries again.
  session.catch(() => sessions.delete(email));
  return session;
}

async function login(env: BrowserEnv, email: string) {
  const login = await env.t.app.inject({
    method: 'POST',
    url: '/v1/session',
    payload: { email, password: 'demo-password-1' },
  });
  expect(login.statusCode).toBe(201);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (login.json() as { csrf_token: string }).csrf_token;
  const send = async (method: 'GET' | 'POST', url: string, payload?: object): Promise<Json> => {
    const res = await env.t.app.inject({
      method,
      url,
      headers: {
        cookie,
        ...(method === 'POST'
          ? { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() }
          : {}),
      },
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload: object = {}) => send('POST', url, payload),
  };
}

type Api = Awaited<ReturnType<typeof login>>;

/** An order of the buyer with a line that can be returned now, in the currency. */
async function orderWithEligibleLine(buyer: Api, currency = 'USD') {
  const orders = await buyer.get('/v1/orders?limit=200');
  for (const order of orders.data) {
    if (order.currency !== currency) continue;
    const eligibility = await buyer.get(`/v1/orders/${order.id}/eligibility`);
    const line = eligibility.lines.find(
      (l: Json) => l.eligible && l.reasons_allowed.includes('defective'),
    );
    if (line) return { order, line };
  }
  throw new Error('no order with an eligible line');
}

/** The demo shop login that can see a case. */
async function sellerOf(env: BrowserEnv, caseId: string): Promise<Api> {
  for (const email of SELLERS) {
    const login = await env.t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email, password: 'demo-password-1' },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await env.t.app.inject({
      method: 'GET',
      url: `/v1/returns/${caseId}`,
      headers: { cookie },
    });
    if (res.statusCode === 200) return apiAs(env, email);
  }
  throw new Error(`no demo seller sees ${caseId}`);
}

/**
 * A Chinese browser signs in: the UI starts in 简体中文 from the browser's language. (antd puts a
 * space between two CJK characters in buttons, so the button is "登 录".)
 */
async function signedInChinese(env: BrowserEnv, email: string): Promise<Page> {
  const context = await env.browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(env.baseUrl);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill('demo-password-1');
  await page.getByRole('button', { name: /^登\s?录$/ }).click();
  await page.getByRole('navigation', { name: 'main' }).waitFor();
  return page;
}

/** The browser's clock at the server's (manual) clock, so deadlines count down as they would. */
async function atServerTime(env: BrowserEnv, page: Page) {
  await page.clock.setFixedTime(env.t.clock.now());
  // Fail with Playwright's message (what was awaited) before the test's own timeout.
  page.setDefaultTimeout(12_000);
}

/** Presses Tab until the focused element matches the selector: the keyboard is the only input. */
async function tabTo(page: Page, selector: string, max = 80) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if ((await page.locator(`:is(${selector}):focus`).count()) > 0) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const usd = (minor: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(minor / 100);

if (HAS_BROWSER) {
  // One retry: a browser on a CI machine shared with the other test files can miss a beat.
  describe('buyer portal [browser]', { retry: 1 }, () => {
    let env: BrowserEnv;
    beforeAll(async () => {
      env = await startBrowserEnv();
    }, 120_000);
    afterAll(() => env?.close());

    it('requests a return: form, live refund preview (no checklist gate), then the case page', async () => {
      const buyer = await apiAs(env, BUYER1);
      const { order, line } = await orderWithEligibleLine(buyer);
      const expected = await buyer.post(`/v1/orders/${order.id}/refund_preview`, {
        type: 'return_and_refund',
        reason: 'defective',
        lines: [{ order_line_id: line.order_line_id, quantity: 1 }],
      });

      const page = await signedIn(env, BUYER1);
      await atServerTime(env, page);
      await page.goto(`${env.baseUrl}/buyer`);
      await page.waitForURL(/\/buyer\/orders$/);
      await page.getByRole('link', { name: `Order ${order.external_id}` }).click();
      await page.getByRole('heading', { name: `Order ${order.external_id}` }).waitFor();
      // The policy summary and each line's eligibility are shown before anything is asked.
      await page.getByTestId('policy-summary').getByText('Return window').waitFor();
      // It names the shop, whose whole policy is a link away.
      const shop = (await buyer.get(`/v1/sellers/${order.seller_id}/return_policy`)).shop_name;
      await page
        .getByTestId('policy-summary')
        .getByRole('heading', { name: `${shop}: return policy` })
        .waitFor();
      expect(
        await page
          .getByTestId('policy-summary')
          .getByRole('link', { name: 'The full policy' })
          .getAttribute('href'),
      ).toBe(`/shops/${order.seller_id}/policy`);
      await page
        .getByTestId('order-line')
        .filter({ hasText: line.title })
        .getByText(/Returnable until/)
        .waitFor();

      await page.getByRole('checkbox', { name: line.title }).check();
      await page.getByRole('radio', { name: 'Defective' }).check();
      await page.getByLabel('What happened?').fill('It switches off after two minutes.');
      await page.getByLabel(/How can the seller reach you/).fill('+1 555 0100');
      // The packing checklist belongs to the send-back step, not to the request.
      expect(await page.getByTestId('checklist').count()).toBe(0);
      await page.getByRole('radio', { name: /Platform balance/ }).check();

      const total = page.getByTestId('request-preview').getByTestId('refund-total');
      await expect.poll(() => total.textContent()).toBe(usd(expected.total, 'en-US'));

      await page.getByRole('button', { name: 'Request the return' }).click();
      await page.waitForURL(/\/buyer\/returns\/ret_/);
      const casePage = page.getByTestId('case-page');
      await casePage.locator('[data-status="requested"]').first().waitFor();
      expect(await casePage.locator('[data-status="requested"]').first().textContent()).toBe(
        'Requested',
      );
      await casePage.getByTestId('countdown').first().waitFor();
      expect(await casePage.getByTestId('countdown').first().textContent()).toMatch(/left$/);
      await casePage.getByText('Contact: +1 555 0100').waitFor();
      const id = page.url().split('/').at(-1)!;
      const created = await buyer.get(`/v1/returns/${id}`);
      expect(created.refund_destination).toBe('platform_balance');
      expect(created.lines).toHaveLength(1);
      await page.context().close();
    });

    it('ships: an invalid tracking number is flagged while typing, a valid one is accepted', async () => {
      let found: { email: string; c: Json } | undefined;
      for (const email of [BUYER1, BUYER2, BUYER3]) {
        const list = await (await apiAs(env, email)).get('/v1/returns?status=awaiting_shipment');
        if (list.data.length) found = { email, c: list.data[0] };
        if (found) break;
      }
      expect(found).toBeDefined();
      const page = await signedIn(env, found!.email);
      await atServerTime(env, page);
      await page.goto(`${env.baseUrl}/buyer/returns/${found!.c.id}`);
      const form = page.getByTestId('ship-form');
      await form.waitFor();

      await form.getByLabel('Carrier').click();
      await page.getByTitle('UPS', { exact: true }).click();
      const valid = upsTracking('buyer-e2e');
      const invalid = `${valid.slice(0, -1)}${(Number(valid.at(-1)) + 1) % 10}`;
      const tracking = form.getByLabel('Tracking number');
      const check = form.getByTestId('tracking-check');
      await tracking.pressSequentially(invalid, { delay: 15 });
      await form.locator('[data-testid="tracking-check"][data-state="invalid"]').waitFor();
      expect(await tracking.inputValue()).toBe(invalid);
      expect(await check.textContent()).toContain('isn’t a valid UPS tracking number');
      expect(await tracking.getAttribute('aria-invalid')).toBe('true');

      await tracking.fill('');
      await tracking.pressSequentially(valid.toLowerCase(), { delay: 15 });
      await form.locator('[data-testid="tracking-check"][data-state="valid"]').waitFor();
      expect(await tracking.inputValue()).toBe(valid.toLowerCase());
      await form.getByLabel(/Postage you paid/).fill('7.5');
      await form.getByRole('button', { name: /shipped it/ }).click();

      await page.getByTestId('case-page').locator('[data-status="in_transit"]').first().waitFor();
      await page.getByTestId('case-page').getByText(valid).first().waitFor();
      const shipped = await (await apiAs(env, found!.email)).get(`/v1/returns/${found!.c.id}`);
      expect(shipped.shipment).toMatchObject({
        carrier: 'UPS',
        tracking_number: valid,
        shipping_cost: 750,
      });
      await page.context().close();
    });

    it('the case page follows the seller live, and the thread shows markup as text', async () => {
      const buyer = await apiAs(env, BUYER1);
      const list = await buyer.get('/v1/returns?status=requested&sort=created_at');
      const c = list.data.find((x: Json) => x.type === 'return_and_refund') ?? list.data[0];
      expect(c).toBeDefined();
      const seller = await sellerOf(env, c.id);

      const page = await signedIn(env, BUYER1);
      await atServerTime(env, page);
      await page.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
      const casePage = page.getByTestId('case-page');
      await casePage.locator('[data-status="requested"]').first().waitFor();
      // A marker on the page: it survives only if the page is never reloaded.
      await page.evaluate('window.stillHere = true');
      // The live stream is connected before the seller acts.
      await page.getByText('Live').and(page.locator('.ant-tag-green')).waitFor();

      await seller.post(`/v1/returns/${c.id}/approve`, { note: 'Approved, send it back.' });
      await casePage.locator('[data-status="awaiting_shipment"]').first().waitFor();
      await page.getByTestId('ship-form').waitFor();
      await page
        .getByTestId('buyer-guide')
        .getByText(/Approved!/)
        .waitFor();

      await seller.post(`/v1/orders/${c.order_id}/messages`, { body: '<b>html</b> & <i>more</i>' });
      const body = page.getByTestId('message-body').filter({ hasText: '<b>html</b>' });
      await body.waitFor();
      expect(await body.textContent()).toBe('<b>html</b> & <i>more</i>');
      expect(await page.getByTestId('thread').locator('b, i').count()).toBe(0);
      expect(await page.evaluate('window.stillHere')).toBe(true);
      await page.context().close();
    });

    it('renders the case page in Chinese with money in the locale’s format', async () => {
      const buyer = await apiAs(env, BUYER1);
      const list = await buyer.get('/v1/returns?limit=200');
      const summary = list.data.find((x: Json) => x.currency === 'USD' && x.status === 'requested');
      const c = await buyer.get(`/v1/returns/${summary.id}`);
      expect(c.refund_preview).not.toBeNull();

      const page = await signedInChinese(env, BUYER1);
      await atServerTime(env, page);
      await page.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      const casePage = page.getByTestId('case-page');
      await casePage.locator('[data-status="requested"]').first().waitFor();
      expect(await casePage.locator('[data-status="requested"]').first().textContent()).toBe(
        '已申请',
      );
      await page
        .getByTestId('buyer-guide')
        .getByText(/卖家正在审核您的申请/)
        .waitFor();
      const total = casePage.getByTestId('refund-total');
      await total.waitFor();
      expect(await total.textContent()).toBe(usd(c.refund_preview.total, 'zh-CN'));
      expect(await total.textContent()).toMatch(/^US\$/);
      await page
        .getByRole('navigation', { name: 'main' })
        .getByRole('link', { name: '我的退货' })
        .click();
      await page.getByRole('heading', { name: '我的退货' }).waitFor();
      await page.getByTestId('return-card').first().getByTestId('countdown').first().waitFor();
      expect(
        await page
          .getByTestId('return-card')
          .first()
          .getByTestId('countdown')
          .first()
          .textContent(),
      ).toMatch(/^剩余/);
      await page.context().close();
    });

    it('the request form can be filled and sent with the keyboard alone', async () => {
      const buyer = await apiAs(env, BUYER3);
      const { order, line } = await orderWithEligibleLine(buyer);
      const page = await signedIn(env, BUYER3);
      await atServerTime(env, page);
      await page.goto(`${env.baseUrl}/buyer/orders/${order.id}`);
      await page.getByTestId('request-form').waitFor();

      await tabTo(page, `#request-lines`);
      expect(await page.locator('li:has(:focus)').last().textContent()).toContain(line.title);
      await page.keyboard.press('Space');
      await tabTo(page, 'input[type="radio"][value="defective"], #request-reason');
      // Arrow keys move within the group; Space picks the focused reason.
      for (let i = 0; i < 10; i += 1) {
        if ((await page.locator('input[value="defective"]:focus').count()) > 0) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Space');
      await tabTo(page, '#request-description');
      await page.keyboard.type('The strap broke on the second day.');
      await tabTo(page, 'button[type="submit"]');
      // Where the keyboard is shows: a visible outline on the focused control.
      expect(await page.locator('button[type="submit"]:focus-visible').count()).toBe(1);
      expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe(
        'none',
      );
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/buyer\/returns\/ret_/);
      await page.getByTestId('case-page').locator('[data-status="requested"]').first().waitFor();
      const id = page.url().split('/').at(-1)!;
      const created = await buyer.get(`/v1/returns/${id}`);
      expect(created).toMatchObject({ reason: 'defective', type: 'return_and_refund' });
      expect(created.lines[0].order_line_id).toBe(line.order_line_id);
      await page.context().close();
    });

    it('marks the line the server refuses (problem+json field errors) in place', async () => {
      const buyer = await apiAs(env, BUYER2);
      const { order, line } = await orderWithEligibleLine(buyer, 'GBP');
      const page = await signedIn(env, BUYER2);
      await atServerTime(env, page);
      await page.goto(`${env.baseUrl}/buyer/orders/${order.id}`);
      await page.getByRole('checkbox', { name: line.title }).check();
      await page.getByRole('radio', { name: 'Defective' }).check();
      await page.getByLabel('What happened?').fill('Dead on arrival.');
      // Meanwhile the same units go into another return (from another tab, say).
      await buyer.post('/v1/returns', {
        order_id: order.id,
        reason: 'defective',
        description: 'Filed elsewhere first.',
        lines: [{ order_line_id: line.order_line_id, quantity: line.returnable_quantity }],
      });
      await page.getByRole('button', { name: 'Request the return' }).click();
      const row = page.getByTestId('order-line').filter({ hasText: line.title });
      await row.getByRole('alert').getByText('Every unit is already in a return.').waitFor();
      await page.getByText('Some details need your attention').waitFor();
      expect(page.url()).toContain(`/buyer/orders/${order.id}`);
      await page.context().close();
    });
  });
}
