import pg from 'pg';
import { monotonicFactory } from 'ulid';
import { GENESIS_HASH } from '../../src/app/record-hash.ts';
import { since } from './stats.ts';
import type { BenchOrder } from './world.ts';

/**
 * The minimal-SQL ceiling: the same self-ship lifecycle written by hand as the fewest statements
 * that keep the app's guarantees, run by prepared statements on plain connections (no HTTP, no
 * ORM, no domain code). It is what a lifecycle costs PostgreSQL at least, so app / minimal says
 * how much of the machine the app spends on its own work.
 *
 * Nine transactions per lifecycle: the six commands (each `begin`, the order's row lock, one
 * statement that does the command's work, `commit`), the carrier's delivery scan (the same shape,
 * its case found by tracking number), the refund worker's claim and the processor's book (one
 * statement each), and the refund's settlement (the same shape as a command). Every command also
 * looks its API key up, as the app does. The guarantees kept, as the app keeps them:
 *
 * - row locks: the order row first (the sibling cases' caps read under it), then the case row
 *   (`for update`), then the order's thread row; a command whose case is not in the state it
 *   needs changes nothing (the statement returns no row and the driver fails the run);
 * - the refund cap: a request's quantity is checked against the line and the order's other open
 *   cases, the refund against what the order's other refunds already took of its total;
 * - hash-chained events: each event row holds its predecessor's hash and SHA-256 over that and
 *   the event's JSON (computed by PostgreSQL), a unique (case, seq) index behind it;
 * - the thread: each event (but the refund booking) leaves a system line in the order's thread,
 *   chained the same way, the thread row locked and moved on;
 * - the outbox: one webhook delivery per enabled endpoint of the shop (or every shop) per event,
 *   in the same statement (none exist in the benchmark, as for the app);
 * - the refund row with its idempotency key (`refund-` + the booking event's id), claimed with
 *   `for update skip locked`, settled with the processor's own once-only row;
 * - the change ping (`pg_notify`) on commit.
 */

const CHANGES = 'sendback_changes';
const OPEN_END = `('closed', 'refunded', 'refund_failed')`;

/** `:name` placeholders to `$n`, once per text. */
function named(text: string): { text: string; order: string[] } {
  const order: string[] = [];
  const out = text.replace(/(?<!:):([a-z_][a-z0-9_]*)/g, (_m, name: string) => {
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text: out, order };
}

/** SHA-256 (hex) over a previous hash and a JSON record, in SQL. */
const chained = (prev: string, record: string) =>
  `encode(sha256(convert_to(${prev} || (${record})::text, 'UTF8')), 'hex')`;

/** One event row appended to case `c`'s chain after `prev` (a CTE with seq and hash). */
function eventCte(name: string, prev: string, type: string, idParam: string, payload: string) {
  const record = `jsonb_build_object('id', x.id, 'case_id', x.case_id, 'seq', x.seq, 'type', x.type,
      'actor', jsonb_build_object('role', x.role, 'id', x.actor), 'at', x.at, 'payload', x.payload)`;
  return `${name} as (
    insert into case_events (id, case_id, seq, type, actor_role, actor_id, at, payload, prev_hash, hash)
    select x.id, x.case_id, x.seq, x.type, x.role, x.actor, x.at, x.payload, x.prev,
      ${chained('x.prev', record)}
    from (select :${idParam}::text as id, c.id as case_id, ${prev}.seq + 1 as seq, '${type}'::text as type,
      :actor_role::text as role, :actor_id::text as actor, :now::timestamptz as at,
      ${payload} as payload, ${prev}.hash as prev from c, ${prev}) x
    returning id, seq, hash, type)`;
}

/** The thread line of event CTE `ev`, its thread row locked and moved on, and the outbox rows. */
function effectsCtes(ev: string, lineEvent: string = ev) {
  const record = `jsonb_build_object('id', x.id, 'order_id', x.order_id, 'seq', x.seq, 'kind', 'system',
      'author', jsonb_build_object('id', x.actor, 'role', x.role), 'body', x.body,
      'attachment_ids', '[]'::jsonb, 'case_id', x.case_id, 'event_id', x.event_id, 'created_at', x.at)`;
  return `th as (select order_id, last_seq, last_hash from threads where order_id = (select order_id from c) for update),
  m as (
    insert into messages (id, order_id, seq, kind, author_id, author_role, body, attachment_ids, case_id,
      event_id, created_at, prev_hash, hash)
    select x.id, x.order_id, x.seq, 'system', x.actor, x.role, x.body, '[]'::jsonb, x.case_id, x.event_id,
      x.at, x.prev, ${chained('x.prev', record)}
    from (select :msg_id::text as id, th.order_id, th.last_seq + 1 as seq, :actor_id::text as actor,
      :actor_role::text as role, 'Return ' || c.id || ': ' || replace(substr(${lineEvent}.type, 8), '_', ' ')
        || ' by the ' || :actor_role || '.' as body,
      c.id as case_id, ${lineEvent}.id as event_id, :now::timestamptz as at, th.last_hash as prev
      from th, c, ${lineEvent}) x
    returning order_id, seq, hash),
  tu as (update threads t set last_seq = m.seq, last_hash = m.hash, last_message_at = :now from m
    where t.order_id = m.order_id),
  wh as (
    insert into webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, next_attempt_at, created_at)
    select 'whd_' || replace(gen_random_uuid()::text, '-', ''), w.id, e.id, e.type,
      jsonb_build_object('id', e.id, 'type', e.type), 'pending', :now, :now
    from webhook_endpoints w, ${ev} e
    where w.status = 'enabled' and w.deleted_at is null and (w.seller_id is null or w.seller_id = (select seller_id from c)))`;
}

const notify = `pg_notify('${CHANGES}', json_build_object('kind', 'case', 'case_id', c.id, 'order_id', c.order_id,
  'seller_id', c.seller_id, 'buyer_id', c.buyer_id)::text)`;

/**
 * A command on an existing case: the case locked in one of `from` states (within the caller's
 * scope), one event (two with `second`), the case row moved to `to` with `set`, the effects.
 */
function transition(options: {
  scope: 'seller_id' | 'buyer_id' | null;
  find?: string;
  from: string[];
  to: string;
  type: string;
  second?: { type: string; extra: string };
  set?: string;
  columns?: string;
  extra?: string;
}): string {
  const scope = options.scope ? ` and ${options.scope} = :principal` : '';
  const find = options.find ?? 'id = :case_id';
  const second = options.second;
  return `with c as (
    select id, order_id, seller_id, buyer_id, version, data, refund_amount from return_cases
    where ${find}${scope} and state in (${options.from.map((s) => `'${s}'`).join(', ')}) for update),
  last as (select seq, hash from case_events where case_id = (select id from c) order by seq desc limit 1),
  ${eventCte('e1', 'last', options.type, 'event_id', ':payload::jsonb')},
  ${second ? `${eventCte('e2', 'e1', second.type, 'event2_id', "'{}'::jsonb")},` : ''}
  ev as (select id, type from e1${second ? ' union all select id, type from e2' : ''}),
  up as (
    update return_cases r set state = '${options.to}', version = c.version + 1, updated_at = :now,${options.columns ? ` ${options.columns},` : ''}
      data = c.data || jsonb_build_object('state', '${options.to}', 'version', c.version + 1,
        'updated_at', :now::timestamptz${options.set ? `, ${options.set}` : ''})
    from c where r.id = c.id and r.version = c.version returning r.id),
  ${options.extra ? `${options.extra},` : ''}
  ${second ? second.extra : ''}
  ${effectsCtes('ev', 'e1')}
  select c.id, ${notify} from c, up`;
}

const LOCK_ORDER_OF_CASE = `select id from orders where id = (select order_id from return_cases where id = :case_id) for update`;

export const MINIMAL_STATEMENTS = {
  auth: `select u.id, u.role, u.seller_id from api_keys k join users u on u.id = k.user_id
    where k.key_hash = :key_hash and k.revoked_at is null and u.disabled_at is null`,
  // request: the order (the buyer's, delivered) locked, its thread made if missing.
  lock_order_for_request: `with o as (select id, seller_id, buyer_id from orders
      where id = :order_id and buyer_id = :principal and delivered_at is not null for update)
    insert into threads (order_id, seller_id, buyer_id, last_seq, last_hash, last_message_at)
    select id, seller_id, buyer_id, 0, '${GENESIS_HASH}', :now from o on conflict (order_id) do nothing`,
  request: `with l as (
    select ol.id, ol.order_id, ol.unit_price, ol.tax_amount, ol.quantity from order_lines ol
    where ol.id = :line_id and ol.order_id = :order_id
      and ol.quantity >= :quantity::int + coalesce((select sum(rl.quantity) from return_lines rl
        join return_cases rc on rc.id = rl.case_id
        where rl.order_line_id = ol.id and rc.state not in ('closed', 'rejected')), 0)),
  c as (
    insert into return_cases (id, order_id, seller_id, buyer_id, type, state, version, reason, fault,
      currency, refund_amount, due_at, next_reminder_at, data, created_at, updated_at)
    select :case_id, o.id, o.seller_id, o.buyer_id, 'return', 'requested', 1, :reason, 'seller',
      o.currency, l.unit_price * :quantity::int + (l.tax_amount * :quantity::int) / l.quantity,
      :now::timestamptz + interval '2 days', :now::timestamptz + interval '1 day',
      jsonb_build_object('id', :case_id::text, 'order_id', o.id, 'seller_id', o.seller_id,
        'buyer_id', o.buyer_id, 'type', 'return', 'state', 'requested', 'version', 1,
        'reason', :reason::text, 'description', :description::text,
        'lines', jsonb_build_array(jsonb_build_object('order_line_id', l.id, 'quantity', :quantity::int)),
        'refund_destination', 'original_payment', 'created_at', :now::timestamptz,
        'updated_at', :now::timestamptz),
      :now, :now
    from orders o, l where o.id = :order_id
    returning id, order_id, seller_id, buyer_id),
  rl as (insert into return_lines (case_id, order_line_id, quantity) select c.id, :line_id, :quantity::int from c),
  first as (select 0 as seq, '${GENESIS_HASH}'::text as hash),
  ${eventCte('e1', 'first', 'return.requested', 'event_id', ':payload::jsonb')},
  ${effectsCtes('e1')}
  select c.id, ${notify} from c`,
  lock_order_of_case: LOCK_ORDER_OF_CASE,
  approve: transition({
    scope: 'seller_id',
    from: ['requested'],
    to: 'awaiting_shipment',
    type: 'return.approved',
    set: `'due_at', :due_at::timestamptz`,
    columns: 'due_at = :due_at::timestamptz',
    extra: `n as (insert into notifications (id, user_id, case_id, kind, dedupe_key, title, body, created_at)
      select :notification_id, c.buyer_id, c.id, 'return_approved', 'return_approved:' || :event_id,
        'Return ' || c.id || ' approved: where to send it', :notice, :now from c
      on conflict (dedupe_key) do nothing)`,
  }),
  ship: transition({
    scope: 'buyer_id',
    find: `id = :case_id and not exists (select 1 from return_cases o where o.tracking_number = :tracking_number
      and o.order_id <> return_cases.order_id)`,
    from: ['awaiting_shipment'],
    to: 'in_transit',
    type: 'return.shipped',
    set: `'shipment', jsonb_build_object('carrier', 'UPS', 'tracking_number', :tracking_number::text)`,
    columns: 'tracking_number = :tracking_number::text',
  }),
  mark_received: transition({
    scope: 'seller_id',
    from: ['in_transit'],
    to: 'delivered',
    type: 'return.received',
  }),
  lock_order_of_tracking: `select id from orders where id in (select order_id from return_cases
      where tracking_number = :tracking_number and state not in ${OPEN_END}) order by id for update`,
  carrier_delivered: transition({
    scope: null,
    find: `tracking_number = :tracking_number and state not in ${OPEN_END}`,
    from: ['delivered'],
    to: 'delivered',
    type: 'return.parcel_delivered',
    extra: `ce as (insert into carrier_events (id, event_id, carrier, tracking_number, status, occurred_at,
        received_at, case_ids)
      select :carrier_row_id, :carrier_event_id, 'UPS', :tracking_number, 'delivered', :now, :now,
        jsonb_agg(c.id) from c on conflict (event_id) do nothing)`,
  }),
  accept_package: transition({
    scope: 'seller_id',
    from: ['delivered'],
    to: 'refund_pending',
    type: 'return.package_accepted',
    second: {
      type: 'return.refund_pending',
      // The cap: this refund and the order's earlier ones within what was paid.
      extra: `rf as (insert into refunds (id, case_id, order_id, buyer_id, seller_id, amount, currency, destination,
        idempotency_key, status, attempts, next_attempt_at, created_at, updated_at)
      select :refund_id, c.id, c.order_id, c.buyer_id, c.seller_id, c.refund_amount, o.currency,
        'original_payment', 'refund-' || e2.id, 'pending', 0, :now, :now, :now
      from c, e2, orders o where o.id = c.order_id
        and c.refund_amount + coalesce((select sum(amount) from refunds x where x.order_id = c.order_id
          and x.status <> 'failed'), 0) <= o.total_paid),`,
    },
  }),
  claim_refund: `update refunds set status = 'processing', locked_until = :now::timestamptz + interval '5 minutes',
      attempts = attempts + 1, updated_at = :now
    where id in (select id from refunds where status in ('pending', 'processing') and next_attempt_at <= :now
      and (locked_until is null or locked_until < :now) order by next_attempt_at limit 1 for update skip locked)
    returning id, case_id, order_id, amount, currency, idempotency_key`,
  pay: `insert into simulated_payments (idempotency_key, amount, currency, reference, outcome, created_at, settles_at)
    values (:idempotency_key, :amount, :currency, :reference, 'succeeded', :now, :now)
    on conflict (idempotency_key) do update set idempotency_key = excluded.idempotency_key
    returning reference, outcome`,
  settle_refund: transition({
    scope: null,
    from: ['refund_pending'],
    to: 'refunded',
    type: 'return.refunded',
    set: `'outcome', 'refunded'`,
    columns: `outcome = 'refunded', due_at = null`,
    extra: `rs as (update refunds set status = 'succeeded', locked_until = null, provider_reference = :reference,
        updated_at = :now, settled_at = :now where id = :refund_id and status = 'processing')`,
  }),
} as const;

export type MinimalStatement = keyof typeof MINIMAL_STATEMENTS;

const PREPARED = Object.fromEntries(
  Object.entries(MINIMAL_STATEMENTS).map(([k, text]) => [k, named(text)]),
) as Record<MinimalStatement, { text: string; order: string[] }>;

/** The statements' texts as PostgreSQL receives them (for the report). */
export function minimalTexts(): { name: string; text: string }[] {
  return Object.entries(PREPARED).map(([name, p]) => ({ name, text: p.text }));
}

export interface MinimalSubject {
  order: BenchOrder;
  trackingNumber: string;
  carrierEventId: string;
}

export interface MinimalResult {
  lifecycles: number;
  seconds: number;
  perSecond: number;
  statements: number;
  transactions: number;
}

const nextUlid = monotonicFactory();
const idOf = (kind: string) => `${kind}_${nextUlid().toLowerCase()}`;

/** One connection running lifecycles, each statement prepared under its name. */
export class MinimalExecutor {
  private statements = 0;
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string, applicationName: string): Promise<MinimalExecutor> {
    const client = new pg.Client({ connectionString: url, application_name: applicationName });
    client.on('error', () => {});
    await client.connect();
    return new MinimalExecutor(client);
  }

  get sent(): number {
    return this.statements;
  }

  private async run(name: MinimalStatement, values: Record<string, unknown>) {
    const p = PREPARED[name];
    this.statements++;
    return this.client.query({
      name: `minimal_${name}`,
      text: p.text,
      values: p.order.map((k) => {
        if (!(k in values)) throw new Error(`${name}: no value for :${k}`);
        return values[k];
      }),
    });
  }

  private async plain(text: 'begin' | 'commit' | 'rollback') {
    this.statements++;
    await this.client.query(text);
  }

  /** begin, the lock, the work (which must return a row), commit. */
  private async transaction(
    label: string,
    lock: MinimalStatement,
    work: MinimalStatement,
    values: Record<string, unknown>,
  ) {
    await this.plain('begin');
    try {
      await this.run(lock, values);
      const r = await this.run(work, values);
      if (r.rowCount !== 1) throw new Error(`minimal ${label}: ${r.rowCount} rows`);
      await this.plain('commit');
    } catch (err) {
      await this.client.query('rollback').catch(() => {});
      throw err;
    }
  }

  private async authenticate(keyHash: string): Promise<string> {
    const r = await this.run('auth', { key_hash: keyHash });
    const id = r.rows[0]?.id as string | undefined;
    if (!id) throw new Error('minimal: API key not found');
    return id;
  }

  async lifecycle(s: MinimalSubject): Promise<void> {
    const caseId = idOf('ret');
    const now = () => new Date();
    const buyer = s.order.buyer;
    const staff = s.order.staff;
    const command = (actor: { id: string; role: string }, principal: string) => ({
      case_id: caseId,
      actor_id: actor.id,
      actor_role: actor.role,
      principal,
      now: now(),
      event_id: idOf('evt'),
      msg_id: idOf('msg'),
      payload: '{}',
    });

    await this.authenticate(buyer.keyHash);
    await this.transaction('request', 'lock_order_for_request', 'request', {
      ...command({ id: buyer.id, role: 'buyer' }, buyer.id),
      order_id: s.order.id,
      line_id: s.order.lineIds[0],
      quantity: 1,
      reason: 'damaged',
      description: 'Arrived with a crack along the handle.',
      payload: JSON.stringify({
        reason: 'damaged',
        lines: [{ order_line_id: s.order.lineIds[0], quantity: 1 }],
      }),
    });

    await this.authenticate(staff.keyHash);
    await this.transaction('approve', 'lock_order_of_case', 'approve', {
      ...command({ id: staff.id, role: 'seller' }, s.order.sellerId),
      due_at: new Date(Date.now() + 14 * 86_400_000),
      notification_id: idOf('ntf'),
      notice:
        'Send the parcel to:\n\nReturns Desk\n500 Harbor Blvd\nCarson, CA, 90745\nUS\n\nPack the item and send it with a carrier of your choice, then enter the carrier and tracking number on the return.',
    });

    await this.authenticate(buyer.keyHash);
    await this.transaction('ship', 'lock_order_of_case', 'ship', {
      ...command({ id: buyer.id, role: 'buyer' }, buyer.id),
      tracking_number: s.trackingNumber,
      payload: JSON.stringify({ carrier: 'UPS', tracking_number: s.trackingNumber }),
    });

    await this.authenticate(staff.keyHash);
    await this.transaction('mark_received', 'lock_order_of_case', 'mark_received', {
      ...command({ id: staff.id, role: 'seller' }, s.order.sellerId),
    });

    // The carrier's scan is signed (HMAC, checked in the server): no key to look up.
    await this.transaction('carrier_delivered', 'lock_order_of_tracking', 'carrier_delivered', {
      ...command({ id: 'carrier', role: 'system' }, ''),
      tracking_number: s.trackingNumber,
      carrier_row_id: idOf('cev'),
      carrier_event_id: s.carrierEventId,
    });

    await this.authenticate(staff.keyHash);
    await this.transaction('accept_package', 'lock_order_of_case', 'accept_package', {
      ...command({ id: staff.id, role: 'seller' }, s.order.sellerId),
      event2_id: idOf('evt'),
      refund_id: idOf('rfd'),
    });

    // The refund worker: claim a due refund, pay it (the processor's once-only book), settle it.
    // Any due refund, as the worker claims (usually another connection's): one is always due
    // (each connection books before it claims), but it may be in another's claim right now.
    let claimed = await this.run('claim_refund', { now: now() });
    for (let i = 0; !claimed.rows.length && i < 40; i++) {
      await new Promise((r) => setTimeout(r, 50));
      claimed = await this.run('claim_refund', { now: now() });
    }
    const refund = claimed.rows[0] as
      | {
          id: string;
          case_id: string;
          amount: number;
          currency: string;
          idempotency_key: string;
        }
      | undefined;
    if (!refund) throw new Error('minimal: no refund to claim');
    const paid = await this.run('pay', {
      idempotency_key: refund.idempotency_key,
      amount: refund.amount,
      currency: refund.currency,
      reference: idOf('pay'),
      now: now(),
    });
    await this.transaction('settle_refund', 'lock_order_of_case', 'settle_refund', {
      ...command({ id: 'refund_worker', role: 'system' }, ''),
      case_id: refund.case_id,
      refund_id: refund.id,
      reference: paid.rows[0]?.reference,
    });
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** `executors` run lifecycles back to back, one subject each, until all are done. */
export async function runMinimal(
  executors: MinimalExecutor[],
  subjects: MinimalSubject[],
  maxSeconds: number,
): Promise<MinimalResult> {
  let next = 0;
  let done = 0;
  const sent0 = executors.reduce((n, e) => n + e.sent, 0);
  const started = process.hrtime.bigint();
  const deadline = Date.now() + maxSeconds * 1000;
  await Promise.all(
    executors.map(async (e) => {
      while (next < subjects.length && Date.now() < deadline) {
        await e.lifecycle(subjects[next++]!);
        done++;
      }
    }),
  );
  const seconds = since(started) / 1000;
  const statements = executors.reduce((n, e) => n + e.sent, 0) - sent0;
  return {
    lifecycles: done,
    seconds,
    perSecond: done / seconds,
    statements: done ? statements / done : 0,
    transactions: 9,
  };
}
