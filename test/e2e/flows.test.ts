import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeDueRefunds } from '../../src/app/execute-refunds.ts';
import { refundWorkerOptions } from '../../src/app/workers.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { createLogger } from '../../src/logger.ts';
import {
  createOrder,
  createShop,
  createUser,
  type Person,
  type Shop,
} from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';
import { type BrowserEnv, HAS_BROWSER, startBrowserEnv } from './browser.ts';

// The flows of issue 17 in the browser: a replacement sent and confirmed, an exchange for a
// variant, an appeal decided by a second agent, disposition at inspection, the public policy.

/** Pictures of the new screens at both sizes; not kept in the repository. */
const SHOTS = process.env['SENDBACK_E2E_SCREENSHOTS'] ?? '/tmp/shots-flows';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const POLL = { timeout: 10_000, interval: 100 };

if (HAS_BROWSER) {
  describe('replacements, exchanges, appeals, disposition, public policy [browser]', {
    retry: 1,
  }, () => {
    let env: BrowserEnv;
    let api: ReturnType<typeof client>;
    let shop: Shop;
    beforeAll(async () => {
      env = await startBrowserEnv();
      api = client(env.t.app);
      shop = await createShop(env.t.app);
      mkdirSync(SHOTS, { recursive: true });
    }, 120_000);
    afterAll(() => env?.close());

    async function signIn(who: Person, locale = 'en-US'): Promise<Page> {
      const context = await env.browser.newContext({ locale, viewport: DESKTOP });
      await context.clock.setFixedTime(env.t.clock.now());
      const page = await context.newPage();
      page.setDefaultTimeout(12_000);
      await page.goto(env.baseUrl);
      await page.getByLabel(/E-mail|电子邮箱/).fill(who.email);
      await page.getByLabel(/Password|密码/).fill('correct horse battery');
      await page.getByRole('button', { name: /Sign in|登\s*录/ }).click();
      await page.getByRole('navigation', { name: 'main' }).waitFor();
      return page;
    }

    /** The page at both sizes, whole, into the screenshot folder. */
    async function shoot(page: Page, name: string, part?: string) {
      for (const [size, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
        // The new part on its own, legible at full size.
        if (part) {
          await page.getByTestId(part).screenshot({ path: `${SHOTS}/${name}-${size}-part.png` });
        }
      }
      await page.setViewportSize(DESKTOP);
    }

    const run = async (id: string, command: string, who: Person, body: object = {}) => {
      const res = await api.post(`/v1/returns/${id}/${command}`, who, body);
      expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body as Json;
    };
    const read = async (id: string, who: Person = shop.staff) =>
      (await api.get(`/v1/returns/${id}`, who)).body as Json;

    /** An order of a mug in stock, with two other glazes (one cheaper, one dearer). */
    const mugOrder = () =>
      createOrder(env.t.app, shop, {
        lines: [
          {
            sku: 'MUG-01-BLUE',
            title: 'Stoneware mug, blue',
            category: 'kitchen',
            quantity: 2,
            unit_price: 1800,
            in_stock: true,
            variants: [
              {
                sku: 'MUG-01-SAND',
                title: 'Stoneware mug, sand',
                unit_price: 1500,
                in_stock: true,
              },
              {
                sku: 'MUG-01-GOLD',
                title: 'Stoneware mug, gold',
                unit_price: 2400,
                in_stock: true,
              },
            ],
          },
        ],
      });

    /** A request sent back and received: the seller inspects it next. */
    async function received(type: string, quantity = 1): Promise<Json> {
      const order = await mugOrder();
      const res = await api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        type,
        reason: 'defective',
        description: 'The glaze is cracked.',
        lines: [{ order_line_id: order.lines[0].id, quantity }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const c = res.body as Json;
      await run(c.id, 'approve', shop.staff);
      await run(c.id, 'ship', shop.buyer, {
        carrier: 'UPS',
        tracking_number: upsTracking(`flows-${c.id}`),
      });
      return run(c.id, 'mark_received', shop.staff);
    }

    it('the seller sends a replacement and the buyer confirms it arrived', async () => {
      const c = await received('replacement');
      await run(c.id, 'accept_package', shop.staff);
      expect((await read(c.id)).status).toBe('replacement_pending');

      const seller = await signIn(shop.staff);
      await seller.goto(`${env.baseUrl}/seller/returns/${c.id}`);
      const panel = seller.getByTestId('replacement-panel');
      await panel.waitFor();
      const tracking = upsTracking(`replacement-${c.id}`);
      await panel.getByLabel('Carrier').fill('UPS');
      await panel.getByLabel('Tracking number').fill(tracking);
      await panel.getByRole('button', { name: 'Mark as sent' }).click();
      await seller.getByTestId('replacement-sent').waitFor();
      await expect.poll(async () => (await read(c.id)).status, POLL).toBe('replacement_shipped');
      // What the case waits for now, and what its deadline does, in words, not as a code.
      await seller.reload();
      await seller
        .getByText('Buyer confirms the replacement arrived (Buyer)', { exact: true })
        .waitFor();
      await seller.getByText('The replacement counts as received and the case closes').waitFor();
      expect(await seller.getByText('confirm_replacement').count()).toBe(0);
      // No refund is coming while the replacement is on its way: the money card says what
      // would be refunded if none could be sent, not a refund preview.
      expect(await seller.getByTestId('replacement-instead').textContent()).toMatch(
        /^A replacement is sent instead of a refund\. If none can be sent, the buyer is refunded \S+/,
      );

      const buyer = await signIn(shop.buyer);
      await buyer.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
      const step = buyer.getByTestId('replacement-step');
      await step.getByTestId('replacement-tracking').getByText(tracking).waitFor();
      await step.getByRole('button', { name: 'Something’s wrong' }).waitFor();
      await shoot(buyer, 'buyer-replacement', 'replacement-step');
      await step.getByRole('button', { name: 'It arrived' }).click();
      await buyer.locator('.ant-popover').getByRole('button', { name: 'It arrived' }).click();
      await expect
        .poll(async () => {
          const now = await read(c.id, shop.buyer);
          return `${now.status}/${now.outcome}`;
        }, POLL)
        .toBe('closed/replaced');
      await seller.context().close();
      await buyer.context().close();
    });

    it('the buyer asks for an exchange for a cheaper variant, and sees the difference', async () => {
      const order = await mugOrder();
      const buyer = await signIn(shop.buyer);
      await buyer.goto(`${env.baseUrl}/buyer/orders/${order.id}`);
      await buyer.getByTestId('request-form').waitFor();
      await buyer.getByRole('checkbox', { name: 'Stoneware mug, blue' }).check();
      await buyer.getByRole('radio', { name: /^Exchange/ }).check();
      const picker = buyer.getByTestId('variant-picker');
      // Only in-stock variants at the same or a lower price are offered.
      expect(await picker.getByText('Stoneware mug, gold').count()).toBe(0);
      await picker.getByRole('radio', { name: /Stoneware mug, sand/ }).check();
      await picker.getByTestId('exchange-difference').getByText('$3.00').waitFor();
      await buyer.getByRole('radio', { name: 'Wrong size' }).check();
      await buyer.getByLabel('What happened?').fill('Too small for my coffee.');
      await buyer
        .getByRole('button', { name: /Request/ })
        .last()
        .click();
      await buyer.waitForURL(/\/buyer\/returns\/ret_/);
      const id = buyer.url().split('/').at(-1)!;
      const created = await read(id, shop.buyer);
      expect(created).toMatchObject({
        type: 'exchange',
        exchange: { sku: 'MUG-01-SAND', difference: 300 },
      });
      await buyer.context().close();
    });

    it('the seller records what happens to each returned unit when accepting the package', async () => {
      const c = await received('return_and_refund', 2);
      const seller = await signIn(shop.staff);
      await seller.goto(`${env.baseUrl}/seller/returns/${c.id}`);
      await seller.getByRole('button', { name: 'Accept package' }).click();
      const table = seller.getByTestId('disposition-form');
      await table.waitFor();
      await table.getByLabel('Stoneware mug, blue: Damaged').fill('1');
      await seller.getByRole('button', { name: 'Accept and refund' }).click();
      // Three units for two returned: the form says so and sends nothing.
      await seller.getByText('Stoneware mug, blue: 3 of 2 units accounted for.').waitFor();
      await table.getByLabel('Stoneware mug, blue: Resellable').fill('1');
      await seller.getByTestId('disposition-form').scrollIntoViewIfNeeded();
      await shoot(seller, 'seller-disposition', 'disposition-form');
      await seller.getByRole('button', { name: 'Accept and refund' }).click();
      await expect.poll(async () => (await read(c.id)).status, POLL).not.toBe('delivered');
      const done = await read(c.id);
      expect(done.dispositions.map((d: Json) => `${d.disposition}:${d.quantity}`).sort()).toEqual([
        'damaged:1',
        'resellable:1',
      ]);
      await seller.context().close();
    });

    it('the buyer appeals a ruling; the first agent may not decide it, a second one overturns it', async () => {
      const order = await mugOrder();
      const res = await api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        reason: 'not_as_described',
        description: 'Not the colour in the photos.',
        lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      });
      const c = res.body as Json;
      await run(c.id, 'reject', shop.staff, { reason: 'no_defect_found', note: 'As listed.' });
      await run(c.id, 'escalate', shop.buyer, { note: 'It is not.' });
      await run(c.id, 'rule_for_seller', shop.agent, { note: 'Matches the listing.' });

      const buyer = await signIn(shop.buyer);
      await buyer.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
      const card = buyer.getByTestId('appeal-card');
      await card.getByTestId('appeal-until').waitFor();
      await card.getByRole('button', { name: 'Appeal' }).click();
      await card.getByLabel('Why should the decision change?').fill('The photos show blue.');
      await card.getByRole('button', { name: 'Send the appeal' }).click();
      await buyer.getByTestId('appeal-status').waitFor();
      expect((await read(c.id)).status).toBe('appealed');

      const first = await signIn(shop.agent);
      await first.goto(`${env.baseUrl}/agent/returns/${c.id}`);
      await first.getByTestId('appeal-same-agent').waitFor();
      expect(await first.getByRole('button', { name: 'Overturn the decision' }).count()).toBe(0);

      const second = await createUser(env.t.app, 'agent');
      const agent = await signIn(second);
      await agent.goto(`${env.baseUrl}/agent/returns/${c.id}`);
      const panel = agent.getByTestId('appeal-decision');
      await panel.getByText('The photos show blue.').waitFor();
      await panel.getByText('Matches the listing.').waitFor();
      await panel.getByLabel(/Your reasons/).fill('The listing photo is blue; this is grey.');
      await shoot(agent, 'agent-appeal', 'appeal-decision');
      await panel.getByRole('button', { name: 'Overturn the decision' }).click();
      await agent
        .locator('.ant-popover')
        .getByRole('button', { name: 'Overturn the decision' })
        .click();
      await expect
        .poll(async () => (await read(c.id)).appeal?.decision ?? null, POLL)
        .toBe('overturned');
      expect((await read(c.id)).appeal.decided_by).toBe(second.id);
      for (const p of [buyer, first, agent]) await p.context().close();
    });

    it('the shop sets returnless refunds, the per-buyer limit and the appeal window', async () => {
      const seller = await signIn(shop.staff);
      await seller.goto(`${env.baseUrl}/seller/policy`);
      const rules = seller.getByTestId('returnless-rules');
      await rules.getByRole('button', { name: 'Add a returnless-refund rule' }).click();
      await rules.getByLabel('Refund at most').fill('12');
      await seller.getByLabel('Returnless refunds per buyer').fill('3');
      await seller.getByLabel('Appeal window (days)').fill('14');
      await seller.getByRole('button', { name: 'Save policy' }).click();
      await expect
        .poll(async () => {
          const res = await api.get(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff);
          const p = res.body.policy;
          return JSON.stringify([
            p.returnless_refunds,
            p.returnless_limit.count,
            p.appeal_window_days,
          ]);
        }, POLL)
        .toBe(JSON.stringify([[{ max_amount: 1200 }], 3, 14]));
      await seller.context().close();
    });

    it('a returnless refund tells the buyer to keep the item; the agent reads the buyer limits and appeal rates', async () => {
      const put = await env.t.app.inject({
        method: 'PUT',
        url: `/v1/sellers/${shop.seller.id}/return_policy`,
        headers: { authorization: `Bearer ${shop.staff.token}` },
        // The coaster, its tax and the order's shipping (a seller-fault return of the whole order).
        payload: { returnless_refunds: [{ reasons: ['damaged'], max_amount: 2000 }] },
      });
      expect(put.statusCode, put.body).toBe(200);
      const order = await createOrder(env.t.app, shop, {
        lines: [
          {
            sku: 'COASTER',
            title: 'Cork coaster',
            category: 'kitchen',
            quantity: 1,
            unit_price: 500,
          },
        ],
      });
      const res = await api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        reason: 'damaged',
        description: 'Snapped in two.',
        lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.keeps_item).toBe(true);
      const buyer = await signIn(shop.buyer);
      await buyer.goto(`${env.baseUrl}/buyer/returns/${res.body.id}`);
      await buyer
        .getByTestId('returnless-notice')
        .getByText('Keep the item — you won’t need to send it back')
        .waitFor();
      await buyer.context().close();

      const agent = await signIn(shop.agent);
      await agent.getByRole('link', { name: 'Buyer limits' }).click();
      const form = agent.getByTestId('platform-rules');
      await form.getByLabel('Orders before the return rate counts').waitFor();
      await agent.getByText('Only operators change these. You can read them.').waitFor();
      expect(await agent.getByRole('button', { name: 'Save' }).count()).toBe(0);
      await agent.getByRole('link', { name: 'Platform' }).click();
      await agent.getByTestId('appeals-figures').getByText('Overturn rate').waitFor();
      await agent.context().close();
    });

    it('anyone reads a shop’s policy without signing in, in English and in Chinese', {
      timeout: 90_000,
    }, async () => {
      const put = await env.t.app.inject({
        method: 'PUT',
        url: `/v1/sellers/${shop.seller.id}/return_policy`,
        headers: { authorization: `Bearer ${shop.staff.token}` },
        payload: {
          window_days: 30,
          restocking_fee_pct: 10,
          categories: { underwear: { returnable: false } },
          returnless_refunds: [{ reasons: ['damaged'], max_amount: 1000 }],
          returnless_limit: { count: 2, days: 90 },
          appeal_window_days: 10,
        },
      });
      expect(put.statusCode, put.body).toBe(200);

      const context = await env.browser.newContext({ locale: 'en-US', viewport: DESKTOP });
      const page = await context.newPage();
      page.setDefaultTimeout(12_000);
      await page.goto(`${env.baseUrl}/shops/${shop.seller.id}/policy`);
      const policy = page.getByTestId('public-policy');
      await policy.getByRole('heading', { level: 1, name: /^Return policy of / }).waitFor();
      await policy.getByText('You can return items within 30 days of delivery.').waitFor();
      await policy.getByTestId('policy-notReturnable').getByText('underwear').waitFor();
      await policy.getByText(/A restocking fee of 10%/).waitFor();
      await policy.getByText(/up to \$10\.00 .*\(reasons: Arrived damaged\)/).waitFor();
      await policy.getByText('You may appeal a decision once within 10 days.').waitFor();
      expect(await policy.getByTestId('policy-version').textContent()).toMatch(/^Version \d+/);
      const href = await page.getByTestId('jsonld-link').getAttribute('href');
      const jsonld = await page.request.get(`${env.baseUrl}${href}`);
      expect(jsonld.headers()['content-type']).toContain('application/ld+json');
      await shoot(page, 'public-policy-en');

      await page.getByLabel('Language').click();
      await page.getByTitle('简体中文').click();
      await policy.getByRole('heading', { level: 1, name: /的退货政策$/ }).waitFor();
      await policy.getByText('签收后 30 天内可以退货。').waitFor();
      await shoot(page, 'public-policy-zh');
      await context.close();

      // A reader whose browser asks for Chinese gets it from the start.
      const zh = await env.browser.newContext({ locale: 'zh-CN', viewport: PHONE });
      const zhPage = await zh.newPage();
      zhPage.setDefaultTimeout(12_000);
      await zhPage.goto(`${env.baseUrl}/shops/${shop.seller.id}/policy`);
      await zhPage.getByText('您可以在 10 天内对裁定申诉一次。').waitFor();
      await zh.close();
    });

    // Last: it flags the shop's buyer over the platform's limits (restored at the end).
    it('the shop refunds instead of replacing, appeals a ruling it lost, and sees a flagged buyer; an operator sets the limits', async () => {
      const order = await mugOrder();
      const asked = await api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        type: 'replacement',
        reason: 'defective',
        description: 'Cracked rim.',
        lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      const seller = await signIn(shop.staff);
      await seller.goto(`${env.baseUrl}/seller/returns/${asked.body.id}`);
      await seller
        .getByTestId('refund-instead')
        .getByRole('button', { name: 'Refund instead' })
        .click();
      await seller.locator('.ant-popover').getByRole('button', { name: 'Refund instead' }).click();
      await expect
        .poll(async () => {
          const now = await read(asked.body.id);
          return `${now.type}/${now.status}`;
        }, POLL)
        .toBe('return_and_refund/awaiting_shipment');

      const other = await mugOrder();
      const lost = (
        await api.post('/v1/returns', shop.buyer, {
          order_id: other.id,
          reason: 'not_as_described',
          description: 'Not the colour in the photos.',
          lines: [{ order_line_id: other.lines[0].id, quantity: 1 }],
          // Paid from the platform's ledger at once: a refunded case is what a shop appeals.
          refund_destination: 'platform_balance',
        })
      ).body as Json;
      await run(lost.id, 'reject', shop.staff, { reason: 'no_defect_found', note: 'As listed.' });
      await run(lost.id, 'escalate', shop.buyer, { note: 'It is not.' });
      await run(lost.id, 'rule_for_buyer', shop.agent, { note: 'The photos differ.' });
      // The workers are off in these tests: the refund worker runs here.
      const refunds = refundWorkerOptions({
        db: env.t.database.db,
        clock: env.t.clock,
        config: env.t.config,
        logger: createLogger('silent'),
      });
      await expect
        .poll(async () => {
          await executeDueRefunds(env.t.database.db, env.t.clock.now(), refunds);
          return (await read(lost.id)).status;
        }, POLL)
        .toBe('refunded');
      await seller.goto(`${env.baseUrl}/seller/returns/${lost.id}`);
      const card = seller.getByTestId('appeal-card');
      await card
        .getByText(/automatic|ruling|appeal this decision once/i)
        .first()
        .waitFor();
      await card.getByRole('button', { name: 'Appeal' }).click();
      await card.getByLabel('Why should the decision change?').fill('Same batch as the photos.');
      await card.getByRole('button', { name: 'Send the appeal' }).click();
      await seller.getByTestId('appeal-status').waitFor();
      expect((await read(lost.id)).appeal).toMatchObject({ by: 'seller' });

      const operator = await createUser(env.t.app, 'operator');
      const desk = await signIn(operator);
      await desk.getByRole('link', { name: 'Buyer limits' }).click();
      await desk.getByLabel('Most returns in 90 days (every shop)').fill('1');
      await desk.getByRole('button', { name: 'Save' }).click();
      await desk.getByText('Saved.').waitFor();
      await seller.reload();
      await seller.getByTestId('buyer-flagged').waitFor();
      const restored = await api.put('/v1/platform/rules', operator, {
        max_cases_90_days: null,
        max_return_rate: null,
        min_orders: 5,
      });
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
      await seller.context().close();
      await desk.context().close();
    });
  });
}
