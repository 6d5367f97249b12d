import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, HAS_BROWSER, signedIn, startBrowserEnv } from './browser.ts';

const SELLER_EMAIL = 'seller.us@demo.sendback.test';
const AGENT_EMAIL = 'agent@demo.sendback.test';
/** Charts draw after the figures arrive; give a slow CI machine the time it needs. */
const WAIT = { timeout: 15_000 };
const SCREENSHOTS = process.env['SENDBACK_E2E_SCREENSHOTS'];

/** The card of a chart, by its test id; its chart is an SVG drawn by ECharts. */
async function expectChart(page: Page, id: string) {
  const card = page.getByTestId(id);
  await card.waitFor(WAIT);
  await card.locator('[data-testid="echart"] svg').first().waitFor(WAIT);
  // Bars or lines were drawn, not just the axes.
  expect(await card.locator('[data-testid="echart"] svg path').count()).toBeGreaterThan(3);
  // ECharts describes the chart for screen readers (aria on).
  const label = await card.locator('[data-testid="echart"]').first().getAttribute('aria-label');
  expect(label ?? '').not.toBe('');
  // Read out as numbers a person says: no NaN, no raw fractions.
  expect(label).not.toMatch(/NaN|\d\.\d{3,}/);
}

// Browser tests need Chromium (CI installs Debian's); they are not defined where it is missing.
if (HAS_BROWSER) {
  // One retry: a browser on a CI machine shared with the other test files can miss a beat.
  describe('seller dashboard and platform view [browser]', { retry: 1 }, () => {
    let env: BrowserEnv;
    beforeAll(async () => {
      env = await startBrowserEnv();
    }, 180_000);
    afterAll(() => env?.close());

    it('shows the charts and their tables, changes the range, and speaks 简体中文', async () => {
      const page = await signedIn(env, SELLER_EMAIL);
      await page
        .getByRole('navigation', { name: 'main' })
        .getByRole('link', { name: 'Dashboard' })
        .click();
      await page.waitForURL('**/seller/dashboard');
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor(WAIT);

      // The demo shop's figures: key numbers, then the four charts.
      await page.getByTestId('kpi-opened').waitFor(WAIT);
      const opened = await page
        .getByTestId('kpi-opened')
        .locator('.ant-statistic-content')
        .textContent();
      expect(Number(opened?.replace(/\D/g, ''))).toBeGreaterThan(0);
      await expectChart(page, 'chart-cases-by-reason');
      await expectChart(page, 'chart-return-rate');
      await expectChart(page, 'chart-compliance');
      // The return-rate chart has its sortable table beside it.
      const skuTable = page.getByTestId('sku-table');
      expect(await skuTable.locator('tbody tr[data-row-key]').count()).toBeGreaterThan(0);
      if (SCREENSHOTS)
        await page.screenshot({ path: `${SCREENSHOTS}/dashboard.png`, fullPage: true });

      // Every chart has a data table: the cases-by-reason chart as a table of periods.
      const byReason = page.getByTestId('chart-cases-by-reason');
      await byReason.getByText('Table', { exact: true }).click();
      await byReason.locator('table').waitFor(WAIT);
      expect(await byReason.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await byReason.locator('[data-testid="echart"]').count()).toBe(0);
      await byReason.getByText('Chart', { exact: true }).click();
      await byReason.locator('[data-testid="echart"] svg').first().waitFor(WAIT);

      // A CSV of the cases behind the chart is one click away.
      const csv = await byReason.getByRole('link', { name: /Download cases/ }).getAttribute('href');
      expect(csv).toMatch(/\/analytics\/cases\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
      const download = await page.request.get(`${env.baseUrl}${csv}`);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-disposition']).toMatch(/^attachment; filename=/);
      expect((await download.text()).split('\r\n')[0]).toMatch(/^case_id,order_id,requested_at,/);

      // Another range: the last 90 days (a preset), by week.
      const container = page.locator('[data-range]');
      const before = await container.getAttribute('data-range');
      await page.getByRole('search', { name: 'Date range' }).locator('.ant-picker').click();
      const preset = page.locator('.ant-picker-presets').getByText('Last 90 days', { exact: true });
      await preset.waitFor(WAIT);
      await page.waitForTimeout(300); // the dropdown's opening animation
      await preset.click();
      await expect.poll(() => page.url(), WAIT).toMatch(/\?from=\d{4}-\d{2}-\d{2}&to=/);
      await page.getByText('Week', { exact: true }).click();
      // The range lives in the address (a reload or a shared link shows the same).
      await expect
        .poll(() => page.url(), WAIT)
        .toMatch(/\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&granularity=week$/);
      await expect.poll(() => container.getAttribute('data-range'), WAIT).not.toBe(before);
      const [from, to] = ((await container.getAttribute('data-range')) ?? '').split('/');
      expect((Date.parse(to!) - Date.parse(from!)) / 86_400_000).toBe(89);
      await expectChart(page, 'chart-cases-by-reason');

      // 简体中文: titles, legends and ECharts' own description follow.
      await page.getByLabel('Language').click();
      await page.getByTitle('简体中文').click();
      await page.getByRole('heading', { level: 1, name: '数据看板' }).waitFor(WAIT);
      await page.getByRole('heading', { name: '各原因退货数量趋势' }).waitFor(WAIT);
      await page.getByRole('heading', { name: '各 SKU 退货率（前 20）' }).waitFor(WAIT);
      await page.getByRole('heading', { name: '期限达成与自动处理结果' }).waitFor(WAIT);
      await expect
        .poll(
          () =>
            page
              .getByTestId('chart-cases-by-reason')
              .locator('[data-testid="echart"]')
              .getAttribute('aria-label'),
          WAIT,
        )
        .toContain('各原因退货数量趋势');
      // The legend inside the chart is in Chinese too.
      await expect
        .poll(
          () =>
            page
              .getByTestId('chart-cases-by-reason')
              .locator('[data-testid="echart"] svg')
              .first()
              .textContent(),
          WAIT,
        )
        .toContain('到货破损');
      await page.context().close();
    }, 120_000);

    it('the agent console has the platform view: every shop, and the seller-fault ranking', async () => {
      const page = await signedIn(env, AGENT_EMAIL);
      await page
        .getByRole('navigation', { name: 'main' })
        .getByRole('link', { name: 'Platform' })
        .click();
      await page.waitForURL('**/agent/platform');
      await page.getByRole('heading', { level: 1, name: 'Platform' }).waitFor(WAIT);
      await expectChart(page, 'chart-cases-by-reason');
      await expectChart(page, 'chart-compliance');
      const shops = page.getByTestId('top-shops');
      await shops.waitFor(WAIT);
      // Lower the volume threshold to one line: every demo shop with deliveries is ranked.
      await shops.getByRole('spinbutton').fill('1');
      await shops.getByRole('spinbutton').press('Enter');
      await expect
        .poll(() => shops.locator('tbody tr[data-row-key]').count(), WAIT)
        .toBeGreaterThan(0);
      // The platform has no single shop to export from.
      expect(await page.getByRole('link', { name: /CSV/ }).count()).toBe(0);
      if (SCREENSHOTS)
        await page.screenshot({ path: `${SCREENSHOTS}/platform.png`, fullPage: true });
      await page.context().close();
    }, 120_000);
  });
}
