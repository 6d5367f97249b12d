import { createHash } from 'node:crypto';
import type { PaymentGateway } from '../adapters/payments.ts';
import type { BlobStorage } from '../adapters/storage.ts';
import { applyCaseCommand } from '../app/apply-case-command.ts';
import { createSeller } from '../app/create-seller.ts';
import { createUser } from '../app/create-user.ts';
import { executeRefund } from '../app/execute-refunds.ts';
import { ingestOrder } from '../app/ingest-order.ts';
import { paymentGateways } from '../app/payment-gateways.ts';
import { ADMIN_PRINCIPAL_ID, type Principal } from '../app/principal.ts';
import { requestReturn } from '../app/request-return.ts';
import { createReturnAddress } from '../app/return-addresses.ts';
import { updatePolicy } from '../app/return-policy.ts';
import { claimAppMeta, DEMO_SEEDED_KEY, setAppMeta } from '../db/app-meta.ts';
import { findAttachments, insertAttachment } from '../db/attachments.ts';
import { findCase } from '../db/cases.ts';
import { type Db, inTransaction } from '../db/database.ts';
import { refundsOfCase } from '../db/refunds.ts';
import { hasSellers } from '../db/users.ts';
import type { Actor, Command, ReturnCase } from '../domain/index.ts';
import { AGENT, BUYERS, OPERATOR_USER, orderLines, SHOPS } from './marketplace.ts';
import { DESCRIPTIONS, STORIES, type StoryActor, walkStory } from './stories.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export { DEMO_SEEDED_KEY };
export const DEMO_PASSWORD = 'demo-password-1';

const OPERATOR: Principal = {
  user_id: ADMIN_PRINCIPAL_ID,
  role: 'operator',
  seller_id: null,
  via: 'admin_token',
};

export interface DemoLogin {
  email: string;
  password: string;
  role: 'buyer' | 'seller' | 'agent' | 'operator';
  name: string;
  /** The shop a seller login works for; null for other roles. */
  shop: string | null;
}

export interface DemoLogins {
  logins: DemoLogin[];
  shops: { id: string; name: string; region: string; currency: string }[];
  orders: number;
  cases: number;
}

/**
 * A story's refund outcome, reached as the refund worker reaches it: the case's booked refund is
 * paid through the real gateway (the wallet ledger, or the card processor settling at once), or
 * declined with the story's error, and the outcome recorded with the case's move. The refund rows,
 * ledger and case then agree, and the running worker finds nothing left to do.
 */
async function settleDemoRefund(
  db: Db,
  caseId: string,
  command: Extract<Command, { name: 'refund_succeeded' | 'refund_failed' }>,
  at: Date,
): Promise<ReturnCase> {
  const refund = (await refundsOfCase(db, caseId)).find((r) => r.status === 'pending');
  if (!refund) throw new Error(`demo case ${caseId} has no refund to settle`);
  const declined: PaymentGateway = {
    destination: refund.destination,
    execute: async () => ({
      status: 'failed',
      retryable: false,
      error: (command.name === 'refund_failed' && command.error) || 'declined',
    }),
  };
  const gateways =
    command.name === 'refund_failed'
      ? { original_payment: declined, platform_balance: declined }
      : paymentGateways(db, { settle_seconds: 0, fail_rate: 0 });
  await executeRefund(db, refund, at, { gateways, max_attempts: 1, backoff_base_seconds: 60 });
  const after = await findCase(db, caseId);
  if (after?.state !== (command.name === 'refund_failed' ? 'refund_failed' : 'refunded')) {
    throw new Error(`demo case ${caseId} did not settle its refund (${after?.state})`);
  }
  return after;
}

/**
 * Seeds the demo marketplace: three shops (US, GB, and a CN cross-border shop selling to US
 * buyers), their staff, three buyers, an agent and an operator (all with passwords), delivered
 * orders, and return cases in every state, each walked there by real commands at plausible
 * times before `now`. One transaction; a second call (or a concurrent one) does nothing and
 * answers null, because the first claims the `demo_seeded` row in `app_meta`.
 */
export async function seedDemo(
  db: Db,
  now: Date,
  options: { password?: string; storage?: BlobStorage } = {},
): Promise<DemoLogins | null> {
  const password = options.password ?? DEMO_PASSWORD;
  return inTransaction(db, async (tx) => {
    const seededAt = { seeded_at: now.toISOString() };
    if (!(await claimAppMeta(tx, DEMO_SEEDED_KEY, seededAt, now))) return null;

    const ago = (ms: number) => new Date(now.getTime() - ms);
    const logins: DemoLogin[] = [];
    const login = async (
      person: { email: string; name: string },
      role: DemoLogin['role'],
      shop: { id: string; name: string } | null,
      locale: 'en' | 'zh-CN' = 'en',
    ) => {
      const { user } = await createUser(
        tx,
        OPERATOR,
        { ...person, role, seller_id: shop?.id, password, locale },
        ago(45 * DAY_MS),
      );
      logins.push({
        email: user.email,
        password,
        role,
        name: person.name,
        shop: shop?.name ?? null,
      });
      return user;
    };

    const shops = [];
    for (const shop of SHOPS) {
      const seller = await createSeller(
        tx,
        OPERATOR,
        { name: shop.name, time_zone: shop.time_zone, region: shop.region },
        ago(60 * DAY_MS),
      );
      await updatePolicy(tx, OPERATOR, seller.id, shop.policy, ago(59 * DAY_MS));
      for (const address of shop.return_addresses) {
        await createReturnAddress(tx, OPERATOR, seller.id, address, ago(59 * DAY_MS));
      }
      const staff = await login(shop.staff, 'seller', seller, shop.staff.locale);
      shops.push({ shop, seller, staff });
    }
    const buyers = [];
    for (const buyer of BUYERS) buyers.push(await login(buyer, 'buyer', null));
    const agent = await login(AGENT, 'agent', null);
    await login(OPERATOR_USER, 'operator', null);

    let cases = 0;
    for (const [k, s] of STORIES.entries()) {
      const { shop, seller, staff } =
        shops.find((x) => x.shop.key === s.shop) ?? shops[k % shops.length]!;
      const buyerIndex = shop.buyers[Math.floor(k / shops.length) % shop.buyers.length]!;
      const buyer = buyers[buyerIndex]!;
      const stepHours = s.steps.reduce((sum, step) => sum + step.after_hours, 0);
      const requestedAt = ago((s.ends_hours_ago + stepHours) * HOUR_MS);
      const deliveredAt = new Date(requestedAt.getTime() - (2 + (k % 4)) * DAY_MS - 5 * HOUR_MS);
      const placedAt = new Date(deliveredAt.getTime() - (3 + (k % 3)) * DAY_MS);
      const { order } = await ingestOrder(
        tx,
        OPERATOR,
        {
          external_id: `DEMO-${shop.key.toUpperCase()}-${1001 + k}`,
          seller_id: seller.id,
          buyer_id: buyer.id,
          currency: shop.currency,
          placed_at: placedAt,
          delivered_at: deliveredAt,
          shipping_amount: shop.shipping_amount,
          order_discount_amount: k % 5 === 3 ? 500 : 0,
          payment_reference: `pay_sim_demo_${shop.key}_${1001 + k}`,
          ship_to: BUYERS[buyerIndex]!.address,
          lines: orderLines(shop, k),
        },
        new Date(deliveredAt.getTime() + 10 * 60_000),
      );
      const { case: requested } = await requestReturn(
        tx,
        { user_id: buyer.id, role: 'buyer', seller_id: null, via: 'session' },
        {
          order_id: order.id,
          type: s.type,
          reason: s.reason,
          description: DESCRIPTIONS[s.reason],
          lines: [{ order_line_id: order.lines[0]!.id, quantity: 1 }],
          refund_destination: s.refund_destination,
        },
        requestedAt,
      );
      const actors: Record<StoryActor, Actor> = {
        buyer: { role: 'buyer', id: buyer.id },
        seller: { role: 'seller', id: staff.id },
        agent: { role: 'agent', id: agent.id },
        system: { role: 'system', id: 'system' },
      };
      const final = await walkStory(s, requested, order, async (c, command, by, at) => {
        await createDemoEvidence(tx, options.storage, command, actors[by].id, at);
        if (command.name === 'refund_succeeded' || command.name === 'refund_failed') {
          return settleDemoRefund(tx, c.id, command, at);
        }
        const applied = await applyCaseCommand(tx, c.id, command, actors[by], at);
        return applied.after;
      });
      if (final.updated_at > now) throw new Error(`demo story ${s.key} ends after now`);
      cases += 1;
    }

    const result: DemoLogins = {
      logins,
      shops: shops.map(({ shop, seller }) => ({
        id: seller.id,
        name: shop.name,
        region: shop.region,
        currency: shop.currency,
      })),
      orders: cases,
      cases,
    };
    // The login page of a demo server lists these (only ever on the embedded database).
    const shown = { ...seededAt, shops: result.shops, cases, logins: result.logins };
    await setAppMeta(tx, DEMO_SEEDED_KEY, shown, now);
    return result;
  });
}

/** `serve` on a new embedded database: seeds the demo when there is no shop yet. */
export async function seedDemoOnFirstStart(
  db: Db,
  now: Date,
  storage?: BlobStorage,
): Promise<DemoLogins | null> {
  if (await hasSellers(db)) return null;
  return seedDemo(db, now, storage ? { storage } : {});
}

let demoPhoto: Promise<Buffer> | undefined;
/** A small generated photo (no metadata) standing in for the demo's evidence. */
function demoEvidencePhoto(): Promise<Buffer> {
  // sharp is loaded here, not at start (see inspect-upload.ts).
  demoPhoto ??= import('sharp').then(({ default: sharp }) =>
    sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 214, g: 200, b: 180 } },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg width="320" height="240"><rect x="40" y="40" width="240" height="160" fill="#8a7760"/><line x1="60" y1="60" x2="250" y2="190" stroke="#3b2f22" stroke-width="6"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer(),
  );
  return demoPhoto;
}

/**
 * The demo's commands cite evidence: those attachments are created for real, uploaded by the
 * acting person, so the cases' evidence opens like any other (the blob is stored when a storage
 * is given; tests give none). An id already on file (cited twice) is not created again.
 */
async function createDemoEvidence(
  db: Db,
  storage: BlobStorage | undefined,
  command: Command,
  uploadedBy: string,
  at: Date,
): Promise<void> {
  const ids = (command as { attachment_ids?: string[] }).attachment_ids ?? [];
  if (!ids.length) return;
  const photo = await demoEvidencePhoto();
  const sha = createHash('sha256').update(photo).digest('hex');
  if (storage && !(await storage.has(sha))) await storage.put(sha, photo);
  const onFile = new Set((await findAttachments(db, ids)).map((a) => a.id));
  for (const id of new Set(ids)) {
    if (onFile.has(id)) continue;
    await insertAttachment(db, {
      id,
      sha256: sha,
      kind: 'image',
      mimeType: 'image/png',
      sizeBytes: photo.length,
      width: 320,
      height: 240,
      fileName: 'evidence.png',
      uploadedBy,
      createdAt: at,
    });
  }
}

/** The logins as a small table for the terminal. */
export function formatDemoLogins(demo: DemoLogins): string {
  const rows = demo.logins.map((l) => [l.role, l.email, l.password, l.shop ?? '']);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd(),
  );
  return [
    `Demo data: ${demo.shops.length} shops, ${demo.orders} orders, ${demo.cases} return cases.`,
    'Demo logins (POST /v1/session with e-mail and password):',
    ...lines.map((l) => `  ${l}`),
    '',
  ].join('\n');
}
