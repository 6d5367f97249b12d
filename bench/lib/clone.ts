import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/database.ts';

/**
 * Copies one case `hi - lo + 1` times in SQL (the approach of test/support/bulk.ts): each copy on
 * an order of its own (with its lines), with the case's lines, all its events and its order's
 * message thread head, so a copy is what the template is, as far as any use case can tell. Copy
 * `i` gets ids ending in `i` padded to 26 digits (the API's id format).
 */
export async function cloneCase(db: Db, caseId: string, lo: number, hi: number): Promise<void> {
  const suffix = sql`lpad(i::text, 26, '0')`;
  const series = sql`generate_series(${lo}::int, ${hi}::int) i`;
  const line = sql`'lin_' || lpad((i::bigint * 100 + l.position)::text, 26, '0')`;
  await db.execute(sql`
    insert into orders (id, external_id, seller_id, buyer_id, currency, placed_at, delivered_at,
      shipping_amount, order_discount_amount, total_paid, payment_reference, created_at)
    select 'ord_' || ${suffix}, o.external_id || '-' || i, o.seller_id, o.buyer_id, o.currency,
      o.placed_at, o.delivered_at, o.shipping_amount, o.order_discount_amount, o.total_paid,
      o.payment_reference, o.created_at
    from ${series}, return_cases c join orders o on o.id = c.order_id
    where c.id = ${caseId}`);
  await db.execute(sql`
    insert into order_lines (id, order_id, position, sku, title, category, quantity, unit_price,
      line_discount_amount, tax_amount)
    select ${line}, 'ord_' || ${suffix}, l.position, l.sku, l.title, l.category, l.quantity,
      l.unit_price, l.line_discount_amount, l.tax_amount
    from ${series}, return_cases c join order_lines l on l.order_id = c.order_id
    where c.id = ${caseId}`);
  // Fresh statistics before the lines are looked up by id (see test/support/bulk.ts).
  await db.execute(sql`analyze orders, order_lines`);
  await db.execute(sql`
    insert into return_cases (id, order_id, seller_id, buyer_id, type, state, version, reason, fault,
      currency, refund_amount, due_at, outcome, tracking_number, next_reminder_at, data, created_at,
      updated_at)
    select 'ret_' || ${suffix}, 'ord_' || ${suffix}, c.seller_id, c.buyer_id, c.type, c.state,
      c.version, c.reason, c.fault, c.currency, c.refund_amount, c.due_at, c.outcome,
      c.tracking_number, c.next_reminder_at,
      jsonb_set(
        jsonb_set(
          jsonb_set(c.data, '{id}', to_jsonb('ret_' || ${suffix})),
          '{order_id}', to_jsonb('ord_' || ${suffix})),
        '{lines}',
        (select jsonb_agg(jsonb_set(x, '{order_line_id}', to_jsonb(${line})))
         from jsonb_array_elements(c.data->'lines') x
         join order_lines l on l.id = x->>'order_line_id')),
      c.created_at, c.updated_at
    from ${series}, return_cases c where c.id = ${caseId}`);
  await db.execute(sql`
    insert into return_lines (case_id, order_line_id, quantity)
    select 'ret_' || ${suffix}, ${line}, r.quantity
    from ${series}, return_lines r join order_lines l on l.id = r.order_line_id
    where r.case_id = ${caseId}`);
  await db.execute(sql`
    insert into case_events (id, case_id, seq, type, actor_role, actor_id, at, payload, prev_hash, hash)
    select 'evt_' || lpad((i::bigint * 100 + e.seq)::text, 26, '0'), 'ret_' || ${suffix}, e.seq,
      e.type, e.actor_role, e.actor_id, e.at, e.payload, e.prev_hash, e.hash
    from ${series}, case_events e where e.case_id = ${caseId}`);
  await db.execute(sql`
    insert into threads (order_id, seller_id, buyer_id, last_seq, last_hash, last_message_at)
    select 'ord_' || ${suffix}, t.seller_id, t.buyer_id, t.last_seq, t.last_hash, t.last_message_at
    from ${series}, return_cases c join threads t on t.order_id = c.order_id
    where c.id = ${caseId}`);
}
