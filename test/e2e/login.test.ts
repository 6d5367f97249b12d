import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserEnv, HAS_BROWSER, signedIn, startBrowserEnv } from './browser.ts';

// Browser tests need Chromium (CI installs Debian's); they are not defined where it is missing.
if (HAS_BROWSER) {
  // One retry: a browser on a CI machine shared with the other test files can miss a beat.
  describe('login and shell [browser]', { retry: 1 }, () => {
    let env: BrowserEnv;
    beforeAll(async () => {
      env = await startBrowserEnv();
    }, 120_000);
    afterAll(() => env?.close());

    it('lists the demo logins, signs in, switches language and keeps it', async () => {
      const context = await env.browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(env.baseUrl);
      await page.getByRole('heading', { name: 'Demo logins' }).waitFor();
      const useButtons = page.getByRole('button', { name: 'Use' });
      expect(await useButtons.count()).toBeGreaterThanOrEqual(8);
      await page
        .getByRole('listitem')
        .filter({ hasText: 'buyer1@demo' })
        .getByRole('button', { name: 'Use' })
        .click();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'main' }).waitFor();
      expect(page.url()).toContain('/buyer/orders');

      await page.getByLabel('Language').click();
      await page.getByTitle('简体中文').click();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await context.close();
    });

    it('the login page fits a phone: no sideways scrolling, every demo login named', async () => {
      const context = await env.browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      await page.goto(env.baseUrl);
      await page.getByRole('heading', { name: 'Demo logins' }).waitFor();
      const items = page.getByTestId('demo-logins').getByRole('listitem');
      expect(await items.count()).toBeGreaterThanOrEqual(8);
      for (const text of await items.allTextContents()) {
        expect(text).toMatch(/^(Buyer|Seller|Agent|Operator).*@demo\.sendback\.test/);
      }
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(390);
      await context.close();
    });

    it("English dates follow the reader's own English: day first in en-GB, month first in en-US", async () => {
      for (const [locale, date] of [
        ['en-GB', /^Placed \d{1,2} [A-Z][a-z]{2} \d{4}$/],
        ['en-US', /^Placed [A-Z][a-z]{2} \d{1,2}, \d{4}$/],
      ] as const) {
        const page = await signedIn(env, 'buyer1@demo.sendback.test', locale);
        await page.waitForURL(/\/buyer\/orders$/);
        const placed = page.getByText(/^Placed /).first();
        await placed.waitFor();
        expect(await placed.textContent()).toMatch(date);
        await page.context().close();
      }
    });

    it('a wrong password says so and signs nobody in', async () => {
      const page = await (await env.browser.newContext()).newPage();
      await page.goto(env.baseUrl);
      await page.getByLabel('E-mail').fill('buyer1@demo.sendback.test');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('E-mail or password is wrong.').waitFor();
    });

    it('a reload on a client-side route serves the app', async () => {
      const page = await signedIn(env, 'seller.us@demo.sendback.test');
      await page.goto(`${env.baseUrl}/seller/queue`);
      await page.getByRole('navigation', { name: 'main' }).waitFor();
      expect(page.url()).toContain('/seller/queue');
    });
  });
}
