import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

/**
 * A tracking number that cannot be verified must not lead to a refund on the buyer's word alone:
 * the seller can say the parcel never came, and an agent decides.
 */
describe.each(ENGINES)('disputed receipt and unverified tracking [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function approved(): Promise<Json> {
    // Delivered yesterday by the test clock, which one test moves a month on.
    const now = t.clock.now().getTime();
    const order = await createOrder(t.app, shop, {
      placed_at: new Date(now - 5 * 86_400_000).toISOString(),
      delivered_at: new Date(now - 86_400_000).toISOString(),
    });
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'defective',
      description: 'It does not charge.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const ok = await api.post(`/v1/returns/${c.body.id}/approve`, shop.staff, {});
    expect(ok.body.status).toBe('awaiting_shipment');
    return c.body;
  }
  const ship = (id: string, carrier: string, tracking_number: string) =>
    api.post(`/v1/returns/${id}/ship`, shop.buyer, { carrier, tracking_number });

  it('unverifiable tracking is shown as such; the seller disputes receipt and no refund follows on silence', async () => {
    const c = await approved();
    const shipped = await ship(c.id, 'Speedy Parcels', 'SPD00012345678');
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body.shipment.tracking_verified).toBe(false);

    const seen = await api.get(`/v1/returns/${c.id}`, shop.staff);
    expect(seen.body.flags).toContain('unverified_tracking');
    expect(seen.body.allowed_commands).toContain('dispute_receipt');
    // A dispute needs the seller's word on what happened.
    const bare = await api.post(`/v1/returns/${c.id}/dispute_receipt`, shop.staff, {});
    expect(bare.status).toBe(422);
    expect(bare.body.errors.map((e: Json) => e.path)).toContain('body.note');
    // Only the seller may run it.
    const byBuyer = await api.post(`/v1/returns/${c.id}/dispute_receipt`, shop.buyer, {
      note: 'x',
    });
    expect(byBuyer.status).toBeGreaterThanOrEqual(400);

    const disputed = await api.post(`/v1/returns/${c.id}/dispute_receipt`, shop.staff, {
      note: 'Nothing arrived; this carrier has no record of the number.',
    });
    expect(disputed.status, JSON.stringify(disputed.body)).toBe(200);
    expect(disputed.body.status).toBe('disputed');
    const forAgent = await api.get(`/v1/returns/${c.id}`, shop.agent);
    expect(forAgent.body.allowed_commands).toEqual(
      expect.arrayContaining(['rule_for_buyer', 'rule_for_seller']),
    );
    expect(forAgent.body.flags).toContain('unverified_tracking');
    const events = (await api.get(`/v1/returns/${c.id}/events`, shop.agent)).body.data;
    expect(events.at(-1)).toMatchObject({
      type: 'return.receipt_disputed',
      actor: { role: 'seller' },
      payload: { opened_from: 'in_transit', tracking_verified: false },
    });

    // Past the receiving deadline nothing refunds: the agent decides.
    t.clock.advance(30 * 86_400);
    await advanceOverdueCases(t.database.db, t.clock.now());
    const later = await api.get(`/v1/returns/${c.id}`, shop.staff);
    expect(later.body.status).toBe('disputed');
    expect(later.body.refund_amount).toBeNull();
  });

  it('a carrier-checked number is verified; after the seller confirms receipt it inspects instead', async () => {
    const c = await approved();
    const shipped = await ship(c.id, 'UPS', '1Z999AA10123456784');
    expect(shipped.body.shipment.tracking_verified).toBe(true);
    const seen = await api.get(`/v1/returns/${c.id}`, shop.staff);
    expect(seen.body.flags).not.toContain('unverified_tracking');
    const received = await api.post(`/v1/returns/${c.id}/mark_received`, shop.staff, {});
    expect(received.body.status).toBe('delivered');
    expect(received.body.allowed_commands ?? []).not.toContain('dispute_receipt');
    const refused = await api.post(`/v1/returns/${c.id}/dispute_receipt`, shop.staff, {
      note: 'Changed my mind.',
    });
    expect(refused.status).toBe(409);
  });

  it('one parcel, one order: a tracking number of another order is refused', async () => {
    const first = await approved();
    expect((await ship(first.id, 'Speedy Parcels', 'SPD00099990000')).status).toBe(200);
    const second = await approved();
    const res = await ship(second.id, 'Speedy Parcels', 'spd 0009 9990 000');
    expect(res.status).toBe(409);
    expect(res.body.errors.map((e: Json) => e.path)).toEqual(['body.tracking_number']);
    expect((await api.get(`/v1/returns/${second.id}`, shop.buyer)).body.status).toBe(
      'awaiting_shipment',
    );
  });
});
