import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueReminders } from '../../src/app/send-reminders.ts';
import { type BrowserEnv, HAS_BROWSER, signedIn, startBrowserEnv } from './browser.ts';

/**
 * The seller's and the agent's consoles at a phone's and a laptop's width: the bell's inbox, the
 * queue's search, the names and the one short reference of a case, refunds whose rows add up, and
 * an accessibility scan (axe-core) of the main pages. Screenshots go to SENDBACK_SHOTS if set.
 */
const SELLER = 'seller.us@demo.sendback.test';
const AGENT = 'agent@demo.sendback.test';
const BUYER = 'buyer1@demo.sendback.test';
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 900 },
] as const;
const POLL = { timeout: 10_000 };
const SHOTS = process.env['SENDBACK_SHOTS'];

// biome-ignore lint/suspicious/noExplicitAny: API answers are inspected dynamically
type Json = any;

const ref = (id: string) => `R-${id.slice(-8).toUpperCase()}`;

const axeSource = (() => {
  try {
    return createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  } catch {
    return null;
  }
})();

if (HAS_BROWSER) {
  describe('seller and agent consoles [browser]', { retry: 1 }, () => {
    let env: BrowserEnv;
    const state: Record<string, BrowserContextOptions['storageState']> = {};
    const cookies: Record<string, string> = {};

    async function call(path: string, who: string): Promise<Json> {
      const res = await fetch(`${env.baseUrl}${path}`, {
        headers: { cookie: cookies[who]! },
      });
      expect(res.status).toBe(200);
      return res.json();
    }

    async function open(
      who: string,
      path: string,
      size: (typeof SIZES)[number],
      locale = 'en-US',
    ): Promise<Page> {
      const context = await env.browser.newContext({
        // axe-core is added as a script tag, which the app's Content-Security-Policy forbids.
        bypassCSP: true,
        locale,
        viewport: { width: size.width, height: size.height },
        storageState: state[who],
      });
      await context.clock.setFixedTime(env.t.clock.now());
      if (locale.startsWith('zh')) {
        await context.addInitScript("localStorage.setItem('sendback.language', 'zh-CN')");
      } else {
        await context.addInitScript("localStorage.setItem('sendback.language', 'en')");
      }
      const page = await context.newPage();
      await page.goto(`${env.baseUrl}${path}`);
      try {
        await page.locator('#main').waitFor({ timeout: 15_000 });
      } catch (error) {
        await page.screenshot({ path: '/tmp/shots-consoles/debug-open.png' });
        throw error;
      }
      return page;
    }

    /** No sideways scrolling of the page (tables scroll inside their own box). */
    async function expectNoSidewaysScroll(page: Page) {
      // The page's content (#main); the header is the Shell's, checked by its own tests.
      const overflow = await page.evaluate<number>(
        `Math.max(0, ...[...document.querySelectorAll('#main *')].filter((e) => !e.closest('.ant-table-content, .ant-table-body, .ant-tabs-nav-wrap')).map((e) => e.getBoundingClientRect().right)) - document.documentElement.clientWidth`,
      );
      const widest = await page.evaluate<string>(
        `[...document.querySelectorAll('#main *')].filter((e) => !e.closest('.ant-table-content, .ant-table-body, .ant-tabs-nav-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(-1).map((e) => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40)).join('')`,
      );
      expect(overflow, widest).toBeLessThanOrEqual(1);
    }

    async function shoot(page: Page, name: string) {
      if (!SHOTS) return;
      mkdirSync(SHOTS, { recursive: true });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }

    /** Serious and critical axe violations on the page, as "rule: target" lines. */
    async function axeProblems(page: Page): Promise<string[]> {
      if (!axeSource) throw new Error('axe-core is not installed (it is a dev dependency)');
      await page.addScriptTag({ path: axeSource });
      const result = await page.evaluate<string[]>(`(async () => {
        // antd's table measure row is an invisible, zero-height layout helper, not content.
        const r = await window.axe.run(
          { exclude: [['.ant-table-measure-row']] },
          { resultTypes: ['violations'] },
        );
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .flatMap((v) => v.nodes.slice(0, 3).map((n) => v.id + ': ' + n.target.join(' ')));
      })()`);
      return result as string[];
    }

    beforeAll(async () => {
      env = await startBrowserEnv();
      for (const who of [SELLER, AGENT, BUYER]) {
        const page = await signedIn(env, who);
        state[who] = await page.context().storageState();
        await page.context().close();
        cookies[who] = (state[who] as { cookies: { name: string; value: string }[] }).cookies
          .map((c) => `${c.name}=${c.value}`)
          .join('; ');
      }
      // Reminders for every case whose deadline is within the next few days.
      await sendDueReminders(
        env.t.database.db,
        new Date(env.t.clock.now().getTime() + 3 * 86_400_000),
      );
    }, 180_000);
    afterAll(() => env?.close());

    for (const size of SIZES) {
      it(`seller at ${size.width}px: queue search, the case's names and reference, sums, inbox`, {
        timeout: 120_000,
      }, async () => {
        const all: Json[] = (await call('/v1/returns?sort=due_at&limit=100', SELLER)).data;
        const open1 = all.find((c) => c.status === 'delivered') ?? all[0];
        const page = await open(SELLER, '/seller/queue', size);
        await page.locator('tbody tr[data-row-key]').first().waitFor();
        await expectNoSidewaysScroll(page);
        await shoot(page, `seller-queue-${size.name}-en`);

        // Search by order number: exactly that case's order.
        const search = page.getByRole('searchbox', { name: 'Search by order number or buyer' });
        await search.fill(open1.order_number);
        await search.press('Enter');
        const sameOrder = all.filter((c) => c.order_number === open1.order_number).map((c) => c.id);
        await expect
          .poll(
            () =>
              page
                .locator('tbody tr[data-row-key]')
                .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')).sort()),
            POLL,
          )
          .toEqual(sameOrder.sort());
        expect(page.url()).toContain(`q=${encodeURIComponent(open1.order_number)}`);

        // Search by the buyer's name, in lower case.
        await search.fill(open1.buyer_name.toLowerCase());
        await search.press('Enter');
        const theirs = all.filter((c) => c.buyer_name === open1.buyer_name).map((c) => c.id);
        await expect
          .poll(
            () =>
              page
                .locator('tbody tr[data-row-key]')
                .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')).sort()),
            POLL,
          )
          .toEqual(theirs.sort());
        await expect
          .poll(() => page.getByTestId('buyer-name').first().textContent(), POLL)
          .toBe(open1.buyer_name);

        // The case: buyer, order number and the one short reference; rows add up to the total.
        await page.getByRole('link', { name: `Open return ${ref(open1.id)}` }).click();
        await page.getByTestId('case-ref').waitFor();
        expect(await page.getByTestId('case-ref').textContent()).toBe(ref(open1.id));
        expect(await page.getByTestId('buyer-name').textContent()).toBe(open1.buyer_name);
        expect(await page.getByTestId('order-number').first().textContent()).toContain(
          open1.order_number,
        );
        await expectSums(page);
        await expectNoSidewaysScroll(page);
        await shoot(page, `seller-case-${size.name}-en`);
        await page.context().close();

        await checkInbox(SELLER, size, '/seller/returns/');
      });

      it(`agent at ${size.width}px: disputes with names, a case's reference and sums, inbox`, {
        timeout: 120_000,
      }, async () => {
        const disputed: Json[] = (await call('/v1/returns?status=disputed&limit=100', AGENT)).data;
        expect(disputed.length).toBeGreaterThan(0);
        const page = await open(AGENT, '/agent/disputes', size);
        await page
          .getByTestId('disputes-table')
          .locator('tbody tr[data-row-key]')
          .first()
          .waitFor();
        await expect
          .poll(() => page.getByText(disputed[0].shop_name).count(), POLL)
          .toBeGreaterThan(0);
        await expectNoSidewaysScroll(page);
        await shoot(page, `agent-disputes-${size.name}-en`);
        await page.locator(`a[data-case-id="${disputed[0].id}"]`).click();
        await page.getByTestId('case-ref').waitFor();
        expect(await page.getByTestId('case-ref').textContent()).toBe(ref(disputed[0].id));
        expect(await page.getByTestId('buyer-name').textContent()).toBe(disputed[0].buyer_name);
        await expectSums(page);
        await shoot(page, `agent-case-${size.name}-en`);
        await expectNoSidewaysScroll(page);
        await page.context().close();
      });
    }

    /** Every refund breakdown shown: its signed rows sum to its total. */
    async function expectSums(page: Page) {
      const boxes = page.getByTestId('refund-breakdown');
      const n = await boxes.count();
      for (let i = 0; i < n; i++) {
        const box = boxes.nth(i);
        const parts = await box
          .getByTestId('refund-component')
          .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-minor'))));
        const total = Number(await box.getByTestId('refund-total').getAttribute('data-minor'));
        expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
      }
    }

    async function checkInbox(who: string, size: (typeof SIZES)[number], casePrefix: string) {
      const page = await open(who, '/inbox', size);
      await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
      const first = page.getByTestId('notification').first();
      await first.waitFor();
      await expectNoSidewaysScroll(page);
      await shoot(page, `inbox-${who.split('@')[0]}-${size.name}-en`);
      const before = await page.getByTestId('inbox-unread').textContent();
      const caseId = await page
        .locator('[data-testid="notification"][data-unread="true"]')
        .first()
        .getAttribute('data-case-id');
      expect(caseId).toBeTruthy();
      await page
        .locator(`[data-testid="notification"][data-unread="true"][data-case-id="${caseId}"] a`)
        .first()
        .click();
      await page.waitForURL(new RegExp(`${casePrefix}${caseId}`));
      await page.getByTestId('case-ref').waitFor();
      // Back in the inbox, one fewer is unread.
      await page.goto(`${env.baseUrl}/inbox`);
      await page.getByTestId('notification').first().waitFor();
      const count = (s: string | null) => Number(/\d+/.exec(s ?? '')?.[0] ?? 0);
      await expect
        .poll(async () => count(await page.getByTestId('inbox-unread').textContent()), POLL)
        .toBe(count(before) - 1);
      await page.context().close();
    }

    it('Chinese: the consoles, the inbox and antd in 简体中文 (screenshots)', {
      timeout: 180_000,
    }, async () => {
      for (const size of SIZES) {
        for (const [who, path, name] of [
          [SELLER, '/seller/queue', 'seller-queue'],
          [SELLER, '/inbox', 'inbox-seller'],
          [AGENT, '/agent/disputes', 'agent-disputes'],
        ] as const) {
          const page = await open(who, path, size, 'zh-CN');
          await page.locator('h1').first().waitFor();
          await page.waitForTimeout(500);
          expect(await page.locator('h1').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
          await expectNoSidewaysScroll(page);
          await shoot(page, `${name}-${size.name}-zh`);
          if (name === 'seller-queue') {
            await page.locator('tbody tr[data-row-key] a').first().click();
            await page.getByTestId('case-ref').waitFor();
            await page.waitForTimeout(500);
            await shoot(page, `seller-case-${size.name}-zh`);
          }
          await page.context().close();
        }
      }
    });

    // axe-core's serious and critical rules (contrast, names, lists, ARIA) on every main page.
    it('no serious or critical accessibility problems on the main pages', async () => {
      const problems: string[] = [];
      const pages: [string | null, string][] = [
        [SELLER, '/seller/queue'],
        [SELLER, '/seller/dashboard'],
        [SELLER, '/seller/policy'],
        [SELLER, '/seller/return-addresses'],
        [SELLER, '/inbox'],
        [AGENT, '/agent/disputes'],
        [AGENT, '/agent/refunds'],
        [AGENT, '/agent/platform'],
        [AGENT, '/inbox'],
        [BUYER, '/buyer/orders'],
        [BUYER, '/buyer/returns'],
        [BUYER, '/buyer/wallet'],
        [BUYER, '/inbox'],
      ];
      const all: Json[] = (await call('/v1/returns?limit=5', SELLER)).data;
      pages.push([SELLER, `/seller/returns/${all[0].id}`]);
      const disputed: Json[] = (await call('/v1/returns?status=disputed&limit=1', AGENT)).data;
      pages.push([AGENT, `/agent/returns/${disputed[0].id}`]);
      const mine: Json[] = (await call('/v1/returns?limit=5', BUYER)).data;
      pages.push([BUYER, `/buyer/returns/${mine[0].id}`]);
      for (const [who, path] of pages) {
        const page = await open(who!, path, SIZES[1]);
        await page.locator('#main h1, #main h2').first().waitFor({ state: 'attached' });
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(800);
        // A page still settling (a skeleton, an animation) on a busy machine is scanned again
        // once it has: what remains is a real problem.
        let found = await axeProblems(page);
        if (found.length) {
          await page.waitForTimeout(2000);
          found = await axeProblems(page);
        }
        problems.push(...found.map((p) => `${path}: ${p}`));
        await page.context().close();
      }
      // The login page.
      const context = await env.browser.newContext({ bypassCSP: true });
      const login = await context.newPage();
      await login.goto(env.baseUrl);
      await login.getByLabel('E-mail').waitFor();
      problems.push(...(await axeProblems(login)).map((p) => `login: ${p}`));
      // The public bundle check, signed out.
      await login.goto(`${env.baseUrl}/verify`);
      await login.locator('#main h1').waitFor();
      problems.push(...(await axeProblems(login)).map((p) => `/verify: ${p}`));
      await context.close();
      expect(problems).toEqual([]);
    }, 180_000);
  });
}
