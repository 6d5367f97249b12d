import { z } from 'zod';
import type { INTERNAL_FIELDS } from '../app/read-returns.ts';
import {
  CASE_STATES,
  CASE_TYPES,
  type CommandName,
  NEXT_ACTIONS,
  type NextActionName,
  PACKAGE_REJECT_REASONS,
  REASONS,
  REJECT_REASONS,
  type ReturnCase,
  TRANSITIONS,
} from '../domain/index.ts';
import { MAX_QUANTITY } from '../domain/money.ts';
import { Id, Instant, Money, ShortText } from './schemas.ts';

/** The shapes of return cases in answers, and the request bodies of their commands. */

export const Reason = z.enum(REASONS.map((r) => r.code) as [string, ...string[]]);
export const Status = z.enum(CASE_STATES as unknown as [string, ...string[]]);
export const Destination = z.enum(['original_payment', 'platform_balance']);
const Note = ShortText(2000);
export const AttachmentIds = z.array(Id('att')).max(20);

const NextAction = z.object({
  actor: z.string(),
  action: z.enum(NEXT_ACTIONS as [NextActionName, ...NextActionName[]]),
  due_at: Instant.nullable(),
  on_expiry: Status.nullable(),
});
const Money0 = Money;

export const RefundPreview = z
  .object({
    currency: z.string(),
    lines: z.array(
      z.object({
        order_line_id: z.string(),
        quantity: z.number().int(),
        gross: Money0,
        discount: Money0,
        items: Money0,
        tax: Money0,
        total: Money0,
      }),
    ),
    items: Money0,
    tax: Money0,
    original_shipping: Money0,
    return_shipping_reimbursement: Money0,
    restocking_fee: Money0,
    max_deduction: Money0,
    deduction: Money0,
    full_amount: Money0,
    agreed_amount: Money0.nullable(),
    order_paid: Money0,
    cap_remaining: Money0,
    capped: z.boolean(),
    total: Money0,
  })
  .meta({ id: 'RefundPreview' });

const Shipment = z.object({
  carrier: z.string(),
  tracking_number: z.string(),
  tracking_verified: z.boolean().nullable().meta({
    description:
      "True when the number passed the carrier's own check digits; false when the carrier's numbers can only be checked for shape (treat delivery claims with care; the seller may dispute receipt); null for cases shipped before this was recorded.",
  }),
  shipping_cost: Money0.nullable(),
  shipped_at: Instant,
  delivered_at: Instant.nullable(),
  last_tracking_at: Instant.nullable(),
  lost: z.boolean(),
});
export const ReturnAddressSnapshot = z
  .object({
    id: z.string(),
    name: z.string(),
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    postal_code: z.string(),
    country: z.string().meta({ description: 'ISO 3166-1 alpha-2' }),
    phone: z.string().nullable(),
    instructions: z.string().nullable(),
  })
  .meta({
    id: 'ReturnAddressSnapshot',
    description:
      "Where the buyer sends the parcel: the shop's return address for the buyer's country, copied at approval (later edits to the shop's addresses do not change it).",
  });
const Label = z
  .object({
    status: z.enum(['requested', 'purchased', 'failed']),
    provider: z.string().nullable(),
    carrier: z.string().nullable(),
    service: z.string().nullable(),
    tracking_number: z.string().nullable(),
    cost: Money0.nullable().meta({ description: 'Postage the seller pays, minor units' }),
    currency: z.string().nullable(),
    error: z.string().nullable().meta({ description: "The provider's reason when it failed" }),
    at: Instant,
  })
  .meta({
    id: 'PrepaidLabel',
    description:
      'A prepaid return label the shop pays for. The PDF and drop-off QR code: GET /v1/returns/{id}/label.',
  });
const Rejection = z.object({
  reason: z.string(),
  note: z.string(),
  attachment_ids: z.array(z.string()),
  at: Instant,
});

export const CaseFields = {
  id: z.string(),
  type: z.enum(CASE_TYPES),
  status: Status,
  version: z.number().int(),
  order_id: z.string(),
  buyer_id: z.string(),
  seller_id: z.string(),
  currency: z.string(),
  reason: Reason,
  fault: z.enum(['seller', 'buyer']),
  description: z.string(),
  attachment_ids: z.array(z.string()),
  refund_destination: Destination,
  due_at: Instant.nullable(),
  next_action: NextAction.nullable(),
  outcome: z.string().nullable(),
  resubmit_count: z.number().int(),
  receiving_extended: z.boolean(),
  offer_amount: Money0.nullable(),
  deduction_amount: Money0.nullable(),
  refund_amount: Money0.nullable(),
  refund_failure: z.string().nullable().meta({
    description:
      "Why the last refund attempt failed, in the payment provider's words (refund_failed); null otherwise",
  }),
  shipment: Shipment.nullable(),
  return_address: ReturnAddressSnapshot.nullable(),
  label: Label.nullable(),
  dispositions: z
    .array(
      z.object({
        order_line_id: z.string(),
        sku: z.string(),
        quantity: z.number().int(),
        disposition: z.enum(['resellable', 'damaged', 'destroy']),
      }),
    )
    .meta({
      description:
        'What the seller does with the returned units, per line (recorded at inspection); resellable ones are announced as inventory.restock',
    }),
  decided: z
    .object({
      by: z.enum(['agent', 'system']),
      agent_id: z.string().nullable(),
      at: Instant,
      loser: z.enum(['buyer', 'seller']),
    })
    .nullable()
    .meta({
      description:
        "The ruling, or the automatic refund for the seller's silence, that the losing party may appeal once within the policy's appeal_window_days",
    }),
  appeal: z
    .object({
      by: z.enum(['buyer', 'seller']),
      by_id: z.string(),
      note: z.string(),
      attachment_ids: z.array(z.string()),
      opened_at: Instant,
      from: z.string(),
      decision: z.enum(['upheld', 'overturned']).nullable(),
      decided_by: z.string().nullable(),
      decided_at: Instant.nullable(),
      compensation: Money0.nullable().meta({
        description:
          'What the platform paid the seller when it overturned a refund (the buyer keeps it)',
      }),
    })
    .nullable(),
  exchange: z
    .object({
      order_line_id: z.string(),
      sku: z.string(),
      title: z.string(),
      unit_price: Money0,
      difference: Money0.meta({
        description: 'The price difference refunded once the variant arrives',
      }),
    })
    .nullable(),
  replacement: z
    .object({
      carrier: z.string(),
      tracking_number: z.string(),
      dispatched_at: Instant,
      delivered_at: Instant.nullable(),
    })
    .nullable()
    .meta({ description: 'The replacement (or exchanged variant) the seller sent' }),
  keeps_item: z.boolean().meta({
    description: 'Refunded without a return (a returnless-refund rule): the buyer keeps the item',
  }),
  policy_version: z.number().int().nullable().meta({
    description:
      "The shop's policy version the latest decision was made under (each event's payload names its own); GET /v1/sellers/{id}/return_policy?version= reads it",
  }),
  received_at: Instant.nullable(),
  rejection: Rejection.nullable(),
  package_rejection: Rejection.nullable(),
  dispute: z
    .object({
      opened_from: z.string(),
      opened_at: Instant,
      opened_by: z.string(),
      note: z.string(),
    })
    .nullable(),
  evidence_request: z
    .object({ from: z.string(), note: z.string(), requested_at: Instant, due_at: Instant })
    .nullable(),
  ruling: z
    .object({
      for: z.enum(['buyer', 'seller']),
      by: z.string(),
      note: z.string(),
      amount: Money0.nullable(),
    })
    .nullable(),
  created_at: Instant,
  updated_at: Instant,
};

/** Who and what a case is about, in the words people use (joined from the order, buyer and shop). */
export const CaseNameFields = {
  order_number: z
    .string()
    .meta({ description: "The marketplace's order number (the order's external_id)" }),
  buyer_name: z.string(),
  shop_name: z.string(),
};

export const CaseSummarySchema = z
  .object({
    ...CaseFields,
    ...CaseNameFields,
    lines: z.array(z.object({ order_line_id: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'ReturnCaseSummary' });

// Every field of ReturnCase, at any depth, is shown by the summary schema or left out of list
// entries by the app (INTERNAL_FIELDS in src/app/read-returns.ts): this fails to compile otherwise.
/** Paths ('a' or 'a.b') of the fields `Doc` has, at any depth, that `Shown` does not. */
type Unshown<Doc, Shown, Path extends string = ''> = Doc extends readonly (infer D)[]
  ? Shown extends readonly (infer S)[]
    ? Unshown<D, S, Path>
    : never
  : Doc extends Date
    ? never
    : Doc extends object
      ? Shown extends object
        ? {
            [K in keyof Doc & string]: K extends keyof Shown
              ? Unshown<Doc[K], NonNullable<Shown[K]>, `${Path}${K}.`>
              : `${Path}${K}`;
          }[keyof Doc & string]
        : never
      : never;
type Unlisted = Exclude<
  Unshown<ReturnCase, z.infer<typeof CaseSummarySchema>>,
  (typeof INTERNAL_FIELDS)[number]
>;
const everyFieldShownOrOmitted: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldShownOrOmitted;

export const CaseSchema = z
  .object({
    ...CaseFields,
    ...CaseNameFields,
    lines: z.array(
      z.object({
        order_line_id: z.string(),
        quantity: z.number().int(),
        sku: z.string(),
        title: z.string(),
        category: z.string(),
        unit_price: Money0,
      }),
    ),
    allowed_commands: z.array(z.string()),
    flags: z.array(z.string()).meta({
      description:
        "Warnings: duplicate_tracking_number (another open case ships the same parcel number), unverified_tracking (the carrier's numbers could only be checked for shape).",
    }),
    buyer_history: z
      .object({
        orders: z.number().int(),
        cases: z.number().int(),
        cases_last_90_days: z.number().int(),
        return_rate: z.number().nullable().meta({
          description:
            'Cases per order (a buyer may open several on one order, so it can pass 1); null without orders',
        }),
        refunds: z.number().int(),
        returnless_refunds: z.number().int(),
        disputes_lost: z.number().int(),
        flagged: z.boolean(),
      })
      .nullable()
      .meta({
        description:
          "The buyer's return record (sellers: at their shop; agents and operators: everywhere); `flagged`: over the platform's threshold, so automatic approvals and returnless refunds are off. Null for the buyer.",
      }),
    refund_preview: RefundPreview.nullable(),
  })
  .meta({ id: 'ReturnCase' });

export const EventSchema = z
  .object({
    id: z.string(),
    case_id: z.string(),
    seq: z.number().int(),
    type: z.string(),
    actor: z.object({ role: z.string(), id: z.string() }),
    at: Instant,
    payload: z.record(z.string(), z.unknown()),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'CaseEvent' });

/** Request bodies of the commands people send; system commands arrive from workers. */
export const COMMAND_BODIES: Partial<Record<CommandName, z.ZodObject>> = {
  approve: z.strictObject({ note: Note.optional() }),
  reject: z.strictObject({
    reason: z.enum(REJECT_REASONS as unknown as [string, ...string[]]),
    note: Note,
    attachment_ids: AttachmentIds.optional(),
  }),
  offer_partial_refund: z.strictObject({ amount: Money.min(1), note: Note.optional() }),
  accept_offer: z.strictObject({}),
  decline_offer: z.strictObject({ note: Note.optional() }),
  resubmit: z.strictObject({
    description: ShortText(5000),
    reason: Reason.optional(),
    attachment_ids: AttachmentIds.optional(),
  }),
  ship: z.strictObject({
    carrier: ShortText(60),
    tracking_number: z.string().trim().min(4).max(40),
    shipping_cost: Money.optional(),
  }),
  withdraw: z.strictObject({ note: Note.optional() }),
  escalate: z.strictObject({ note: Note, attachment_ids: AttachmentIds.optional() }),
  dispute_receipt: z.strictObject({ note: Note, attachment_ids: AttachmentIds.optional() }),
  submit_evidence: z.strictObject({ note: Note, attachment_ids: AttachmentIds.optional() }),
  extend_receiving: z.strictObject({ note: Note.optional() }),
  mark_received: z.strictObject({}),
  accept_package: z.strictObject({
    deduction_amount: Money.optional(),
    dispositions: z
      .array(
        z.strictObject({
          order_line_id: Id('lin'),
          quantity: z.number().int().min(1).max(MAX_QUANTITY),
          disposition: z.enum(['resellable', 'damaged', 'destroy']),
        }),
      )
      .max(600)
      .optional()
      .meta({
        description:
          'Per returned line: how many units are resellable, damaged or to be destroyed (together, every returned unit)',
      }),
    note: Note.optional(),
    attachment_ids: AttachmentIds.optional(),
  }),
  reject_package: z.strictObject({
    reason: z.enum(PACKAGE_REJECT_REASONS as unknown as [string, ...string[]]),
    note: Note,
    attachment_ids: AttachmentIds.min(1),
  }),
  request_evidence: z.strictObject({ from: z.enum(['buyer', 'seller']), note: Note }),
  rule_for_buyer: z.strictObject({ amount: Money.min(1).optional(), note: Note }),
  rule_for_seller: z.strictObject({ note: Note }),
  retry_refund: z.strictObject({ destination: Destination.optional(), note: Note.optional() }),
  request_label: z.strictObject({ note: Note.optional() }),
  approve_as_refund: z.strictObject({ note: Note.optional() }),
  dispatch_replacement: z.strictObject({
    carrier: ShortText(60),
    tracking_number: z.string().trim().min(4).max(40),
  }),
  replacement_unavailable: z.strictObject({ note: Note.optional() }),
  confirm_replacement: z.strictObject({}),
  appeal: z.strictObject({ note: Note, attachment_ids: AttachmentIds.optional() }),
  uphold_appeal: z.strictObject({ note: Note }),
  overturn_appeal: z.strictObject({ note: Note }),
};

/** Every command of the transition table that a person (not the system) runs. */
export const HTTP_COMMANDS: CommandName[] = [
  ...new Set(
    TRANSITIONS.filter((row) => row.actors.some((a) => a !== 'system')).map((row) => row.command),
  ),
];
