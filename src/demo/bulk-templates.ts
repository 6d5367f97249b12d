import {
  type Actor,
  type DecideContext,
  type DomainEvent,
  decide,
  decideRequest,
  evolve,
  type Order,
  parsePolicy,
  type ReturnCase,
  TERMINAL_STATES,
} from '../domain/index.ts';
import { DESCRIPTIONS, STORIES, type Story, type StoryActor, walkStory } from './stories.ts';

// The bulk loader's cases follow the demo's stories (src/demo/stories.ts). Each story is walked
// once per kind of shop and product with the pure domain, at a fixed time (T0) and with
// placeholder ids; the case's JSON and each event's payload become text templates whose slots
// take one row's ids and instants.

const DAY_MS = 24 * 3_600_000;
/** Where the template walks start; rows shift every instant by their own offset from it. */
export const T0 = Date.UTC(2025, 5, 10, 14, 30, 0);

/** Placeholder ids in the templates: a row's ids take the same slots, in this order. */
const IDS = ['__RET__', '__ORD__', '__LIN__', '__BUY__', '__SEL__', '__STF__', '__AGT__'] as const;
const [RET, ORD, LIN, BUY, SEL, STF, AGT] = IDS;
/** A placeholder id or an instant, in JSON text. */
const SLOT_RE = /__(?:RET|ORD|LIN|BUY|SEL|STF|AGT)__|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;

/** How often each story happens, in percent: mostly closed history, some open work. */
const WEIGHTS: Readonly<Record<string, number>> = {
  requested: 3,
  requested_refund_only: 1,
  requested_resubmitted: 0.3,
  partial_offer: 0.5,
  partial_offer_refund_only: 0.3,
  rejected: 0.6,
  rejected_refund_only: 0.2,
  awaiting_shipment: 3,
  in_transit: 2.5,
  delivered: 1,
  package_rejected: 0.3,
  disputed: 0.4,
  disputed_refund_only: 0.2,
  refund_pending_refund_only: 0.5,
  refund_pending: 0.5,
  refund_failed: 0.2,
  refunded: 30,
  refunded_refund_only: 14,
  refunded_partial_offer: 4,
  refunded_with_deduction: 3,
  refunded_by_ruling: 1,
  closed_not_shipped: 7,
  closed_rejected: 4,
  closed_package_rejected: 1.5,
  closed_ruled_for_seller: 1,
  closed_refund_only_rejected: 1,
  cancelled: 6,
  cancelled_refund_only: 3,
};

interface Product {
  sku: string;
  title: string;
  category: string;
  unit_price: number;
  tax_amount: number;
}

/** Kinds of shop; seller number s is of kind (s - 1) % VARIANTS.length. */
export const VARIANTS: readonly {
  region: string;
  time_zone: string;
  currency: string;
  shipping_amount: number;
  products: readonly Product[];
}[] = [
  {
    region: 'US',
    time_zone: 'America/New_York',
    currency: 'USD',
    shipping_amount: 599,
    products: [
      {
        sku: 'KIT-MUG-STN-4',
        title: 'Stoneware mug, set of 4',
        category: 'kitchen',
        unit_price: 3600,
        tax_amount: 320,
      },
      {
        sku: 'HOM-LMP-BRS',
        title: 'Brass desk lamp',
        category: 'lighting',
        unit_price: 12900,
        tax_amount: 1145,
      },
    ],
  },
  {
    region: 'GB',
    time_zone: 'Europe/London',
    currency: 'GBP',
    shipping_amount: 395,
    products: [
      {
        sku: 'KNT-MER-NVY-M',
        title: 'Merino crew jumper, navy (M)',
        category: 'knitwear',
        unit_price: 7900,
        tax_amount: 0,
      },
      {
        sku: 'BOT-CHL-BRN-42',
        title: 'Leather Chelsea boots (EU 42)',
        category: 'footwear',
        unit_price: 14500,
        tax_amount: 0,
      },
    ],
  },
  {
    // Cross-border: a Shenzhen shop selling to US buyers in USD.
    region: 'CN',
    time_zone: 'Asia/Shanghai',
    currency: 'USD',
    shipping_amount: 0,
    products: [
      {
        sku: 'EB-PRO2-BLK',
        title: 'Wireless earbuds Pro 2, black',
        category: 'audio',
        unit_price: 4999,
        tax_amount: 362,
      },
      {
        sku: 'SW-FIT5-GRY',
        title: 'Fitness smartwatch 5, graphite',
        category: 'wearables',
        unit_price: 8999,
        tax_amount: 652,
      },
    ],
  },
  {
    region: 'DE',
    time_zone: 'Europe/Berlin',
    currency: 'EUR',
    shipping_amount: 495,
    products: [
      {
        sku: 'KUE-BCH-SET-4',
        title: 'Kaffeebecher-Set, 4 Stück',
        category: 'kitchen',
        unit_price: 2990,
        tax_amount: 0,
      },
      {
        sku: 'ELK-KPH-BT',
        title: 'Bluetooth-Kopfhörer',
        category: 'audio',
        unit_price: 6990,
        tax_amount: 0,
      },
    ],
  },
];

/** JSON text with slots: `parts[0] + vals[slots[0]] + parts[1] + …`. */
export interface TextTemplate {
  parts: string[];
  slots: number[];
}

export function fill(t: TextTemplate, vals: readonly string[]): string {
  let out = t.parts[0]!;
  for (let k = 0; k < t.slots.length; k++) out += vals[t.slots[k]!]! + t.parts[k + 1]!;
  return out;
}

/** A story walked once, for one kind of shop and one product. */
export interface Template {
  /** terminal: history; deadline: waiting with a due_at; open: waiting without one. */
  kind: 'terminal' | 'deadline' | 'open';
  case: ReturnCase;
  /** The case's JSON. */
  data: TextTemplate;
  /** The order the walk ran on (placeholder ids, instants from T0). */
  order: Order;
  total_paid: number;
  /** Offsets from T0 of the instants that take the slots from IDS.length on. */
  offs: number[];
  events: TemplateEvent[];
}

export interface TemplateEvent {
  type: string;
  actor_role: string;
  /** The actor's slot among the row's ids, or -1 for the system. */
  actor_slot: number;
  at_off: number;
  payload: TextTemplate;
}

async function buildTemplate(
  s: Story,
  variant: (typeof VARIANTS)[number],
  product: Product,
): Promise<Template> {
  const placedAt = new Date(T0 - 9 * DAY_MS);
  const deliveredAt = new Date(T0 - 4 * DAY_MS);
  const order: Order = {
    id: ORD,
    seller_id: SEL,
    buyer_id: BUY,
    currency: variant.currency,
    placed_at: placedAt,
    delivered_at: deliveredAt,
    shipping_amount: variant.shipping_amount,
    order_discount_amount: 0,
    lines: [
      {
        id: LIN,
        sku: product.sku,
        title: product.title,
        category: product.category,
        quantity: 1,
        unit_price: product.unit_price,
        line_discount_amount: 0,
        tax_amount: product.tax_amount,
      },
    ],
  };
  const ctx: DecideContext = {
    order,
    policy: policyFor(variant.currency),
    // Bulk shops start at version 1 of this policy: every decision records it, as the app's do.
    policy_version: 1,
    calendar: { time_zone: variant.time_zone, region: variant.region },
    other_cases: [],
    // Bulk shops' cases are approved with one warehouse address (their snapshot, not a row).
    return_address: {
      id: 'radr_bulkwarehouse0000000000000000',
      name: 'Bulk Returns Warehouse',
      line1: '1 Distribution Way',
      line2: null,
      city: 'Reno',
      region: 'NV',
      postal_code: '89502',
      country: 'US',
      phone: null,
      instructions: null,
    },
  };
  const actors: Record<StoryActor, Actor> = {
    buyer: { role: 'buyer', id: BUY },
    seller: { role: 'seller', id: STF },
    agent: { role: 'agent', id: AGT },
    system: { role: 'system', id: 'system' },
  };
  const requested = decideRequest(
    {
      id: RET,
      order_id: ORD,
      type: s.type,
      reason: s.reason,
      description: DESCRIPTIONS[s.reason],
      lines: [{ order_line_id: LIN, quantity: 1 }],
      refund_destination: s.refund_destination,
    },
    actors.buyer,
    new Date(T0),
    ctx,
  );
  if (!requested.ok) throw new Error(`template ${s.key}: ${requested.error.message}`);
  const domainEvents: DomainEvent[] = [...requested.value.events];
  const c: ReturnCase = await walkStory(
    s,
    requested.value.case,
    order,
    async (now, cmd, by, at) => {
      const decided = decide(now, cmd, actors[by], at, { ...ctx, other_cases: [now] });
      if (!decided.ok) throw new Error(`template ${s.key}, ${cmd.name}: ${decided.error.message}`);
      domainEvents.push(...decided.value);
      return decided.value.reduce(evolve, now);
    },
  );

  const instants = new Map<string, number>();
  const compile = (text: string): TextTemplate => {
    const parts: string[] = [];
    const slots: number[] = [];
    let from = 0;
    for (const m of text.matchAll(SLOT_RE)) {
      const token = m[0];
      let slot = IDS.indexOf(token as (typeof IDS)[number]);
      if (slot < 0) {
        if (!instants.has(token)) instants.set(token, instants.size);
        slot = IDS.length + instants.get(token)!;
      }
      parts.push(text.slice(from, m.index));
      slots.push(slot);
      from = m.index + token.length;
    }
    parts.push(text.slice(from));
    return { parts, slots };
  };
  const actorSlot = (id: string) => {
    if (id === 'system') return -1;
    const slot = IDS.indexOf(id as (typeof IDS)[number]);
    if (slot < 0) throw new Error(`template ${s.key}: actor ${id} has no slot`);
    return slot;
  };
  const data = compile(JSON.stringify(c));
  const events = domainEvents.map((e) => ({
    type: e.type,
    actor_role: e.actor.role,
    actor_slot: actorSlot(e.actor.id),
    at_off: e.at.getTime() - T0,
    payload: compile(JSON.stringify(e.payload)),
  }));
  return {
    kind: TERMINAL_STATES.includes(c.state) ? 'terminal' : c.due_at ? 'deadline' : 'open',
    case: c,
    data,
    order,
    total_paid: product.unit_price + product.tax_amount + variant.shipping_amount,
    offs: [...instants.keys()].map((iso) => Date.parse(iso) - T0),
    events,
  };
}

export function policyFor(currency: string) {
  const parsed = parsePolicy({ currency });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** One row's ids, in the templates' slots. */
export interface RowIds {
  case: string;
  order: string;
  line: string;
  buyer: string;
  seller: string;
  staff: string;
  agent: string;
}

/** The text of each slot of `t` for one row: its ids, then its instants (moved to `base`). */
export function slotValues(t: Template, ids: RowIds, base: number): string[] {
  const vals = [ids.case, ids.order, ids.line, ids.buyer, ids.seller, ids.staff, ids.agent];
  for (const off of t.offs) vals.push(new Date(base + off).toISOString());
  return vals;
}

/** Every story (by weight), for every kind of shop and product. */
export interface Templates {
  /**
   * The template for a row: `storyDraw` and `productDraw` are uniform in [0, 1); shop number
   * `shop` is of kind VARIANTS[shop % VARIANTS.length].
   */
  pick(storyDraw: number, shop: number, productDraw: number): Template;
}

export async function buildTemplates(): Promise<Templates> {
  const stories = STORIES.filter((s) => (WEIGHTS[s.key] ?? 0) > 0);
  // By story, kind of shop and product.
  const templates: Template[][][] = [];
  for (const s of stories) {
    const kinds: Template[][] = [];
    for (const variant of VARIANTS) {
      const products: Template[] = [];
      for (const product of variant.products)
        products.push(await buildTemplate(s, variant, product));
      kinds.push(products);
    }
    templates.push(kinds);
  }
  // Where each story's share of [0, 1) starts.
  const total = stories.reduce((sum, s) => sum + WEIGHTS[s.key]!, 0);
  let cumulative = 0;
  const starts = stories.map((s) => {
    const at = cumulative / total;
    cumulative += WEIGHTS[s.key]!;
    return at;
  });
  return {
    pick(storyDraw, shop, productDraw) {
      let story = 0;
      while (story + 1 < starts.length && starts[story + 1]! <= storyDraw) story++;
      const products = templates[story]![shop % VARIANTS.length]!;
      return products[Math.floor(productDraw * products.length)]!;
    },
  };
}
