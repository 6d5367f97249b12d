import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop, uploadEvidence } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

/** The printable record (record.html) holds what the record holds, in human form, escaped. */
describe.each(ENGINES)('the printable dispute record [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    api = client(t.app);
    shop = await createShop(t.app);
  });
  afterAll(() => t?.close());

  const ok = async (res: Promise<{ status: number; body: Json }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body as Json;
  };
  const run = (id: string, command: string, who: { token: string }, body: object = {}) =>
    ok(api.post(`/v1/returns/${id}/${command}`, who, body));

  /** The events section of the printed record (the thread below repeats some notes). */
  async function printedEvents(caseId: string): Promise<string> {
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/returns/${caseId}/record.html`,
      headers: { authorization: `Bearer ${shop.agent.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    const start = html.indexOf('<h2>Events</h2>');
    const end = html.indexOf('<h2>Messages</h2>');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    return html.slice(start, end);
  }

  it('shows the description, notes, the offer, the dispute and the ruling with their amounts', async () => {
    const order = await createOrder(t.app, shop);
    const c = await ok(
      api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        reason: 'damaged',
        description: 'The <b>handle</b> snapped & "fell off".',
        lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      }),
      201,
    );
    await run(c.id, 'offer_partial_refund', shop.staff, {
      amount: 700,
      note: 'Keep it for 7.00?',
    });
    await run(c.id, 'decline_offer', shop.buyer, { note: 'No, <i>all</i> of it.' });
    const photo = await uploadEvidence(t.app, shop.staff);
    await run(c.id, 'reject', shop.staff, {
      reason: 'damage_caused_by_buyer',
      note: 'Dropped <script>alert(1)</script> by the buyer.',
      attachment_ids: [photo],
    });
    await run(c.id, 'escalate', shop.buyer, { note: 'It came broken, see the box.' });
    await run(c.id, 'rule_for_buyer', shop.agent, {
      amount: 1234,
      note: 'Partial refund: 12.34 for the handle.',
    });

    const events = await printedEvents(c.id);
    // The request's description, escaped.
    expect(events).toContain('The &lt;b&gt;handle&lt;/b&gt; snapped &amp; &quot;fell off&quot;.');
    // The offer with its amount, and the buyer's answer.
    expect(events).toContain('return.partial_refund_offered');
    expect(events).toContain('7.00 USD');
    expect(events).toContain('Keep it for 7.00?');
    expect(events).toContain('No, &lt;i&gt;all&lt;/i&gt; of it.');
    // The rejection: reason, note (escaped) and the evidence it points to.
    expect(events).toContain('damage_caused_by_buyer');
    expect(events).toContain('Dropped &lt;script&gt;alert(1)&lt;/script&gt; by the buyer.');
    expect(events).toContain(photo);
    // The dispute and the ruling, with the amount ruled and the refund it started.
    expect(events).toContain('It came broken, see the box.');
    expect(events).toContain('Partial refund: 12.34 for the handle.');
    expect(events).toContain('12.34 USD');
    expect(events).toContain('return.refund_pending');
    expect(events).toContain('original_payment');
    // No markup from user text survives.
    expect(events).not.toContain('<script>');
    expect(events).not.toContain('<b>handle');
    expect(events).not.toContain('<i>all');
  });

  it('shows the parcel: carrier, tracking number, deduction and refund', async () => {
    const order = await createOrder(t.app, shop);
    const c = await ok(
      api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        reason: 'damaged',
        description: 'Chipped rim.',
        lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      }),
      201,
    );
    await run(c.id, 'approve', shop.staff, { note: 'Send it back, please.' });
    const tracking = upsTracking('record-print');
    await run(c.id, 'ship', shop.buyer, {
      carrier: 'UPS',
      tracking_number: tracking,
      shipping_cost: 650,
    });
    await run(c.id, 'mark_received', shop.staff);
    const photo = await uploadEvidence(t.app, shop.staff);
    await run(c.id, 'accept_package', shop.staff, {
      deduction_amount: 150,
      note: 'Scratched base.',
      attachment_ids: [photo],
    });

    const events = await printedEvents(c.id);
    expect(events).toContain('Send it back, please.');
    expect(events).toContain('UPS');
    expect(events).toContain(tracking);
    expect(events).toContain('6.50 USD');
    expect(events).toContain('1.50 USD');
    expect(events).toContain('Scratched base.');
    expect(events).toContain(photo);
    expect(events).toContain('return.refund_pending');
  });
});
