import { randomUUID } from 'node:crypto';
import type { BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { type BrowserEnv, HAS_BROWSER, signedIn, startBrowserEnv } from './browser.ts';

const SELLER_EMAIL = 'seller.us@demo.sendback.test';
const HOUR_MS = 3_600_000;
/** Pages refetch after a change; give them the time a slow CI machine needs. */
const POLL = { timeout: 10_000 };

// biome-ignore lint/suspicious/noExplicitAny: API answers are inspected dynamically
type Json = any;

/** How every page names a case: its one short reference. */
const ref = (id: string) => `R-${id.slice(-8).toUpperCase()}`;

// Browser tests need Chromium (CI installs Debian's); they are not defined where it is missing.
if (HAS_BROWSER) {
  // One retry: a browser on a CI machine shared with the other test files can miss a beat.
  describe('seller console [browser]', { retry: 1 }, () => {
    let env: BrowserEnv;
    let sellerId: string;
    let sellerToken: string;
    let buyer: { id: string; token: string };
    let storageState: BrowserContextOptions['storageState'];
    let orderNo = 0;

    /** The API as the tests' other parties use it (Bearer keys), over real HTTP. */
    async function call(
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      token?: string,
      body?: unknown,
    ) {
      const res = await fetch(`${env.baseUrl}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json: Json = await res.json().catch(() => null);
      if (!res.ok)
        throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
      return json;
    }

    /** A buyer files a fresh request on a new delivered order from the US demo shop. */
    async function fileRequest(reason: string, unitPrice = 3600): Promise<Json> {
      const now = env.t.clock.now().getTime();
      orderNo += 1;
      const order = await call('POST', '/v1/orders', ADMIN_TOKEN, {
        external_id: `E2E-SELLER-${orderNo}-${randomUUID().slice(0, 8)}`,
        seller_id: sellerId,
        buyer_id: buyer.id,
        currency: 'USD',
        placed_at: new Date(now - 6 * 24 * HOUR_MS).toISOString(),
        delivered_at: new Date(now - 2 * 24 * HOUR_MS).toISOString(),
        shipping_amount: 599,
        payment_reference: `pay_sim_e2e_${orderNo}`,
        lines: [
          {
            sku: 'KIT-MUG-STN-4',
            title: 'Stoneware mug, set of 4',
            category: 'kitchen',
            quantity: 1,
            unit_price: unitPrice,
            tax_amount: Math.round(unitPrice * 0.08875),
          },
        ],
      });
      return call('POST', '/v1/returns', buyer.token, {
        order_id: order.id,
        reason,
        description: 'Arrived with a chipped rim on one mug; photo of the box attached.',
        lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      });
    }

    const getCase = (id: string) => call('GET', `/v1/returns/${id}`, sellerToken);
    const listCases = async (query: string): Promise<Json[]> =>
      (await call('GET', `/v1/returns?sort=due_at&limit=100&${query}`, sellerToken)).data;

    /**
     * The seller's browser, signed in, with its clock on the server's (manual) clock, so that
     * countdowns and "due within 24 h" agree with the deadlines the server computed.
     */
    async function open(path: string, options: { at?: Date; locale?: string } = {}): Promise<Page> {
      const context = await env.browser.newContext({
        locale: options.locale ?? 'en-US',
        viewport: { width: 1366, height: 900 },
        storageState,
      });
      await context.clock.setFixedTime(options.at ?? env.t.clock.now());
      const page = await context.newPage();
      await page.goto(`${env.baseUrl}${path}`);
      await page.getByRole('navigation', { name: 'main' }).waitFor();
      return page;
    }

    const rowIds = (page: Page) =>
      page
        .locator('tbody tr[data-row-key]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));

    beforeAll(async () => {
      env = await startBrowserEnv();
      // One sign-in through the login page; every test's browser reuses its session cookie.
      const page = await signedIn(env, SELLER_EMAIL);
      storageState = await page.context().storageState();
      await page.context().close();

      const session = await call('POST', '/v1/session', undefined, {
        email: SELLER_EMAIL,
        password: 'demo-password-1',
      });
      sellerId = session.user.seller_id;
      const staff = await call('POST', '/v1/users', ADMIN_TOKEN, {
        email: `e2e-seller-staff-${randomUUID().slice(0, 8)}@example.test`,
        name: 'E2E staff',
        role: 'seller',
        seller_id: sellerId,
        api_key: true,
      });
      sellerToken = staff.api_key;
      const created = await call('POST', '/v1/users', ADMIN_TOKEN, {
        email: `e2e-buyer-${randomUUID().slice(0, 8)}@example.test`,
        name: 'Riley Buyer',
        role: 'buyer',
        api_key: true,
      });
      buyer = { id: created.user.id, token: created.api_key };
    }, 180_000);
    afterAll(() => env?.close());

    it('lists the queue by deadline with countdowns; status, overdue and due-soon filters narrow it', async () => {
      const all = await listCases('');
      const page = await open('/seller/queue');
      await page.getByRole('heading', { name: 'Returns queue' }).waitFor();
      await page.locator('tbody tr[data-row-key]').first().waitFor();
      // Same cases, same order as the API's due_at sort; deadlines ascending, open ones first.
      expect(await rowIds(page)).toEqual(all.map((c) => c.id));
      const dues = all.filter((c) => c.due_at).map((c) => Date.parse(c.due_at));
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
      expect(dues.length).toBeGreaterThan(2);
      await expect.poll(() => page.getByTestId('countdown').count(), POLL).toBe(dues.length);
      expect(await page.getByTestId('countdown').first().textContent()).toMatch(/left$/);

      // Status filter (multi-select), kept in the address.
      await page.getByRole('combobox', { name: 'Status' }).click();
      await page.getByTitle('Delivered to seller').click();
      await page.keyboard.press('Escape');
      const delivered = all.filter((c) => c.status === 'delivered').map((c) => c.id);
      expect(delivered.length).toBeGreaterThan(0);
      await expect.poll(() => rowIds(page), POLL).toEqual(delivered);
      expect(page.url()).toContain('status=delivered');
      await page.getByRole('button', { name: 'Clear filters' }).first().click();
      await expect.poll(() => rowIds(page), POLL).toEqual(all.map((c) => c.id));
      await page.context().close();

      // A minute after the earliest deadline, that case is overdue and a few more are due soon.
      const at = new Date(Math.min(...dues) + 60_000);
      // The UI counts from the server's clock: move the (manual) server clock there for this
      // part, signing in afresh (the first session may have expired by then), and back after.
      const shift = (at.getTime() - env.t.clock.now().getTime()) / 1000;
      env.t.clock.advance(shift);
      const later = await signedIn(env, SELLER_EMAIL);
      await later.goto(`${env.baseUrl}/seller/queue`);
      await later.locator('tbody tr[data-row-key]').first().waitFor();
      const overdue = await listCases(`due_before=${at.toISOString()}`);
      const soon = await listCases(
        `due_before=${new Date(at.getTime() + 24 * HOUR_MS).toISOString()}`,
      );
      expect(overdue.length).toBeGreaterThan(0);
      expect(soon.length).toBeGreaterThan(overdue.length);
      expect(soon.length).toBeLessThan(all.length);

      await later.getByText('Overdue', { exact: true }).click();
      await expect.poll(() => rowIds(later), POLL).toEqual(overdue.map((c) => c.id));
      for (const text of await later.getByTestId('countdown').allTextContents()) {
        expect(text).toMatch(/^overdue by/);
      }
      await later.getByText('Due within 24 h', { exact: true }).click();
      await expect.poll(() => rowIds(later), POLL).toEqual(soon.map((c) => c.id));
      await later.context().close();
      env.t.clock.advance(-shift);
    }, 90_000);

    it('approves two requested cases at once and reports each result', async () => {
      const first = await fileRequest('damaged');
      const second = await fileRequest('wrong_size', 2800);
      const page = await open('/seller/queue?status=requested');
      await page.locator(`tr[data-row-key="${second.id}"]`).waitFor();
      await page.getByRole('checkbox', { name: `Select return ${ref(first.id)}` }).check();
      await page.getByRole('checkbox', { name: `Select return ${ref(second.id)}` }).check();
      await page.getByText('2 requests selected').waitFor();
      await page.getByRole('button', { name: 'Approve selected' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: 'Approve', exact: true })
        .click();

      const report = page.getByTestId('bulk-report');
      await report.getByText('Approved 2, failed 0').waitFor();
      expect(await report.getByTestId('bulk-result').count()).toBe(2);
      await report.getByText('Approved: now Awaiting shipment').first().waitFor();
      expect((await getCase(first.id)).status).toBe('awaiting_shipment');
      expect((await getCase(second.id)).status).toBe('awaiting_shipment');
      // The queue (filtered to requests) drops them without a reload.
      await page.locator(`tr[data-row-key="${first.id}"]`).waitFor({ state: 'detached' });
      await page.context().close();
    }, 60_000);

    it('rejects a request with a reason and a note from the case page', async () => {
      // A change-of-mind request cannot be rejected: no Reject button, and the page says why.
      const [changedMind] = await listCases('status=requested&reason=changed_mind');
      const demo = await open(`/seller/returns/${changedMind.id}`);
      const demoActions = demo.getByTestId('seller-actions');
      await demoActions.getByRole('button', { name: 'Approve' }).waitFor();
      expect(await demoActions.getByRole('button', { name: 'Reject' }).count()).toBe(0);
      await demoActions.getByText('This request cannot be rejected').waitFor();
      await demo.context().close();

      const c = await fileRequest('defective');
      const page = await open(`/seller/returns/${c.id}`);
      const actions = page.getByTestId('seller-actions');
      await actions.getByRole('button', { name: 'Reject' }).click();
      const form = page.getByRole('form', { name: 'Reject' });
      await form.getByRole('button', { name: 'Reject request' }).click();
      await form.getByText('Choose a reason.').waitFor();
      await form.getByText('Write a note for the buyer.').waitFor();

      await form.getByLabel('Reason').click();
      await page.getByTitle('Insufficient evidence').click();
      const note = 'The photo shows the box, not the mug. Please send a photo of the chipped rim.';
      await form.getByLabel('Note to the buyer').fill(note);
      await form.getByRole('button', { name: 'Reject request' }).click();
      await page.getByText('Request rejected. The buyer has been told why.').waitFor();
      await page.locator('[data-status="rejected"]').first().waitFor();
      const after = await getCase(c.id);
      expect(after.status).toBe('rejected');
      expect(after.rejection).toMatchObject({ reason: 'insufficient_evidence', note });
      // The evidence panel now shows the shop's rejection.
      await page.getByTestId('evidence').getByText('Your rejection').waitFor();
      await page.context().close();
    }, 60_000);

    it('sees unverified tracking and sends a parcel that never came to the platform, in both languages', async () => {
      for (const [locale, texts] of [
        [
          'en-US',
          {
            flag: 'Unverified tracking',
            button: 'Parcel not received',
            note: 'What happened',
            submit: 'Send to the platform',
            done: 'The platform will decide',
          },
        ],
        [
          'zh-CN',
          {
            flag: '运单号未经核实',
            button: '未收到包裹',
            note: '情况说明',
            submit: '提交平台处理',
            done: '平台将作出裁定',
          },
        ],
      ] as const) {
        const c = await fileRequest('defective');
        await call('POST', `/v1/returns/${c.id}/approve`, sellerToken, {});
        await call('POST', `/v1/returns/${c.id}/ship`, buyer.token, {
          carrier: 'Speedy Parcels',
          tracking_number: `SPD${randomUUID().replaceAll('-', '').slice(0, 12)}`,
        });
        const page = await open(`/seller/returns/${c.id}`, { locale });
        await page.getByText(texts.flag).first().waitFor(POLL);
        const actions = page.getByTestId('seller-actions');
        await actions.getByRole('button', { name: texts.button }).click();
        const form = page.getByRole('form', { name: texts.button });
        await form.getByLabel(texts.note).fill('Nothing arrived; the carrier has no such number.');
        await page.screenshot({ path: `.tmp/seller-dispute-receipt-${locale}.png` });
        await form.getByRole('button', { name: texts.submit }).click();
        await page.getByText(texts.done).first().waitFor(POLL);
        expect((await getCase(c.id)).status).toBe('disputed');
        await page.context().close();
      }
    }, 90_000);

    it('offers a partial refund below the full refund', async () => {
      const c = await fileRequest('not_as_described');
      const total: number = c.refund_preview.total;
      const page = await open(`/seller/returns/${c.id}`);
      await page
        .getByTestId('seller-actions')
        .getByRole('button', { name: 'Offer partial refund' })
        .click();
      const form = page.getByRole('form', { name: 'Offer partial refund' });
      const amount = form.getByLabel('Amount offered (USD)');
      await amount.fill(String(total / 100));
      await form.getByRole('button', { name: 'Send offer' }).click();
      await form.getByText(/Offer less than the full refund of \$/).waitFor();
      await amount.fill('12.5');
      await form
        .getByLabel('Note to the buyer (optional)')
        .fill('Keep the set; we refund the chipped mug.');
      await form.getByRole('button', { name: 'Send offer' }).click();
      await page.getByText('Offer sent to the buyer.').waitFor();
      await page.locator('[data-status="partial_offer"]').first().waitFor();
      const after = await getCase(c.id);
      expect(after.status).toBe('partial_offer');
      expect(after.offer_amount).toBe(1250);
      await page.context().close();
    }, 60_000);

    it('accepts a returned package with a deduction and a photo as evidence', async () => {
      const [delivered] = await listCases('status=delivered');
      const max: number = (await getCase(delivered.id)).refund_preview.max_deduction;
      expect(max).toBeGreaterThanOrEqual(500);
      const page = await open(`/seller/returns/${delivered.id}`);
      await page
        .getByTestId('seller-actions')
        .getByRole('button', { name: 'Accept package' })
        .click();
      const form = page.getByRole('form', { name: 'Accept package' });
      await form.getByLabel('Deduction (USD, optional)').fill('5');
      await form.getByText('Evidence (required)').waitFor();
      await form.getByRole('button', { name: 'Accept and refund' }).click();
      await form.getByText('Attach at least one photo, video or PDF.').waitFor();

      const png = await sharp({
        create: { width: 64, height: 48, channels: 3, background: { r: 180, g: 120, b: 90 } },
      })
        .png()
        .toBuffer();
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: 'scuffed-corner.png', mimeType: 'image/png', buffer: png });
      await form.getByRole('link', { name: 'scuffed-corner.png' }).waitFor();
      await form.getByLabel('Note to the buyer (optional)').fill('Scuffed corner: 5.00 deducted.');
      await form.getByRole('button', { name: 'Accept and refund' }).click();
      await page.getByText('Package accepted. The refund is on its way.').waitFor();
      await page.locator('[data-status="refund_pending"]').first().waitFor();
      const after = await getCase(delivered.id);
      expect(after.status).toBe('refund_pending');
      expect(after.deduction_amount).toBe(500);
      // The photo is shown where the acceptance is: in the case's timeline, here and to the buyer.
      await page
        .getByTestId('timeline')
        .getByRole('link', { name: 'Open scuffed-corner.png' })
        .waitFor();
      await page.context().close();
    }, 60_000);

    it('shows a request a buyer just filed without a reload (live updates)', async () => {
      const page = await open('/seller/queue');
      await page.locator('tbody tr[data-row-key]').first().waitFor();
      // The stream is open once the header's Live tag turns green.
      await page.locator('.ant-tag-green', { hasText: 'Live' }).waitFor();
      const before = (await rowIds(page)).length;
      const c = await fileRequest('missing_parts');
      await page.locator(`tr[data-row-key="${c.id}"]`).waitFor({ timeout: 15_000 });
      expect((await rowIds(page)).length).toBe(before + 1);
      await page.locator(`tr[data-row-key="${c.id}"] [data-status="requested"]`).waitFor();
      await page.context().close();
    }, 60_000);

    it('saves the return policy and shows the server’s field errors', async () => {
      const page = await open('/seller/policy');
      const window = page.getByLabel('Return window', { exact: true });
      await window.waitFor();
      expect(await window.inputValue()).toBe('30');
      await window.fill('45');
      await page.getByRole('button', { name: 'Add an item' }).click();
      await page.getByLabel('Checklist item 5').fill('Batteries are taken out');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page
        .getByText('Return policy saved. It applies to new requests from now on.')
        .waitFor();
      const saved = await call('GET', `/v1/sellers/${sellerId}/return_policy`, sellerToken);
      expect(saved.policy.window_days).toBe(45);
      expect(saved.policy.preparation_checklist.at(-1)).toBe('Batteries are taken out');
      // Money and other fields survived the round trip unchanged.
      expect(saved.policy.restocking_fee_pct).toBe(10);
      expect(saved.policy.return_shipping_reimbursement_cap).toBe(1500);
      expect(saved.policy.categories).toEqual({ candles: { returnable: false } });

      // The server's limit (730 days) comes back as an error on the field itself.
      await window.fill('1000');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page
        .locator('#window_days_help')
        .getByText('Enter a whole number from 1 to 730.')
        .waitFor();
      await page.getByText('Check the highlighted fields.').waitFor();
      const unchanged = await call('GET', `/v1/sellers/${sellerId}/return_policy`, sellerToken);
      expect(unchanged.policy.window_days).toBe(45);
      await page.context().close();
    }, 60_000);

    it('previews what the edited draft would have changed, before saving it', async () => {
      // A change-of-mind return refunded in full: a higher restocking fee keeps part of it.
      const filed = await fileRequest('changed_mind');
      await call('POST', `/v1/returns/${filed.id}/approve`, sellerToken, {});
      await call('POST', `/v1/returns/${filed.id}/ship`, buyer.token, {
        carrier: 'UPS',
        tracking_number: upsTracking(`e2e-what-if-${filed.id}`),
      });
      await call('POST', `/v1/returns/${filed.id}/mark_received`, sellerToken, {});
      await call('POST', `/v1/returns/${filed.id}/accept_package`, sellerToken, {});
      const before = await call('GET', `/v1/sellers/${sellerId}/return_policy`, sellerToken);
      const page = await open('/seller/policy');
      const fee = page.getByLabel('Restocking fee', { exact: true });
      await fee.waitFor();
      await fee.fill('25');
      await page.getByText('Last 90 days').click();
      await page.getByRole('button', { name: 'Preview changes' }).click();
      const summary = page.getByRole('region', { name: 'Preview changes' });
      await summary.getByRole('columnheader', { name: 'With this draft' }).waitFor(POLL);
      // The page shows what the API answers for the same draft and period.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: before.time_zone });
      const now = env.t.clock.now().getTime();
      const expected = await call(
        'POST',
        `/v1/sellers/${sellerId}/return_policy/simulate`,
        sellerToken,
        {
          policy: { ...before.policy, restocking_fee_pct: 25 },
          from: today.format(new Date(now - 89 * 24 * HOUR_MS)),
          to: today.format(new Date(now)),
        },
      );
      expect(expected.cases.considered).toBeGreaterThan(0);
      const usd = expected.difference.fees.find((r: Json) => r.currency === 'USD');
      expect(usd.restocking_fees).toBeGreaterThan(0);
      const feesRow = summary.getByRole('row', { name: /Fees you keep \(USD\)/ });
      const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
      await feesRow
        .getByText(`+${dollars.format((usd.restocking_fees + usd.deductions) / 100)}`)
        .waitFor(POLL);
      await summary
        .getByText(
          `${expected.cases.considered} requests of ${expected.cases.in_period} in the period replayed.`,
        )
        .waitFor();
      // Editing again marks the preview as one of an older draft; nothing was saved.
      await fee.fill('20');
      await summary.getByText('The form changed since this preview.', { exact: false }).waitFor();
      const after = await call('GET', `/v1/sellers/${sellerId}/return_policy`, sellerToken);
      expect(after.version).toBe(before.version);
      expect(after.policy.restocking_fee_pct).toBe(before.policy.restocking_fee_pct);
      await page.context().close();
    }, 60_000);

    it('shows the queue in Chinese with dates and money formatted for zh-CN', async () => {
      const page = await open('/seller/queue');
      await page.locator('tbody tr[data-row-key]').first().waitFor();
      await page.getByLabel('Language').click();
      await page.getByTitle('简体中文').click();
      await page.getByRole('heading', { name: '退货队列' }).waitFor();
      await page.getByRole('columnheader', { name: '截止时间' }).waitFor();
      await page.getByText('24 小时内到期', { exact: true }).waitFor();
      await page.locator('[data-status="requested"]', { hasText: '已申请' }).first().waitFor();
      const due = await page.getByTestId('due-date').first().textContent();
      expect(due).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
      await expect
        .poll(async () => (await page.getByTestId('amount').allTextContents()).join(' '), POLL)
        .toMatch(/US\$\d+\.\d{2}/);
      expect(await page.getByTestId('countdown').first().textContent()).toMatch(/^剩余/);
      await page.context().close();
    }, 60_000);

    it('reaches and uses the reject form with the keyboard alone', async () => {
      const c = await fileRequest('damaged');
      const page = await open(`/seller/returns/${c.id}`);
      await page.getByTestId('seller-actions').getByRole('button', { name: 'Reject' }).waitFor();
      // Evaluated in the page (this file is compiled without the DOM's types).
      const focused = () =>
        page.evaluate<{ text: string; tag: string; outline: string }>(`(() => {
          const el = document.activeElement;
          return {
            text: (el && el.innerText ? el.innerText : '').trim(),
            tag: el ? el.tagName : '',
            outline: el ? getComputedStyle(el).outlineStyle : 'none',
          };
        })()`);
      const tabTo = async (found: (f: { text: string; tag: string }) => boolean, max: number) => {
        for (let i = 0; i < max; i++) {
          await page.keyboard.press('Tab');
          if (found(await focused())) return true;
        }
        return false;
      };
      expect(await tabTo((f) => f.text === 'Reject', 80)).toBe(true);
      // Focus is visible where it is.
      expect((await focused()).outline).not.toBe('none');
      await page.keyboard.press('Enter');
      const form = page.getByRole('form', { name: 'Reject' });
      await form.waitFor();
      // The reason list has the focus: open it, pick the first reason, move on to the note.
      const reason = form.getByRole('combobox', { name: 'Reason' });
      await page.keyboard.press('ArrowDown');
      await page.locator('.ant-select-item-option[title="No defect found"]').waitFor();
      await page.keyboard.press('Enter');
      await expect.poll(() => reason.getAttribute('aria-expanded'), POLL).toBe('false');
      await form.getByText('No defect found', { exact: true }).filter({ visible: true }).waitFor();
      expect(await tabTo((f) => f.tag === 'TEXTAREA', 5)).toBe(true);
      const note = 'Tested on the bench: no defect. Please send a video if it fails again.';
      await page.keyboard.type(note);
      expect(await form.getByLabel('Note to the buyer').inputValue()).toBe(note);
      expect(await tabTo((f) => f.text === 'Reject request', 10)).toBe(true);
      await page.keyboard.press('Enter');
      await page.locator('[data-status="rejected"]').first().waitFor();
      const after = await getCase(c.id);
      expect(after.status).toBe('rejected');
      expect(after.rejection.reason).toBe('no_defect_found');
      await page.context().close();
    }, 60_000);
  });
}
