import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../support/app.ts';
import { type BrowserEnv, HAS_BROWSER, startBrowserEnv } from './browser.ts';

/** A case's one short reference, as every page shows it. */
const ref = (id: string) => `R-${id.slice(-8).toUpperCase()}`;

const AGENT = 'agent@demo.sendback.test';
const BUYERS = ['buyer1', 'buyer2', 'buyer3'].map((b) => `${b}@demo.sendback.test`);

// biome-ignore lint/suspicious/noExplicitAny: API answers are inspected dynamically
type Json = any;

/**
 * The decision dialog's second step: fills the note (and checks the form holds it), presses
 * Review and waits for the summary. A missing summary fails with what the dialog shows instead.
 */
async function review(dialog: Locator, note?: string): Promise<Locator> {
  if (note !== undefined) {
    const field = dialog.getByLabel(/Note to both parties/);
    await field.fill(note);
    await expect.poll(() => field.inputValue()).toBe(note);
  }
  await dialog.getByRole('button', { name: 'Review' }).click();
  const summary = dialog.getByTestId('decision-summary');
  try {
    await summary.waitFor({ timeout: 20_000 });
  } catch (error) {
    const shown = await dialog.textContent({ timeout: 2_000 }).catch(() => '(no dialog)');
    throw new Error(`No summary after Review; the dialog shows: ${shown}`, { cause: error });
  }
  return summary;
}

// Browser tests need Chromium (CI installs Debian's); they are not defined where it is missing.
if (HAS_BROWSER) {
  // One retry: a browser on a CI machine shared with the other test files can miss a beat.
  describe('agent console [browser]', { retry: 1 }, () => {
    let env: BrowserEnv;
    /** The demo's two disputes: one with the return path (evidence requested), one refund-only. */
    let disputed: Json;
    let disputedRefundOnly: Json;

    const call = async (
      method: 'GET' | 'POST',
      url: string,
      headers: Record<string, string>,
      payload?: unknown,
    ) => {
      const res = await env.t.app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Json) : null };
    };
    const admin = (url: string) => call('GET', url, { authorization: `Bearer ${ADMIN_TOKEN}` });
    const caseById = async (id: string) => (await admin(`/v1/returns/${id}`)).body;

    /** A demo login's session, for acting as that person through the API. */
    const sessionOf = async (email: string) => {
      const res = await env.t.app.inject({
        method: 'POST',
        url: '/v1/session',
        payload: { email, password: 'demo-password-1' },
      });
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      const headers = { cookie, 'x-csrf-token': (JSON.parse(res.body) as Json).csrf_token };
      return {
        get: (url: string) => call('GET', url, headers),
        post: (url: string, body: unknown) =>
          call('POST', url, { ...headers, 'idempotency-key': crypto.randomUUID() }, body),
      };
    };

    /**
     * The agent in a browser whose clock reads the server's (manual) time, on `path`. Signs in
     * itself: antd spaces two-character CJK button labels ("登 录"), so the label is matched loosely.
     */
    const agentAt = async (path: string, locale = 'en-US'): Promise<Page> => {
      const context = await env.browser.newContext({
        locale,
        viewport: { width: 1366, height: 900 },
      });
      await context.clock.install({ time: env.t.clock.now() });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(env.baseUrl);
      await page.getByLabel(/E-mail|电子邮箱/).fill(AGENT);
      await page.getByLabel(/Password|密码/).fill('demo-password-1');
      await page.getByRole('button', { name: /Sign in|登\s*录/ }).click();
      await page.getByRole('navigation', { name: 'main' }).waitFor();
      await page.goto(`${env.baseUrl}${path}`);
      await page.getByRole('navigation', { name: 'main' }).waitFor();
      return page;
    };

    beforeAll(async () => {
      env = await startBrowserEnv();
      const list = await admin('/v1/returns?status=disputed&limit=100');
      expect(list.body.data).toHaveLength(2);
      disputed = list.body.data.find((c: Json) => c.type === 'return_and_refund');
      disputedRefundOnly = list.body.data.find((c: Json) => c.type === 'refund_only');
      expect(disputed.evidence_request.from).toBe('buyer');
      expect(disputedRefundOnly.evidence_request).toBeNull();
    }, 120_000);
    afterAll(() => env?.close());

    it('the disputes queue lists the disputed cases, longest waiting first', async () => {
      const page = await agentAt('/');
      await page.waitForURL('**/agent/disputes');
      await page.getByRole('heading', { name: 'Disputes', level: 1 }).waitFor();
      const table = page.getByTestId('disputes-table');
      const first = table.getByRole('row', { name: new RegExp(ref(disputed.id)) });
      const second = table.getByRole('row', { name: new RegExp(ref(disputedRefundOnly.id)) });
      await first.waitFor();
      await second.waitFor();
      // Oldest first: the return-path dispute was opened days before the refund-only one.
      const ids = await table.locator('tbody tr code').allTextContents();
      expect(ids.indexOf(ref(disputed.id))).toBeLessThan(ids.indexOf(ref(disputedRefundOnly.id)));
      // Opened from which state, the wait, and the outstanding evidence request with its countdown.
      await expect(first.getByText('Package rejected').count()).resolves.toBe(1);
      await expect(second.getByText('Rejected', { exact: true }).count()).resolves.toBe(1);
      await expect(first.getByText('From the buyer').count()).resolves.toBe(1);
      expect(await first.getByTestId('countdown').textContent()).toMatch(/left$/);
      expect(await second.getByText('None outstanding').count()).toBe(1);
      expect(await first.getByTestId('waiting').textContent()).toMatch(/\d+ (d|h|min)/);

      const dir = process.env['AGENT_SCREENSHOT_DIR'];
      if (dir) await page.screenshot({ path: join(dir, 'agent-queue.png') });

      // A click on the row opens the case.
      await first.getByText('Missing parts').click();
      await page.waitForURL(`**/agent/returns/${disputed.id}`);
      await page.getByTestId('record').waitFor();
      await page.context().close();
    });

    it('the case record shows events, thread, evidence, tracking and both chains verified', async () => {
      const page = await agentAt(`/agent/returns/${disputed.id}`);
      const record = page.getByTestId('record');
      await expect(page.getByTestId('chain-events').textContent()).resolves.toMatch(
        /Event chain: Chain verified ✓ \(\d+ links\)/,
      );
      await expect(page.getByTestId('chain-messages').textContent()).resolves.toMatch(
        /Message chain: Chain verified ✓ \(\d+ links\)/,
      );
      const events = record.getByTestId('record-events');
      for (const what of [
        'Return requested',
        'Package rejected',
        'Escalated to the platform',
        'Evidence submitted',
        'Evidence requested',
      ]) {
        await events.getByTestId('event-type').getByText(what, { exact: true }).first().waitFor();
      }
      // Who and hash, and the stored payload on demand.
      await events.getByText('Buyer', { exact: true }).first().waitFor();
      const apiEvents = (await admin(`/v1/returns/${disputed.id}/events`)).body.data as Json[];
      await events.getByText(`${apiEvents[0].hash.slice(0, 12)}…`).waitFor();

      // The dispute panel: what the buyer said and the seller's package rejection.
      await page
        .getByText('I sent everything back, including the charging case.')
        .first()
        .waitFor();
      await page.getByText('The charging case was not in the parcel.').first().waitFor();

      // The whole thread (case updates appear as system lines).
      await record.getByRole('tab', { name: /Thread \(\d+\)/ }).click();
      const messages = record.getByTestId('record-messages');
      await messages.waitFor();
      expect(await messages.locator('li').count()).toBeGreaterThanOrEqual(3);
      await messages.getByText('Sendback (case update)').first().waitFor();

      // Evidence: the seller's unboxing evidence and the package photos, images as thumbnails.
      await record.getByRole('tab', { name: /Evidence \(\d+\)/ }).click();
      const evidence = record.getByTestId('record-evidence');
      await evidence.waitFor();
      expect(await evidence.getByTestId('evidence-item').count()).toBeGreaterThanOrEqual(3);
      const thumb = evidence.locator('img').first();
      await thumb.waitFor();
      await expect
        .poll(() =>
          thumb.evaluate((el) => {
            const img = el as unknown as { complete: boolean; naturalWidth: number };
            return img.complete ? img.naturalWidth : 0;
          }),
        )
        .toBeGreaterThan(0);
      expect(await thumb.getAttribute('alt')).toMatch(/Evidence photo .* uploaded by the seller/);

      // Tracking: the parcel's carrier and number.
      await record.getByRole('tab', { name: 'Tracking' }).click();
      const c = await caseById(disputed.id);
      await record.getByTestId('record-tracking').getByText(c.shipment.tracking_number).waitFor();

      // The printable transcript.
      const transcript = page.getByRole('link', { name: /Printable transcript/ });
      expect(await transcript.getAttribute('href')).toBe(`/v1/returns/${disputed.id}/record.html`);

      const dir = process.env['AGENT_SCREENSHOT_DIR'];
      if (dir) {
        await record.getByRole('tab', { name: /Events/ }).click();
        await page.screenshot({ path: join(dir, 'agent-case.png'), fullPage: true });
        await record.getByRole('tab', { name: /Evidence/ }).click();
        await record.screenshot({ path: join(dir, 'agent-evidence.png') });
        await record.getByRole('tab', { name: 'Tracking' }).click();
        await record.screenshot({ path: join(dir, 'agent-tracking.png') });
      }
      await page.context().close();
    });

    it('requests evidence from the buyer: the next step shows the buyer and a countdown', async () => {
      const page = await agentAt(`/agent/returns/${disputedRefundOnly.id}`);
      await page.getByRole('button', { name: 'Request evidence…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('The buyer').check();
      // The note is required.
      await dialog.getByRole('button', { name: 'Review' }).click();
      await dialog.getByText('Write a note').waitFor();
      const summary = await review(
        dialog,
        'Please send a photo of the care label next to the listing screenshot.',
      );
      await summary.getByText(/Evidence is requested from the buyer, who has 72 hours/).waitFor();
      await dialog.getByRole('button', { name: 'Send request' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.getByText('Evidence requested (Buyer)').waitFor();
      const countdown = page.getByTestId('countdown').first();
      expect(await countdown.textContent()).toMatch(/^(2 d 23 h|3 d 0 h) left$/);
      await page.getByTestId('open-evidence-request').waitFor();
      const c = await caseById(disputedRefundOnly.id);
      expect(c.evidence_request.from).toBe('buyer');
      await page.context().close();
    });

    it('rules for the buyer with a partial amount: the case shows refund pending with it', async () => {
      const page = await agentAt(`/agent/returns/${disputedRefundOnly.id}`);
      const before = await caseById(disputedRefundOnly.id);
      expect(before.currency).toBe('USD');
      expect(before.refund_preview.total).toBeGreaterThan(1234);
      await page.getByRole('button', { name: 'Rule for the buyer…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Partial amount').check();
      const amount = dialog.getByLabel('Amount in USD');
      // More than the full refund is refused before anything is sent.
      await dialog.getByLabel(/Note to both parties/).fill('Label differs from the listing.');
      await amount.fill('99999');
      await dialog.getByRole('button', { name: 'Review' }).click();
      await dialog.getByText(/At most \$/).waitFor();
      await amount.fill('12.34');
      await expect.poll(() => amount.inputValue()).toBe('12.34');
      const summary = await review(dialog);
      await summary.getByText(/The buyer gets \$12\.34 of \$/).waitFor();
      await dialog.getByRole('button', { name: 'Confirm ruling' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.locator('[data-status="refund_pending"]').first().waitFor();
      await page.getByTestId('refund-amount').getByText('$12.34 to Original payment').waitFor();
      await page.getByTestId('ruling').getByText('Ruled for the buyer · $12.34').waitFor();
      const after = await caseById(disputedRefundOnly.id);
      expect(after.status).toBe('refund_pending');
      expect(after.refund_amount).toBe(1234);
      expect(after.ruling).toMatchObject({ for: 'buyer', amount: 1234 });
      await page.context().close();
    });

    let escalated: Json;
    it('live: the queue shows a newly escalated case without a reload', async () => {
      const page = await agentAt('/agent/disputes');
      const table = page.getByTestId('disputes-table');
      await table.getByRole('row', { name: new RegExp(ref(disputed.id)) }).waitFor();
      // The live stream is connected (the shell's tag turns green), and the page is not reloaded.
      await page.locator('.ant-tag-green', { hasText: 'Live' }).waitFor();
      await page.evaluate(() => {
        (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
      });

      // A rejected demo case; its buyer asks the platform to decide.
      const rejected = (await admin('/v1/returns?status=rejected&type=return_and_refund')).body
        .data[0];
      expect(rejected).toBeTruthy();
      let buyer: Awaited<ReturnType<typeof sessionOf>> | undefined;
      for (const email of BUYERS) {
        const session = await sessionOf(email);
        if ((await session.get(`/v1/returns/${rejected.id}`)).status === 200) buyer = session;
      }
      const answer = await buyer!.post(`/v1/returns/${rejected.id}/escalate`, {
        note: 'The damage was there on arrival: see the carrier photo.',
      });
      expect(answer.status).toBe(200);
      escalated = answer.body;
      expect(escalated.status).toBe('disputed');

      await table
        .getByRole('row', { name: new RegExp(ref(escalated.id)) })
        .waitFor({ timeout: 15_000 });
      expect(
        await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded),
      ).toBe(true);
      await page.context().close();
    });

    it('rules for the seller on another disputed case: the case closes', async () => {
      const page = await agentAt(`/agent/returns/${escalated.id}`);
      await page.getByText('The damage was there on arrival: see the carrier photo.').waitFor();
      await page.getByRole('button', { name: 'Rule for the seller…' }).click();
      const dialog = page.getByRole('dialog');
      const summary = await review(
        dialog,
        'The carrier scan shows the parcel intact; the damage is consistent with a drop.',
      );
      await summary.getByText('The buyer gets no refund and the case closes').waitFor();
      await dialog.getByRole('button', { name: 'Confirm ruling' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('[data-status="closed"]').first().waitFor();
      await page.getByText('Ruled for the seller', { exact: true }).first().waitFor();
      const after = await caseById(escalated.id);
      expect(after).toMatchObject({ status: 'closed', outcome: 'ruled_for_seller' });

      // Gone from the queue.
      await page
        .getByRole('navigation', { name: 'main' })
        .getByRole('link', { name: 'Disputes' })
        .click();
      await page
        .getByTestId('disputes-table')
        .getByRole('row', { name: new RegExp(ref(disputed.id)) })
        .waitFor();
      expect(
        await page
          .getByTestId('disputes-table')
          .getByRole('row', { name: new RegExp(ref(escalated.id)) })
          .count(),
      ).toBe(0);
      await page.context().close();
    });

    it('failed refunds: shows why and retries to another destination', async () => {
      const failed = (await admin('/v1/returns?status=refund_failed')).body.data as Json[];
      expect(failed).toHaveLength(1);
      const c = failed[0];
      const page = await agentAt('/agent/disputes');
      await page
        .getByRole('navigation', { name: 'main' })
        .getByRole('link', { name: 'Failed refunds' })
        .click();
      await page.getByRole('heading', { name: 'Failed refunds', level: 1 }).waitFor();
      const row = page
        .getByTestId('refunds-table')
        .getByRole('row', { name: new RegExp(ref(c.id)) });
      // The processor's code in words (serverText.ts), not the code itself.
      await row.getByText('The payment provider declined the refund.').waitFor();
      expect(await row.getByTestId('refund-amount').textContent()).toMatch(/^\$[\d,]+\.\d\d$/);
      await row.getByText('Original payment').waitFor();
      await row.getByText('1 failed attempt').waitFor();

      await row.getByRole('button', { name: /Retry/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Platform balance').check();
      const summary = await review(dialog);
      await summary.getByText(/is paid again to Platform balance/).waitFor();
      await dialog.getByRole('button', { name: 'Retry refund' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('refunds-table').getByText('No failed refunds.').waitFor();

      const after = await caseById(c.id);
      expect(after).toMatchObject({
        status: 'refund_pending',
        refund_destination: 'platform_balance',
      });
      expect(after.refund_amount).toBe(c.refund_amount);
      await page.goto(`${env.baseUrl}/agent/returns/${c.id}`);
      await page.locator('[data-status="refund_pending"]').first().waitFor();
      await page.context().close();
    });

    it('renders the record page in Chinese, with dates and money in its formats', async () => {
      const page = await agentAt(`/agent/returns/${disputed.id}`, 'zh-CN');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.getByText('完整记录', { exact: true }).waitFor();
      expect(await page.getByTestId('chain-events').textContent()).toMatch(
        /事件链：\s*校验通过 ✓（\d+ 个节点）/,
      );
      expect(await page.getByTestId('chain-messages').textContent()).toMatch(/消息链：\s*校验通过/);
      await page.getByRole('button', { name: '裁定支持买家…' }).waitFor();
      await page.getByRole('button', { name: '要求补充证据…' }).waitFor();
      await page.getByTestId('record-events').getByText('申请平台介入').first().waitFor();
      // Dates like 2026年3月2日, money like US$12.00.
      expect(await page.getByTestId('record-events').textContent()).toMatch(
        /\d{4}年\d{1,2}月\d{1,2}日/,
      );
      expect(await page.getByTestId('refund-breakdown').textContent()).toContain('US$');
      await page.getByRole('tab', { name: /会话/ }).click();
      // System lines are stored in English; the reader also gets them in Chinese.
      await page.getByTestId('record-messages').getByText('提交退货申请 · 买家').waitFor();
      const dir = process.env['AGENT_SCREENSHOT_DIR'];
      if (dir) await page.screenshot({ path: join(dir, 'agent-case-zh.png') });
      await page.context().close();
    });

    it('a tampered event shows the chain BROKEN at that event', async () => {
      const db = env.t.database.db;
      await db.execute(sql`alter table case_events disable trigger case_events_append_only`);
      await db.execute(sql`
        update case_events set payload = jsonb_set(payload, '{note}', '"Edited after the fact"')
        where case_id = ${disputed.id} and seq = 2`);
      await db.execute(sql`alter table case_events enable trigger case_events_append_only`);

      const page = await agentAt(`/agent/returns/${disputed.id}`);
      const chain = page.getByTestId('chain-events');
      await chain.waitFor();
      expect(await chain.textContent()).toContain(
        'Event chain: BROKEN at #2: content does not match its hash',
      );
      expect(await page.getByTestId('chain-messages').textContent()).toContain('Chain verified ✓');
      const brokenRow = page.getByTestId('record-events').locator('tr[data-seq="2"]');
      await brokenRow.getByText('✗ Broken here').waitFor();
      await page
        .getByTestId('record-events')
        .locator('tr[data-seq="3"]')
        .getByText('After the break')
        .waitFor();
      await page.context().close();
    });
  });
}
