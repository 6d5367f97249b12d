import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Money in integer minor units of the row's currency. */
const money = (name: string) => bigint(name, { mode: 'number' });
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Small key/value facts about this installation (for example when the demo data was seeded). */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const sellers = pgTable('sellers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** IANA zone; deadlines and business days are counted here. */
  timeZone: text('time_zone').notNull(),
  /** ISO 3166 country (optionally `US-CA`), for public holidays. */
  region: text('region').notNull(),
  policy: jsonb('policy').notNull(),
  /** The number of `policy` in policy_versions: each change is a new version. */
  policyVersion: integer('policy_version').notNull().default(1),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** Every version of every shop's return policy, kept as it was: cases name the one they used. */
export const policyVersions = pgTable(
  'policy_versions',
  {
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    version: integer('version').notNull(),
    policy: jsonb('policy').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.version] })],
);

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull().$type<'buyer' | 'seller' | 'agent' | 'operator'>(),
    sellerId: text('seller_id').references(() => sellers.id),
    passwordHash: text('password_hash'),
    locale: text('locale').notNull().default('en'),
    createdAt: at('created_at').notNull(),
    /** Set by an operator: the user can no longer sign in, and their sessions and keys stop working. */
    disabledAt: at('disabled_at'),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    // The queue's search by the buyer's name: a case-insensitive prefix match (LIKE 'ann%').
    index('users_name_prefix_idx').on(sql`lower(${t.name}) text_pattern_ops`),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** SHA-256 of the key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    /** First characters of the key, so people can tell their keys apart. */
    prefix: text('prefix').notNull(),
    createdAt: at('created_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_key').on(t.keyHash)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token. */
    tokenHash: text('token_hash').primaryKey(),
    /** What the API shows for the session (the token's hash is never shown). */
    id: text('id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_id_key').on(t.id)],
);

/**
 * Fixed-window counters of the rate limits that must hold across nodes (login attempts): every
 * node counts in the same row.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  resetAt: at('reset_at').notNull(),
});

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    /** The marketplace's own order id; ingest is idempotent on it. */
    externalId: text('external_id').notNull(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    currency: text('currency').notNull(),
    placedAt: at('placed_at').notNull(),
    deliveredAt: at('delivered_at'),
    shippingAmount: money('shipping_amount').notNull(),
    orderDiscountAmount: money('order_discount_amount').notNull(),
    totalPaid: money('total_paid').notNull(),
    /** Where the order was delivered (the marketplace's address): the return label starts here. */
    shipTo: jsonb('ship_to'),
    paymentReference: text('payment_reference').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('orders_external_id_key').on(t.externalId),
    // The queue's search by order number, exactly or by its beginning (LIKE 'SO-1%'), whatever
    // the database's collation.
    index('orders_external_id_prefix_idx').on(t.externalId.op('text_pattern_ops')),
    index('orders_buyer_idx').on(t.buyerId, t.id),
    index('orders_seller_idx').on(t.sellerId, t.id),
    // The buyer's record on a case's page for the shop's staff counts the buyer's orders at the
    // shop: one index range instead of intersecting the buyer's and the shop's (bench:queue).
    index('orders_buyer_seller_idx').on(t.buyerId, t.sellerId),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    position: integer('position').notNull(),
    sku: text('sku').notNull(),
    title: text('title').notNull(),
    category: text('category').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: money('unit_price').notNull(),
    lineDiscountAmount: money('line_discount_amount').notNull(),
    taxAmount: money('tax_amount').notNull(),
    /** The marketplace's stock signal for the SKU at ingest (null: not given). */
    inStock: boolean('in_stock'),
    /** Other variants of the listing ({sku, title, unit_price, in_stock}[]) for exchanges. */
    variants: jsonb('variants'),
  },
  (t) => [uniqueIndex('order_lines_order_position_key').on(t.orderId, t.position)],
);

/**
 * One row per return case. The columns are what lists filter and sort on; `data` is the whole
 * domain case (src/domain) as JSON, rewritten together with the columns in the same statement.
 * `state` is never written directly: only the command use cases write it, from the domain's events.
 */
export const returnCases = pgTable(
  'return_cases',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    type: text('type').notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull(),
    reason: text('reason').notNull(),
    fault: text('fault').notNull(),
    currency: text('currency').notNull(),
    refundAmount: money('refund_amount'),
    dueAt: at('due_at'),
    outcome: text('outcome'),
    /** The parcel's tracking number once shipped: carrier updates find their case by it. */
    trackingNumber: text('tracking_number'),
    /** When the waiting party is next reminded of the deadline; null when no reminder is left. */
    nextReminderAt: at('next_reminder_at'),
    data: jsonb('data').notNull(),
    /**
     * The marketplace's order number (orders.external_id, which never changes), set on insert by
     * a trigger (migration 0018): a page of cases shows it without a lookup per row.
     */
    orderNumber: text('order_number').notNull(),
    /**
     * The document's `keeps_item` (a returnless refund), kept by PostgreSQL: the buyer's record
     * counts it from the buyer index alone (below).
     */
    keepsItem: boolean('keeps_item')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(("data"->>'keeps_item') = 'true', false)`),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    // The seller queue: one shop, one state, soonest deadline first (cases without one last),
    // cursor on (deadline, id). The key is listCases's sort expression, so a page is read in
    // order and stops at its limit instead of sorting every open case of the shop.
    index('return_cases_seller_queue_key_idx').on(
      t.sellerId,
      t.state,
      sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`,
      t.id,
    ),
    index('return_cases_seller_created_idx').on(t.sellerId, t.createdAt, t.id),
    // A buyer's cases newest or oldest first; its trailing columns are all the buyer's record
    // counts (caseViewFacts, buyerHistory), so the record is read from this index alone instead of
    // a heap page per case, scattered over the table (a buyer's 100 cases, 100 pages).
    index('return_cases_buyer_record_idx').on(
      t.buyerId,
      t.createdAt,
      t.id,
      t.sellerId,
      t.outcome,
      t.keepsItem,
    ),
    index('return_cases_order_idx').on(t.orderId),
    index('return_cases_reminder_idx')
      .on(t.nextReminderAt)
      .where(sql`${t.nextReminderAt} is not null`),
    index('return_cases_tracking_idx')
      .on(t.trackingNumber)
      .where(sql`${t.trackingNumber} is not null`),
    // The deadline sweeper scans only cases that are waiting on a deadline.
    index('return_cases_due_idx').on(t.dueAt).where(sql`${t.dueAt} is not null`),
    // Parcels on their way: the tracking worker registers their numbers with the provider.
    index('return_cases_in_transit_idx')
      .on(t.trackingNumber)
      .where(sql`${t.state} = 'in_transit' and ${t.trackingNumber} is not null`),
  ],
);

export const returnLines = pgTable(
  'return_lines',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => returnCases.id),
    orderLineId: text('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.orderLineId] }),
    index('return_lines_order_line_idx').on(t.orderLineId),
  ],
);

/** Append-only, hash-chained per case: hash = SHA-256(prev_hash || canonical JSON of the event). */
export const caseEvents = pgTable(
  'case_events',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => returnCases.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    actorRole: text('actor_role').notNull(),
    actorId: text('actor_id').notNull(),
    at: at('at').notNull(),
    payload: jsonb('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('case_events_case_seq_key').on(t.caseId, t.seq)],
);

/**
 * A POST's first answer, kept so a retry with the same Idempotency-Key gets the same answer, for
 * IDEMPOTENCY_KEEP_MS (src/db/idempotency.ts); then the key may be used again.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principalId: text('principal_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.principalId, t.key] }),
    index('idempotency_keys_created_at').on(t.createdAt),
  ],
);

/**
 * One row per attempt to pay a case's refund. Its idempotency key is derived from the case event
 * that entered refund_pending, so a retried attempt can never pay twice at the gateway.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => returnCases.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    buyerId: text('buyer_id').notNull(),
    sellerId: text('seller_id').notNull(),
    amount: money('amount').notNull(),
    /** The part of `amount` that repays return postage: outside the order's cap (policy-capped). */
    shippingReimbursement: money('shipping_reimbursement').notNull().default(0),
    currency: text('currency').notNull(),
    destination: text('destination').notNull().$type<'original_payment' | 'platform_balance'>(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').notNull().$type<'pending' | 'processing' | 'succeeded' | 'failed'>(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    lockedUntil: at('locked_until'),
    lastError: text('last_error'),
    providerReference: text('provider_reference'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    settledAt: at('settled_at'),
  },
  (t) => [
    uniqueIndex('refunds_idempotency_key').on(t.idempotencyKey),
    index('refunds_case_idx').on(t.caseId),
    index('refunds_order_idx').on(t.orderId),
    index('refunds_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'processing')`),
  ],
);

/** The simulated card processor's own book: what it was asked to pay and when it settles. */
export const simulatedPayments = pgTable('simulated_payments', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  amount: money('amount').notNull(),
  currency: text('currency').notNull(),
  reference: text('reference').notNull(),
  outcome: text('outcome').notNull().$type<'succeeded' | 'failed'>(),
  createdAt: at('created_at').notNull(),
  settlesAt: at('settles_at').notNull(),
});

/** Double-entry wallet: an account per (owner, currency); every transaction's entries sum to 0. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    /** 'platform' accounts hold what the platform collects for others (return postage). */
    ownerKind: text('owner_kind').notNull().$type<'buyer' | 'seller' | 'platform'>(),
    ownerId: text('owner_id').notNull(),
    currency: text('currency').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('ledger_accounts_owner_key').on(t.ownerKind, t.ownerId, t.currency)],
);

export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: text('id').primaryKey(),
    /** At most one ledger transaction per refund: the wallet gateway is idempotent on it. */
    refundId: text('refund_id').references(() => refunds.id),
    description: text('description').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('ledger_transactions_refund_key').on(t.refundId)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: text('id').primaryKey(),
    transactionId: text('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: text('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    /** Positive credits the account, negative debits it. */
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('ledger_entries_account_idx').on(t.accountId, t.id)],
);

/** In-app notifications (reminders before deadlines, things that need you); e-mailed once. */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    caseId: text('case_id'),
    kind: text('kind').notNull(),
    /** Makes reminders idempotent: one per (user, case, deadline, hours before). */
    dedupeKey: text('dedupe_key').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    dueAt: at('due_at'),
    createdAt: at('created_at').notNull(),
    readAt: at('read_at'),
    emailedAt: at('emailed_at'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unsent_idx').on(t.createdAt).where(sql`${t.emailedAt} is null`),
  ],
);

/** Tracking updates as carriers sent them; `event_id` makes a repeated update a no-op. */
export const carrierEvents = pgTable(
  'carrier_events',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    status: text('status').notNull(),
    occurredAt: at('occurred_at').notNull(),
    receivedAt: at('received_at').notNull(),
    caseIds: jsonb('case_ids').notNull().$type<string[]>(),
  },
  (t) => [
    uniqueIndex('carrier_events_event_key').on(t.eventId),
    index('carrier_events_tracking_idx').on(t.trackingNumber),
  ],
);

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    /** The shop whose events it receives; null: every shop's (an operator's endpoint). */
    sellerId: text('seller_id').references(() => sellers.id),
    createdBy: text('created_by').notNull(),
    url: text('url').notNull(),
    /** Signing secret; shown to its owner, never logged. */
    secret: text('secret').notNull(),
    /** Event type patterns such as `return.*`; empty means all. */
    events: jsonb('events').notNull().$type<string[]>(),
    status: text('status').notNull().$type<'enabled' | 'disabled'>(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: at('disabled_at'),
    createdAt: at('created_at').notNull(),
    deletedAt: at('deleted_at'),
  },
  (t) => [index('webhook_endpoints_seller_idx').on(t.sellerId)],
);

/** The webhook outbox: one row per (endpoint, event), written in the event's transaction. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().$type<'pending' | 'succeeded' | 'failed'>(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    lockedUntil: at('locked_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    deliveredAt: at('delivered_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event_key').on(t.endpointId, t.eventId),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * One thread per order between its buyer and the shop (and agents once a case is disputed).
 * Messages are append-only and hash-chained per thread: case events appear as system lines.
 */
export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull().$type<'message' | 'system'>(),
    authorId: text('author_id').notNull(),
    authorRole: text('author_role').notNull(),
    body: text('body').notNull(),
    attachmentIds: jsonb('attachment_ids').notNull().$type<string[]>(),
    /** For system lines: the case and the case event they show. */
    caseId: text('case_id'),
    eventId: text('event_id'),
    createdAt: at('created_at').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('messages_order_seq_key').on(t.orderId, t.seq)],
);

/** Per thread: the newest message (for the chain and unread counts). */
export const threads = pgTable('threads', {
  orderId: text('order_id')
    .primaryKey()
    .references(() => orders.id),
  sellerId: text('seller_id').notNull(),
  buyerId: text('buyer_id').notNull(),
  lastSeq: integer('last_seq').notNull(),
  lastHash: text('last_hash').notNull(),
  lastMessageAt: at('last_message_at').notNull(),
});

/** How far each participant has read a thread. */
export const threadReads = pgTable(
  'thread_reads',
  {
    orderId: text('order_id').notNull(),
    userId: text('user_id').notNull(),
    lastReadSeq: integer('last_read_seq').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.userId] })],
);

/** Uploaded evidence, stored by content hash; metadata (EXIF, GPS) stripped from images. */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    sha256: text('sha256').notNull(),
    kind: text('kind').notNull().$type<'image' | 'video' | 'pdf'>(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    fileName: text('file_name').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('attachments_uploader_idx').on(t.uploadedBy, t.id)],
);

/** Which order's thread or case an attachment is evidence in: its readers may download it. */
export const attachmentRefs = pgTable(
  'attachment_refs',
  {
    attachmentId: text('attachment_id')
      .notNull()
      .references(() => attachments.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attachmentId, t.orderId] })],
);

/**
 * Seller analytics rollup: per shop, per day of the shop's calendar (its time zone), per figure
 * (`metric`) and breakdown (`dim`, `currency`). Kept current by triggers in the transaction that
 * writes the case events, order lines and deliveries (migration 0006_analytics); what each metric
 * counts is defined there and read by src/db/analytics.ts. Rows only ever add up.
 */
export const analyticsDaily = pgTable(
  'analytics_daily',
  {
    sellerId: text('seller_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    metric: text('metric').notNull(),
    dim: text('dim').notNull().default(''),
    currency: text('currency').notNull().default(''),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
    amount: money('amount').notNull().default(0),
    deduction: money('deduction').notNull().default(0),
    restockingFee: money('restocking_fee').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.day, t.metric, t.dim, t.currency] }),
    // The platform-wide view reads every shop's rows of a date range.
    index('analytics_daily_day_idx').on(t.day),
  ],
);

/** One row per refunded case: how long it took from request to refund (for median and p90). */
export const analyticsRefunds = pgTable(
  'analytics_refunds',
  {
    caseId: text('case_id').primaryKey(),
    sellerId: text('seller_id').notNull(),
    /** The refund's day in the shop's calendar. */
    day: date('day', { mode: 'string' }).notNull(),
    refundedAt: at('refunded_at').notNull(),
    /** Seconds from the request to the refund. */
    seconds: bigint('seconds', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    destination: text('destination').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    // Percentiles read (seller, day range) → seconds from the index alone.
    index('analytics_refunds_seller_day_idx').on(t.sellerId, t.day, t.seconds),
    // The CSV export of refunded cases pages by (refunded_at, case_id).
    index('analytics_refunds_seller_time_idx').on(t.sellerId, t.refundedAt, t.caseId),
    index('analytics_refunds_day_idx').on(t.day),
  ],
);

/**
 * A shop's return addresses. Each serves a set of buyer countries; the default serves the rest.
 * Approval copies the chosen address into the case, so editing or deleting one changes no case.
 */
export const returnAddresses = pgTable(
  'return_addresses',
  {
    id: text('id').primaryKey(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => sellers.id),
    name: text('name').notNull(),
    line1: text('line1').notNull(),
    line2: text('line2'),
    city: text('city').notNull(),
    region: text('region'),
    postalCode: text('postal_code').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    phone: text('phone'),
    instructions: text('instructions'),
    /** Buyer countries (ISO 3166-1 alpha-2) this address serves. */
    buyerCountries: text('buyer_countries').array().notNull(),
    isDefault: boolean('is_default').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('return_addresses_seller_idx').on(t.sellerId),
    uniqueIndex('return_addresses_one_default').on(t.sellerId).where(sql`${t.isDefault}`),
  ],
);

/**
 * Prepaid return labels to buy and bought. A row is written with the case event that asks for
 * the label (its idempotency key derives from that event), the provider's shipment is recorded
 * before the purchase, so a retry after a crash buys nothing twice.
 */
export const returnLabels = pgTable(
  'return_labels',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => returnCases.id),
    sellerId: text('seller_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').notNull().$type<'pending' | 'purchased' | 'failed'>(),
    provider: text('provider'),
    shipmentReference: text('shipment_reference'),
    providerReference: text('provider_reference'),
    carrier: text('carrier'),
    service: text('service'),
    trackingNumber: text('tracking_number'),
    cost: money('cost'),
    currency: text('currency'),
    labelPdf: bytes('label_pdf'),
    qrPng: bytes('qr_png'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    lockedUntil: at('locked_until'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('return_labels_idempotency_key').on(t.idempotencyKey),
    index('return_labels_case_idx').on(t.caseId),
    index('return_labels_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** Tracking numbers registered with the tracking provider (one row per provider and number). */
export const trackingRegistrations = pgTable(
  'tracking_registrations',
  {
    provider: text('provider').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    carrier: text('carrier').notNull(),
    status: text('status').notNull().$type<'registered' | 'failed'>(),
    reference: text('reference'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.trackingNumber] })],
);

/**
 * The platform's Ed25519 keys that sign case bundles. One is current (retired_at null); retired
 * keys stay, published with their validity, so bundles they signed still verify.
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    /** The JWK `kid`: `sig_` and a sortable id. */
    kid: text('kid').primaryKey(),
    /** The raw 32-byte public key, base64url (the JWK's `x`). */
    publicKey: text('public_key').notNull(),
    /** PKCS #8 DER of the private key, base64url. Never leaves the server; erased on rotation. */
    privateKey: text('private_key'),
    createdAt: at('created_at').notNull(),
    retiredAt: at('retired_at'),
  },
  () => [
    // NULLs never collide in a unique index: the indexed value is the constant `true`.
    uniqueIndex('signing_keys_one_current')
      .on(sql`(retired_at is null)`)
      .where(sql`retired_at is null`),
  ],
);
