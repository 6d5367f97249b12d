import { sql } from 'drizzle-orm';
import { eventRecord } from '../../src/app/case-context.ts';
import { chainHash, GENESIS_HASH } from '../../src/app/record-hash.ts';
import type { Db } from '../../src/db/database.ts';
import { caseEvents } from '../../src/db/schema.ts';

/**
 * Clones one case (with its order, lines and first event) `n` times in SQL, each on its own order,
 * so tests can put thousands of due cases in the database in a second. The clones' ids keep the
 * API's format (`ret_` + 26 base-32 characters).
 */
export async function cloneCase(db: Db, caseId: string, n: number): Promise<string[]> {
  const suffix = sql`lpad(i::text, 26, '0')`;
  await db.execute(sql`
    insert into orders (id, external_id, seller_id, buyer_id, currency, placed_at, delivered_at,
      shipping_amount, order_discount_amount, total_paid, payment_reference, created_at)
    select 'ord_' || ${suffix}, o.external_id || '-' || i, o.seller_id, o.buyer_id, o.currency,
      o.placed_at, o.delivered_at, o.shipping_amount, o.order_discount_amount, o.total_paid,
      o.payment_reference, o.created_at
    from generate_series(1, ${n}) i, return_cases c join orders o on o.id = c.order_id
    where c.id = ${caseId}`);
  await db.execute(sql`
    insert into order_lines (id, order_id, position, sku, title, category, quantity, unit_price,
      line_discount_amount, tax_amount)
    select 'lin_' || lpad((i * 100 + l.position)::text, 26, '0'), 'ord_' || ${suffix}, l.position,
      l.sku, l.title, l.category, l.quantity, l.unit_price, l.line_discount_amount, l.tax_amount
    from generate_series(1, ${n}) i, return_cases c join order_lines l on l.order_id = c.order_id
    where c.id = ${caseId}`);
  // Fresh statistics: the statements below look lines up by id, which the planner would
  // otherwise do by scanning a table it still believes tiny (once per clone: minutes at 10,000).
  await db.execute(sql`analyze orders, order_lines`);
  await db.execute(sql`
    insert into return_cases (id, order_id, seller_id, buyer_id, type, state, version, reason, fault,
      currency, refund_amount, due_at, outcome, tracking_number, next_reminder_at, data, created_at,
      updated_at)
    select 'ret_' || ${suffix}, 'ord_' || ${suffix}, c.seller_id, c.buyer_id, c.type, c.state,
      c.version, c.reason, c.fault, c.currency, c.refund_amount, c.due_at, c.outcome,
      c.tracking_number, null,
      jsonb_set(
        jsonb_set(
          jsonb_set(c.data, '{id}', to_jsonb('ret_' || ${suffix})),
          '{order_id}', to_jsonb('ord_' || ${suffix})),
        '{lines}',
        (select jsonb_agg(jsonb_set(x, '{order_line_id}',
           to_jsonb('lin_' || lpad((i * 100 + l.position)::text, 26, '0'))))
         from jsonb_array_elements(c.data->'lines') x
         join order_lines l on l.id = x->>'order_line_id')),
      c.created_at, c.updated_at
    from generate_series(1, ${n}) i, return_cases c where c.id = ${caseId}`);
  await db.execute(sql`
    insert into return_lines (case_id, order_line_id, quantity)
    select 'ret_' || ${suffix}, 'lin_' || lpad((i * 100 + l.position)::text, 26, '0'), r.quantity
    from generate_series(1, ${n}) i, return_lines r join order_lines l on l.id = r.order_line_id
    where r.case_id = ${caseId}`);
  await db.execute(sql`
    insert into case_events (id, case_id, seq, type, actor_role, actor_id, at, payload, prev_hash, hash)
    select 'evt_' || ${suffix}, 'ret_' || ${suffix}, e.seq, e.type, e.actor_role, e.actor_id, e.at,
      jsonb_set(jsonb_set(e.payload, '{id}', to_jsonb('ret_' || ${suffix})),
        '{order_id}', to_jsonb('ord_' || ${suffix})),
      e.prev_hash, 'pending'
    from generate_series(1, ${n}) i, case_events e where e.case_id = ${caseId} and e.seq = 1`);
  // Each clone's first event is a record of its own: hash it as the app would have.
  const rows = await db.select().from(caseEvents).where(sql`${caseEvents.hash} = 'pending'`);
  const hashes = rows.map(
    (row) => sql`(${row.id}::text, ${chainHash(GENESIS_HASH, eventRecord(row))}::text)`,
  );
  await db.execute(sql`alter table case_events disable trigger case_events_append_only`);
  for (let i = 0; i < hashes.length; i += 1000) {
    await db.execute(sql`
      update case_events e set hash = v.hash
      from (values ${sql.join(hashes.slice(i, i + 1000), sql`, `)}) as v(id, hash)
      where e.id = v.id`);
  }
  await db.execute(sql`alter table case_events enable trigger case_events_append_only`);
  return Array.from({ length: n }, (_, k) => `ret_${String(k + 1).padStart(26, '0')}`);
}
