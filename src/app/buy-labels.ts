import type {
  LabelProvider,
  LabelRequest,
  Parcel,
  PostalAddress,
  PurchasedLabel,
} from '../adapters/labels.ts';
import { qrCodePng } from '../adapters/qr-code.ts';
import { findCase } from '../db/cases.ts';
import { type Db, inTransaction } from '../db/database.ts';
import { findOrder, lockOrders } from '../db/orders.ts';
import { claimDueLabels, type LabelRow, lockLabel, updateLabel } from '../db/return-labels.ts';
import { type DeliveryAddress, SYSTEM_ACTOR } from '../domain/index.ts';
import { applyCaseCommand } from './apply-case-command.ts';
import { AppError } from './errors.ts';
import { retryDelaySeconds } from './execute-refunds.ts';
import { transfer } from './ledger-postings.ts';

export interface LabelWorkerOptions {
  /** null: labels are turned off (SENDBACK_LABEL_PROVIDER=off); each asked-for label fails. */
  provider: LabelProvider | null;
  max_attempts: number;
  backoff_base_seconds: number;
  /** The parcel quoted when the order says nothing of its size. */
  parcel: Parcel;
  batch_size?: number;
  log?: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
}

/** A one-kilogram shoebox: what a return label is quoted for when nothing better is known. */
export const DEFAULT_PARCEL: Parcel = {
  weight_grams: 1000,
  length_cm: 30,
  width_cm: 20,
  height_cm: 12,
};

type Attempt =
  | { status: 'purchased'; label: PurchasedLabel }
  | { status: 'failed'; retryable: boolean; error: string };

const postal = (a: DeliveryAddress): PostalAddress => ({
  name: a.name,
  line1: a.line1,
  ...(a.line2 ? { line2: a.line2 } : {}),
  city: a.city,
  ...(a.region ? { region: a.region } : {}),
  postal_code: a.postal_code,
  country: a.country,
  ...(a.phone ? { phone: a.phone } : {}),
});

/**
 * Buys due prepaid labels. Each purchase runs in two provider calls outside any transaction:
 * the shipment is created and its reference stored, then bought. A crash after the purchase and
 * before the record leaves the lease to run out; the next attempt buys the stored shipment again,
 * which the provider answers with the label it sold the first time, never a second label.
 */
export async function buyDueLabels(
  db: Db,
  now: Date,
  options: LabelWorkerOptions,
): Promise<{ claimed: number; purchased: number; failed: number; pending: number }> {
  const claimed = await claimDueLabels(
    db,
    now,
    options.batch_size ?? 10,
    new Date(now.getTime() + 120_000),
  );
  const tally = { claimed: claimed.length, purchased: 0, failed: 0, pending: 0 };
  for (const row of claimed) {
    try {
      tally[await buyLabel(db, row, now, options)]++;
    } catch (err) {
      options.log?.error({ err, label_id: row.id }, 'label not recorded');
      tally.pending++;
    }
  }
  return tally;
}

export async function buyLabel(
  db: Db,
  row: LabelRow,
  now: Date,
  options: LabelWorkerOptions,
): Promise<'purchased' | 'failed' | 'pending'> {
  const c = await findCase(db, row.caseId);
  if (c?.state !== 'awaiting_shipment' || c.label?.status !== 'requested') {
    // The buyer withdrew, or the case moved on: nothing to buy, nothing to tell.
    await updateLabel(db, row.id, {
      status: 'failed',
      lastError: 'the case no longer waits for a label',
      lockedUntil: null,
      updatedAt: now,
    });
    return 'failed';
  }
  const order = await findOrder(db, c.order_id);
  const attempt = await purchase(row, c.return_address, order?.ship_to ?? null, options, db, now);
  return record(db, row, attempt, now, options);
}

async function purchase(
  row: LabelRow,
  to: DeliveryAddress | null,
  from: DeliveryAddress | null,
  options: LabelWorkerOptions,
  db: Db,
  now: Date,
): Promise<Attempt> {
  const provider = options.provider;
  if (!provider) {
    return {
      status: 'failed',
      retryable: false,
      error: 'Prepaid labels are turned off on this platform',
    };
  }
  if (!to) return { status: 'failed', retryable: false, error: 'The case has no return address' };
  if (!from) {
    return {
      status: 'failed',
      retryable: false,
      error:
        'The marketplace gave no delivery address for this order, so a label cannot start there',
    };
  }
  const request: LabelRequest = {
    idempotency_key: row.idempotencyKey,
    case_id: row.caseId,
    from: postal(from),
    to: postal(to),
    parcel: options.parcel,
  };
  let shipment = row.shipmentReference;
  if (!shipment || row.provider !== provider.name) {
    const prepared = await provider.prepare(request).catch(thrown);
    if (prepared.status === 'failed') return prepared;
    shipment = prepared.shipment_reference;
    // Stored before buying: a retry buys this shipment, which a provider sells once.
    await updateLabel(db, row.id, {
      provider: provider.name,
      shipmentReference: shipment,
      updatedAt: now,
    });
  }
  const bought = await provider.buy(shipment, request).catch(thrown);
  return bought.status === 'purchased' ? { status: 'purchased', label: bought.label } : bought;
}

const thrown = (err: unknown) => ({
  status: 'failed' as const,
  retryable: true,
  error: (err as Error).message || 'label provider error',
});

async function record(
  db: Db,
  claimed: LabelRow,
  attempt: Attempt,
  now: Date,
  options: LabelWorkerOptions,
): Promise<'purchased' | 'failed' | 'pending'> {
  const qr =
    attempt.status === 'purchased'
      ? (attempt.label.qr_code_png ?? (await qrCodePng(attempt.label.tracking_number)))
      : null;
  return inTransaction(db, async (tx) => {
    const c = await findCase(tx, claimed.caseId);
    if (c) await lockOrders(tx, [c.order_id]);
    const row = await lockLabel(tx, claimed.id);
    // Another worker recorded it after our lease ran out: its record stands.
    if (row?.status !== 'pending') return 'pending';
    if (attempt.status === 'purchased') {
      const label = attempt.label;
      await updateLabel(tx, row.id, {
        status: 'purchased',
        providerReference: label.provider_reference,
        carrier: label.carrier,
        service: label.service,
        trackingNumber: label.tracking_number,
        cost: label.cost,
        currency: label.currency,
        labelPdf: Buffer.from(label.label_pdf),
        qrPng: Buffer.from(qr!),
        lockedUntil: null,
        lastError: null,
        updatedAt: now,
      });
      await bookPostage(tx, row, label.cost, label.currency, now);
      await tell(
        tx,
        row.caseId,
        {
          name: 'attach_label',
          provider: row.provider ?? options.provider?.name ?? 'unknown',
          carrier: label.carrier,
          service: label.service,
          tracking_number: label.tracking_number,
          cost: label.cost,
          currency: label.currency,
        },
        now,
      );
      return 'purchased';
    }
    const attempts = row.attempts + 1;
    if (attempt.retryable && attempts < options.max_attempts) {
      const delay = retryDelaySeconds(attempts, options.backoff_base_seconds);
      await updateLabel(tx, row.id, {
        attempts,
        lastError: attempt.error,
        nextAttemptAt: new Date(now.getTime() + delay * 1000),
        lockedUntil: null,
        updatedAt: now,
      });
      options.log?.warn({ label_id: row.id, attempts, error: attempt.error }, 'label retry');
      return 'pending';
    }
    await updateLabel(tx, row.id, {
      status: 'failed',
      attempts,
      lastError: attempt.error,
      lockedUntil: null,
      updatedAt: now,
    });
    await tell(tx, row.caseId, { name: 'label_failed', error: attempt.error }, now);
    return 'failed';
  });
}

/** Records the outcome on the case; a case that moved on meanwhile keeps its state. */
async function tell(
  db: Db,
  caseId: string,
  command: Parameters<typeof applyCaseCommand>[2],
  now: Date,
): Promise<void> {
  try {
    await inTransaction(db, (sp) => applyCaseCommand(sp, caseId, command, SYSTEM_ACTOR, now));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
}

/** The postage is the shop's cost: its balance pays the platform's postage account. */
async function bookPostage(db: Db, row: LabelRow, cost: number, currency: string, now: Date) {
  await transfer(
    db,
    { kind: 'seller', id: row.sellerId },
    { kind: 'platform', id: 'return_postage' },
    cost,
    currency,
    `Return label for ${row.caseId}`,
    now,
  );
}
