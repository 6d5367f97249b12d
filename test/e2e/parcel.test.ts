import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedLabels } from '../../src/adapters/simulated-labels.ts';
import { buyDueLabels, DEFAULT_PARCEL } from '../../src/app/buy-labels.ts';
import { createOrder, createShop, type Person, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';
import { type BrowserEnv, HAS_BROWSER, startBrowserEnv } from './browser.ts';

// The parcel's way back: the shop's return addresses, the address on an approved case with its
// copy button, and the prepaid label (PDF and drop-off QR code) when the shop pays by label.

/** Set SENDBACK_E2E_SCREENSHOTS to a folder to keep pictures of the pages at both sizes. */
const SCREENSHOTS = process.env['SENDBACK_E2E_SCREENSHOTS'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const POLL = { timeout: 10_000, interval: 100 };

if (HAS_BROWSER) {
  describe('return addresses and prepaid labels [browser]', { retry: 1 }, () => {
    let env: BrowserEnv;
    let api: ReturnType<typeof client>;
    beforeAll(async () => {
      env = await startBrowserEnv();
      api = client(env.t.app);
    }, 120_000);
    afterAll(() => env?.close());

    /** A fixture login (password set by createUser) in its own browser context. */
    async function signIn(who: Person, options: { locale?: string } = {}): Promise<Page> {
      const contextOptions: BrowserContextOptions = {
        locale: options.locale ?? 'en-US',
        // Signed in wide: the phone's header folds the navigation away.
        viewport: DESKTOP,
      };
      const context = await env.browser.newContext(contextOptions);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: env.baseUrl,
      });
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

    /** A seller-fault return of one mug, filed by the shop's buyer. */
    async function openCase(shop: Shop): Promise<Json> {
      const order = await createOrder(env.t.app, shop);
      const res = await api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        type: 'return_and_refund',
        reason: 'defective',
        description: 'The handle came off the first time I used it.',
        lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    }

    async function approve(shop: Shop, caseId: string): Promise<Json> {
      const res = await api.post(`/v1/returns/${caseId}/approve`, shop.staff, {});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    }

    /** Runs the label worker until this case's label has an answer (the demo's wait too). */
    async function runLabelWorker(
      shop: Shop,
      caseId: string,
      provider: SimulatedLabels | null,
    ): Promise<Json> {
      for (let round = 0; round < 20; round += 1) {
        await buyDueLabels(env.t.database.db, env.t.clock.now(), {
          provider,
          max_attempts: 1,
          backoff_base_seconds: 1,
          parcel: DEFAULT_PARCEL,
          batch_size: 50,
        });
        const c = (await api.get(`/v1/returns/${caseId}`, shop.staff)).body;
        if (c.label?.status !== 'requested') return c;
      }
      throw new Error(`the label of ${caseId} was never bought`);
    }

    /**
     * Nothing on the page's content is wider than the phone's screen (the console's header, the
     * same on every page, is not part of these pages).
     */
    async function fitsThePhone(page: Page, testIds: string[]) {
      await page.setViewportSize(PHONE);
      for (const id of testIds) await page.getByTestId(id).first().waitFor();
      const wide = await page.evaluate<string[]>(`
        [...document.querySelectorAll('#main *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .filter((el) => el.getBoundingClientRect().width > 0)
          .map((el) => el.tagName + '.' + String(el.className).slice(0, 60))
          .slice(0, 5)
      `);
      expect(wide).toEqual([]);
    }

    /** An option of the open select list (closed lists stay in the page, hidden). */
    const option = (page: Page, title: string) =>
      page.locator(`.ant-select-item-option[title="${title}"]`).filter({ visible: true });

    async function shoot(page: Page, name: string) {
      if (!SCREENSHOTS) return;
      await page.setViewportSize(DESKTOP);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-1366.png`, fullPage: true });
      await page.setViewportSize(PHONE);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-390.png`, fullPage: true });
    }

    it('a shop without an address is sent to the settings on approve, adds one there, then approves', async () => {
      const shop = await createShop(env.t.app, { returnAddress: false });
      const c = await openCase(shop);
      const page = await signIn(shop.staff);
      await page.goto(`${env.baseUrl}/seller/returns/${c.id}`);
      await page.getByTestId('seller-actions').getByRole('button', { name: 'Approve' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: 'Approve', exact: true })
        .click();
      const refusal = page.getByTestId('no-return-address');
      await refusal.getByText('Add a return address before you approve').waitFor();
      await refusal.getByText(/no return address for this buyer/).waitFor();
      await refusal.getByRole('link', { name: 'Open your return addresses' }).click();
      await page.waitForURL(/\/seller\/return-addresses$/);
      await page.getByRole('heading', { level: 1, name: 'Return addresses' }).waitFor();
      // The settings are in the seller's navigation too.
      await page
        .getByRole('navigation', { name: 'main' })
        .getByRole('link', { name: 'Return addresses' })
        .waitFor();

      await page.getByRole('button', { name: 'Add an address' }).click();
      const form = page.getByRole('dialog');
      await form.getByText('Add a return address', { exact: true }).waitFor();
      await form.getByLabel('Name on the parcel').fill('Harbor Goods Returns');
      await form.getByLabel('Address line 1').fill('500 Harbor Blvd');
      await form.getByLabel('City').fill('Carson');
      await form.getByLabel('State, province or region (optional)').fill('CA');
      // A postal code the server refuses for the country: its answer lands on the field.
      await form.getByLabel('Postal code').fill('ABC');
      await form.getByLabel('Country', { exact: true }).click();
      await page.keyboard.type('United States (US');
      await option(page, 'United States (US)').click();
      await form.getByLabel('Buyers it serves').click();
      await page.keyboard.type('Canada');
      await option(page, 'Canada (CA)').click();
      await page.keyboard.type('United States (US');
      await option(page, 'United States (US)').click();
      await page.keyboard.press('Escape');
      await form
        .getByLabel('Instructions for the buyer (optional)')
        .fill('Write the return number on the box.');
      if (SCREENSHOTS) {
        await form.getByText('Add a return address', { exact: true }).click();
        await page.screenshot({ path: `${SCREENSHOTS}/seller-address-form-1366.png` });
        await page.setViewportSize(PHONE);
        await page.screenshot({ path: `${SCREENSHOTS}/seller-address-form-390.png` });
        await page.setViewportSize(DESKTOP);
      }
      await form.getByRole('button', { name: 'Save address' }).click();
      const postalItem = form
        .locator('.ant-form-item')
        .filter({ has: page.getByLabel('Postal code') });
      await postalItem
        .getByText('This is not a valid postal code in the chosen country.')
        .waitFor();
      expect(
        (await api.get(`/v1/sellers/${shop.seller.id}/return_addresses`, shop.staff)).body.data,
      ).toHaveLength(0);

      await form.getByLabel('Postal code').fill('90745');
      await form.getByRole('button', { name: 'Save address' }).click();
      await form.waitFor({ state: 'hidden' });
      const list = page.getByTestId('address-list');
      const card = list.getByTestId('return-address');
      await card.getByText('500 Harbor Blvd').waitFor();
      await card.getByText('Carson, CA 90745').waitFor();
      await card.getByTestId('default-tag').waitFor();
      await card.getByText('For buyers in Canada, United States.').waitFor();
      const saved = (await api.get(`/v1/sellers/${shop.seller.id}/return_addresses`, shop.staff))
        .body.data;
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({
        name: 'Harbor Goods Returns',
        postal_code: '90745',
        country: 'US',
        region: 'CA',
        line2: null,
        buyer_countries: ['CA', 'US'],
        instructions: 'Write the return number on the box.',
        is_default: true,
      });
      await shoot(page, 'seller-return-addresses');
      await fitsThePhone(page, ['address-list']);

      // Back to the case: approving now gives the buyer the address.
      await page.setViewportSize(DESKTOP);
      await page.goto(`${env.baseUrl}/seller/returns/${c.id}`);
      await page.getByTestId('seller-actions').getByRole('button', { name: 'Approve' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: 'Approve', exact: true })
        .click();
      await page.getByTestId('return-address').getByText('500 Harbor Blvd').waitFor();
      const approved = (await api.get(`/v1/returns/${c.id}`, shop.staff)).body;
      expect(approved.status).toBe('awaiting_shipment');
      expect(approved.return_address).toMatchObject({ postal_code: '90745', country: 'US' });
      await page.context().close();
    });

    it('after approval the buyer sees where to send the parcel and copies the address', async () => {
      const shop = await createShop(env.t.app);
      const c = await openCase(shop);
      await approve(shop, c.id);
      const page = await signIn(shop.buyer);
      await page.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
      const section = page.getByTestId('send-back');
      const card = section.getByTestId('return-address');
      for (const line of ['Harbor Goods Returns', '500 Harbor Blvd', 'Carson, CA 90745']) {
        await card.getByText(line, { exact: true }).waitFor();
      }
      await card.getByText('United States', { exact: true }).waitFor();
      // The ship form is beside it: no label here, the shop reimburses.
      await section.getByTestId('ship-form').waitFor();
      expect(await section.getByTestId('buyer-label').count()).toBe(0);

      await card.getByRole('button', { name: 'Copy address' }).click();
      await page.getByText('Address copied. Paste it into the carrier’s form.').waitFor();
      const copied = await page.evaluate<string>('navigator.clipboard.readText()');
      expect(copied).toBe(
        ['Harbor Goods Returns', '500 Harbor Blvd', 'Carson, CA 90745', 'United States'].join('\n'),
      );
      await page.context().close();

      // In Chinese the country is named in Chinese.
      const zh = await signIn(shop.buyer, { locale: 'zh-CN' });
      await zh.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
      const zhCard = zh.getByTestId('send-back').getByTestId('return-address');
      await zhCard.getByText('美国', { exact: true }).waitFor();
      await zhCard.getByRole('button', { name: '复制地址' }).waitFor();
      await fitsThePhone(zh, ['send-back']);
      if (SCREENSHOTS) {
        await zh.screenshot({ path: `${SCREENSHOTS}/buyer-address-zh-390.png`, fullPage: true });
      }
      await zh.context().close();
    });

    it('a bought prepaid label offers its PDF and drop-off QR code; a failed one is bought again', async () => {
      const shop = await createShop(env.t.app);
      const policy = await api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, {
        return_postage: 'prepaid_label',
      });
      expect(policy.status, JSON.stringify(policy.body)).toBe(200);
      const c = await openCase(shop);
      expect((await approve(shop, c.id)).label).toMatchObject({ status: 'requested' });

      // Before the worker runs, the buyer is told the label is on its way.
      const page = await signIn(shop.buyer);
      await page.goto(`${env.baseUrl}/buyer/returns/${c.id}`);
      await page
        .getByTestId('label-pending')
        .getByText('Your prepaid label is being prepared')
        .waitFor();

      const bought = await runLabelWorker(shop, c.id, new SimulatedLabels());
      expect(bought.label).toMatchObject({ status: 'purchased', carrier: 'USPS', cost: 795 });
      await page.reload();
      const label = page.getByTestId('buyer-label');
      await label.getByRole('heading', { name: 'Your prepaid label' }).waitFor();
      await label.getByTestId('label-tracking').getByText(bought.label.tracking_number).waitFor();
      await label
        .getByText('A drop-off counter can scan this code instead of a printed label.', {
          exact: false,
        })
        .waitFor();
      await label.getByText(/ships by itself when USPS scans the parcel/).waitFor();
      await page
        .getByTestId('buyer-guide')
        .getByText(/drop it off by/)
        .waitFor();
      const pdfLink = label.getByRole('link', { name: 'Download label (PDF)' });
      expect(await pdfLink.getAttribute('href')).toBe(`/v1/returns/${c.id}/label`);
      const pdf = await page.request.get(`${env.baseUrl}/v1/returns/${c.id}/label`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const qr = label.getByTestId('label-qr');
      expect(await qr.getAttribute('src')).toBe(`/v1/returns/${c.id}/label?format=qr`);
      await expect
        .poll(
          () =>
            qr.evaluate((img) =>
              (img as { complete: boolean }).complete
                ? (img as { naturalWidth: number }).naturalWidth
                : 0,
            ),
          POLL,
        )
        .toBeGreaterThan(0);
      // The address is still there, and shipping another way stays possible.
      await page.getByTestId('send-back').getByTestId('return-address').waitFor();
      await page.getByRole('button', { name: 'Shipping it another way?' }).waitFor();
      await shoot(page, 'buyer-label');
      await fitsThePhone(page, ['send-back', 'buyer-label']);
      await page.context().close();

      // The shop sees what it paid and the same files.
      const seller = await signIn(shop.staff);
      await seller.goto(`${env.baseUrl}/seller/returns/${c.id}`);
      const card = seller.getByTestId('label-card');
      await card.getByText('Bought', { exact: true }).first().waitFor();
      await card.getByTestId('label-cost').getByText('$7.95').waitFor();
      await card.getByTestId('label-tracking').getByText(bought.label.tracking_number).waitFor();
      expect(
        await card.getByRole('link', { name: 'Download label (PDF)' }).getAttribute('href'),
      ).toBe(`/v1/returns/${c.id}/label`);

      if (SCREENSHOTS) {
        await seller.screenshot({ path: `${SCREENSHOTS}/seller-label-1366.png`, fullPage: true });
      }

      // A label the provider would not sell: the shop reads why and buys another.
      const second = await openCase(shop);
      await approve(shop, second.id);
      const failed = await runLabelWorker(shop, second.id, null);
      expect(failed.label.status).toBe('failed');
      await seller.goto(`${env.baseUrl}/seller/returns/${second.id}`);
      const failedCard = seller.getByTestId('label-card');
      await failedCard.getByTestId('label-error').getByText(failed.label.error).waitFor();
      await failedCard.getByRole('button', { name: 'Buy a new label' }).click();
      await seller.getByText('A new label is being bought.').waitFor();
      await expect
        .poll(() => seller.getByTestId('label-card').getAttribute('data-status'), POLL)
        .toBe('requested');
      expect((await api.get(`/v1/returns/${second.id}`, shop.staff)).body.label.status).toBe(
        'requested',
      );
      await seller.context().close();

      // The buyer of a failed label may ship it themselves meanwhile.
      const buyer = await signIn(shop.buyer);
      const third = await openCase(shop);
      await approve(shop, third.id);
      await runLabelWorker(shop, third.id, null);
      await buyer.goto(`${env.baseUrl}/buyer/returns/${third.id}`);
      await buyer
        .getByTestId('label-failed')
        .getByText('Your prepaid label could not be bought')
        .waitFor();
      await buyer.getByTestId('send-back').getByTestId('ship-form').waitFor();
      await fitsThePhone(buyer, ['send-back']);
      await buyer.context().close();
    });

    it('the policy editor switches the shop to prepaid labels and keeps the choice on later saves', async () => {
      const shop = await createShop(env.t.app);
      const page = await signIn(shop.staff);
      await page.goto(`${env.baseUrl}/seller/policy`);
      const reimburse = page.getByRole('radio', { name: /Reimburse the buyer/ });
      await reimburse.waitFor();
      expect(await reimburse.isChecked()).toBe(true);
      await page.getByText(/the return ships on the carrier’s first scan/).waitFor();
      await page.getByRole('radio', { name: /Prepaid label/ }).check();
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page
        .getByText('Return policy saved. It applies to new requests from now on.')
        .waitFor();
      const policyOf = async () =>
        (await api.get(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff)).body.policy;
      expect((await policyOf()).return_postage).toBe('prepaid_label');

      // Saving another change leaves the postage choice as it was.
      await page.getByLabel('Return window', { exact: true }).fill('40');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await expect.poll(async () => (await policyOf()).window_days, POLL).toBe(40);
      expect((await policyOf()).return_postage).toBe('prepaid_label');
      await fitsThePhone(page, []);
      if (SCREENSHOTS) {
        await page
          .getByRole('radio', { name: /Prepaid label/ })
          .locator('xpath=ancestor::div[contains(@class, "ant-card")][1]')
          .screenshot({ path: `${SCREENSHOTS}/policy-postage-390.png` });
      }
      await page.context().close();
    });
  });
}
