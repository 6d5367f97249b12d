import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { CaseSchema } from '../../src/http/case-schemas.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

/**
 * A write's answer is the case as a read right after it shows it. The answer's names, parcel flag
 * and buyer's record are read before the write, with the case's lock, and used only while the
 * write cannot have changed them (src/app/case-view.ts, caseAnswer): each step here is one where
 * they hold, or one where they do not and must be read again.
 */
describe.each(ENGINES)("a command's answer is the case as read after it [%s]", (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let shop: Shop;
  beforeAll(async () => {
    t = await startTestApp(engine);
    api = client(t.app);
    shop = await createShop(t.app);
    // The buyer's first write: from then on the server knows their key.
    await open(await createOrder(t.app, shop), 0, false);
  });
  afterAll(() => t.close());

  /**
   * Runs a command and checks its answer against a read by the same person. `factsRead` says
   * whether the answer reads its facts again on their own, after the write: only when the write
   * changed them. Otherwise they come with the order's context, in the statement before the write.
   */
  async function step(
    id: string,
    command: string,
    who: { token: string },
    body: object = {},
    factsRead = false,
  ) {
    const { result: res, names } = await statementsDuring(() =>
      api.post(`/v1/returns/${id}/${command}`, who, body),
    );
    expect(names.filter((n) => n.startsWith('case_view_facts')).length, command).toBe(
      factsRead ? 1 : 0,
    );
    expect(
      names.filter((n) => n.startsWith('order_contexts_')),
      command,
    ).toEqual([expect.stringMatching(/_facts/)]);
    // The caller's key, known to the server, is checked in the statement that locks the case.
    expect(
      names.filter((n) => n.startsWith('lock_orders_then_cases')),
      command,
    ).toEqual([expect.stringMatching(/_checked/)]);
    expect(names, command).not.toContain(CREDENTIAL_CHECK);
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
    const read = await api.get(`/v1/returns/${id}`, who);
    expect(res.body, command).toEqual(read.body);
    // The schema's fields, no others (the stored document's `state` is shown as `status`).
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(CaseSchema.shape).sort());
    return res.body as Json;
  }

  /** Files a return; `keyKnown`: the buyer's key has written before, so the server knows it. */
  async function open(order: Json, line: number, keyKnown = true): Promise<Json> {
    const { result: res, names } = await statementsDuring(() =>
      api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        reason: 'not_as_described',
        description: 'Not as the listing said.',
        lines: [{ order_line_id: order.lines[line].id, quantity: 1 }],
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The new case's facts come with its order's context, the key's check with the order's lock.
    expect(names.filter((n) => n.startsWith('case_view_facts'))).toEqual([]);
    expect(names.filter((n) => n.startsWith('order_contexts_'))).toEqual([
      expect.stringMatching(/_facts/),
    ]);
    // A key the server does not know yet is read instead, before the transaction.
    expect(names.filter((n) => n.startsWith('lock_orders_making_threads'))).toEqual([
      keyKnown ? 'lock_orders_making_threads_checked_one' : 'lock_orders_making_threads_one',
    ]);
    expect(names).not.toContain(CREDENTIAL_CHECK);
    expect(res.body).toEqual((await api.get(`/v1/returns/${res.body.id}`, shop.buyer)).body);
    return res.body;
  }

  it('through a return shipped in one parcel with its sibling, to the refund', async () => {
    const order = await createOrder(t.app, shop);
    const first = await open(order, 0);
    const second = await open(order, 1);
    expect(first.order_number).toBe(order.external_id);
    for (const c of [first, second]) await step(c.id, 'approve', shop.staff);
    const parcel = upsTracking(`answers-${order.id}`);
    const shipped = await step(first.id, 'ship', shop.buyer, {
      carrier: 'UPS',
      tracking_number: parcel,
    });
    expect(shipped.flags).toEqual([]);
    // The same parcel, typed in lower case with spaces: the number the case keeps is the
    // carrier's form, which another open case already has.
    const typed = `${parcel.slice(0, 6).toLowerCase()} ${parcel.slice(6).toLowerCase()}`;
    const sibling = await step(
      second.id,
      'ship',
      shop.buyer,
      { carrier: 'UPS', tracking_number: typed },
      true,
    );
    expect(sibling.shipment.tracking_number).toBe(parcel);
    expect(sibling.flags).toContain('duplicate_tracking_number');
    await step(first.id, 'mark_received', shop.staff);
    const accepted = await step(first.id, 'accept_package', shop.staff);
    expect(accepted.status).toBe('refund_pending');
    expect(accepted.buyer_history).toMatchObject({ cases: expect.any(Number) });
  });

  it("through a dispute lost by the buyer, which the agent's answer counts in the buyer's record", async () => {
    const c = await open(await createOrder(t.app, shop), 0);
    await step(c.id, 'reject', shop.staff, { reason: 'no_defect_found', note: 'As listed.' });
    await step(c.id, 'escalate', shop.buyer, { note: 'It is not.' });
    const before = (await api.get(`/v1/returns/${c.id}`, shop.agent)).body.buyer_history;
    // The ruling counts in the record the answer shows: read again after the write.
    const ruled = await step(c.id, 'rule_for_seller', shop.agent, { note: 'As listed.' }, true);
    expect(ruled.outcome).toBe('ruled_for_seller');
    expect(ruled.buyer_history.disputes_lost).toBe(before.disputes_lost + 1);
  });

  it('a command on a case that is not there is a 404, whatever was read beside it', async () => {
    const theirs = await open(await createOrder(t.app, shop), 0);
    const missing = `${theirs.id.slice(0, -6)}zzzzzz`;
    const res = await api.post(`/v1/returns/${missing}/approve`, shop.staff, {});
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    const other = await createShop(t.app);
    const foreign = await api.post(`/v1/returns/${theirs.id}/approve`, other.staff, {});
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain(theirs.order_number);
  });
});

/** What the credential check on its own is listed as by statementsDuring (src/db/users.ts). */
const CREDENTIAL_CHECK = 'the credential check on its own';

/**
 * The names of the prepared statements the app sends while `run` runs (unnamed ones as '', the
 * credential check on its own as CREDENTIAL_CHECK).
 */
async function statementsDuring<T>(run: () => Promise<T>): Promise<{ result: T; names: string[] }> {
  const names: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [config] = args;
    const { name, text } = (typeof config === 'object' && config ? config : { text: config }) as {
      name?: string;
      text?: unknown;
    };
    const alone = typeof text === 'string' && text.startsWith('select sendback_require_live');
    names.push(alone ? CREDENTIAL_CHECK : (name ?? ''));
    return query.apply(this, args);
  };
  try {
    return { result: await run(), names };
  } finally {
    proto.query = query;
  }
}
