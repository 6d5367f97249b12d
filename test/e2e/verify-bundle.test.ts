import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';
import { type BrowserEnv, startBrowserEnv } from './browser.ts';

// The bundle check in the browser: anyone, signed in or not, drops a case bundle on /verify and
// sees it verified or where it breaks, in English and Chinese, at phone and desk sizes.

describe('verifying a case bundle in the browser [browser]', { retry: 1 }, () => {
  let env: BrowserEnv;
  let shop: Shop;
  let caseId: string;
  const dir = mkdtempSync(join(tmpdir(), 'sendback-e2e-bundle-'));
  const good = join(dir, 'case.bundle.json');
  const bad = join(dir, 'tampered.bundle.json');

  beforeAll(async () => {
    env = await startBrowserEnv();
    const api = client(env.t.app);
    shop = await createShop(env.t.app);
    const order = await createOrder(env.t.app, shop);
    const filed = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    caseId = filed.body.id;
    expect((await api.post(`/v1/returns/${caseId}/approve`, shop.staff, {})).status).toBe(200);
    const bundle: Json = (await api.get(`/v1/returns/${caseId}/bundle`, shop.buyer)).body;
    writeFileSync(good, JSON.stringify(bundle));
    bundle.events[1].payload.note = 'approved, and we add a gift';
    writeFileSync(bad, JSON.stringify(bundle));
  }, 120_000);
  afterAll(() => env?.close());

  async function open(locale: string, viewport: { width: number; height: number }) {
    const context = await env.browser.newContext({ locale, viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(12_000);
    await page.goto(`${env.baseUrl}/verify`);
    return page;
  }

  it('verifies a bundle against the published keys, then names where a tampered one breaks', async () => {
    const page = await open('en-US', { width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Verify a case bundle' }).waitFor();
    const drop = page.locator('.ant-upload-drag input[type=file]');
    await drop.setInputFiles(good);
    await expect
      .poll(() => page.getByTestId('bundle-verdict').textContent())
      .toBe(`Verified: ${caseId} is whole and signed`);
    const checks = page.locator('[data-testid=bundle-checks] li');
    expect(await checks.count()).toBe(9);
    expect(await page.locator('[data-testid=bundle-checks] li[data-ok=false]').count()).toBe(0);
    // Nothing wider than the phone.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );

    await drop.setInputFiles(bad);
    await expect
      .poll(() => page.getByTestId('bundle-verdict').textContent())
      .toBe('This bundle does not verify');
    expect(await page.getByTestId('bundle-break').textContent()).toMatch(
      /^It breaks here: Event #2 \(evt_[0-9a-z]+\) was changed: its content does not match its hash$/,
    );
    expect(await page.locator('li[data-check=events]').getAttribute('data-ok')).toBe('false');
    await page.context().close();
  });

  it('says the same in Chinese, and with the key in the bundle warns that it proves integrity only', async () => {
    const page = await open('zh-CN', { width: 1366, height: 900 });
    await page.getByRole('heading', { name: '验证案件证据包' }).waitFor();
    await page.getByTestId('keys-bundle').click();
    await page.locator('.ant-upload-drag input[type=file]').setInputFiles(good);
    await expect
      .poll(() => page.getByTestId('bundle-verdict').textContent())
      .toBe(`${caseId} 内容自洽，但未证明出自本平台`);
    expect(await page.getByTestId('bundle-result').textContent()).toContain(
      '使用的是证据包自带的公钥',
    );
    await page.getByTestId('keys-published').click();
    await page.locator('.ant-upload-drag input[type=file]').setInputFiles(good);
    await expect
      .poll(() => page.getByTestId('bundle-verdict').textContent())
      .toBe(`验证通过：${caseId} 完整且已签名`);
    await page.locator('.ant-upload-drag input[type=file]').setInputFiles(bad);
    await expect
      .poll(() => page.getByTestId('bundle-break').textContent())
      .toMatch(/^问题所在：第 2 条事件（evt_[0-9a-z]+）已被修改：内容与哈希不符$/);
    await page.context().close();
  });

  it('the case page offers the signed record to download', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(env.baseUrl);
    await page.getByLabel(/E-mail/).fill(shop.buyer.email);
    await page.getByLabel(/Password/).fill('correct horse battery');
    await page.getByRole('button', { name: /Sign in/ }).click();
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    await page.goto(`${env.baseUrl}/buyer/returns/${caseId}`);
    const link = page.getByTestId('bundle-download');
    expect(await link.getAttribute('href')).toBe(`/v1/returns/${caseId}/bundle`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`${caseId}.bundle.json`);
    await context.close();
  });
});
