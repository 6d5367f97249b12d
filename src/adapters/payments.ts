export interface RefundRequest {
  refund_id: string;
  /** Sent to the provider: the same key never pays twice. */
  idempotency_key: string;
  amount: number;
  currency: string;
  buyer_id: string;
  seller_id: string;
  payment_reference: string;
  /** The provider's id of this refund from an earlier attempt: ask about it, do not create. */
  provider_reference?: string | null;
}

export type GatewayResult =
  | { status: 'succeeded'; reference: string }
  /** Accepted, settles later: ask again after `check_after_seconds`. */
  | { status: 'pending'; reference: string; check_after_seconds: number }
  | { status: 'failed'; retryable: boolean; error: string };

/** Where a refund's money goes. Each implementation must be idempotent on the key. */
export interface PaymentGateway {
  readonly destination: 'original_payment' | 'platform_balance';
  execute(request: RefundRequest, now: Date): Promise<GatewayResult>;
}

/** A refund's new state as the provider's webhook reports it. */
export interface RefundUpdate {
  /** The provider's id of the refund (what `GatewayResult.reference` carried). */
  provider_reference: string;
  result: GatewayResult;
}

/** A provider that reports refund outcomes by signed webhooks (Stripe's `charge.refund.updated`). */
export interface PaymentWebhooks {
  readonly name: string;
  /** Verifies the signature on the exact bytes received; throws WebhookRefused (tracking.ts). */
  parseWebhook(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
    now: Date,
  ): Promise<RefundUpdate[]>;
}

/** The platform's wallet ledger, as the wallet gateway needs it (src/app/wallet-ledger.ts). */
export interface WalletLedger {
  /** Moves the amount from the seller's balance to the buyer's, once per refund id. */
  postRefund(request: RefundRequest, now: Date): Promise<void>;
}

/**
 * The platform balance: a double-entry ledger in our own database. A refund is one balanced
 * transaction (seller's account debited, buyer's credited), posted at most once per refund.
 */
export class WalletGateway implements PaymentGateway {
  readonly destination = 'platform_balance' as const;
  constructor(private readonly ledger: WalletLedger) {}

  async execute(request: RefundRequest, now: Date): Promise<GatewayResult> {
    await this.ledger.postRefund(request, now);
    return { status: 'succeeded', reference: `wallet:${request.refund_id}` };
  }
}

/** A refund as the simulated processor books it. */
export interface ProcessorEntry {
  idempotencyKey: string;
  amount: number;
  currency: string;
  reference: string;
  outcome: 'succeeded' | 'failed';
  createdAt: Date;
  settlesAt: Date;
}

/** The simulated processor's own book (src/db/simulated-payments.ts), shared by every node. */
export interface ProcessorBook {
  /** Books the entry unless its key is booked already; answers what is booked under the key. */
  bookOnce(entry: ProcessorEntry): Promise<ProcessorEntry | undefined>;
}

export interface SimulatedProcessorOptions {
  /** Seconds between accepting a refund and its settlement. */
  settle_seconds: number;
  /** Share of calls (0..1) answered with a transient error, as a flaky processor would. */
  fail_rate: number;
  random?: () => number;
}

/**
 * A card processor stand-in for the original payment. It keeps its own book (a table), so its
 * answers survive restarts and agree across nodes: the first call with a key books the refund,
 * later calls with the key report on it. `fail_rate` injects transient outages.
 */
export class SimulatedCardProcessor implements PaymentGateway {
  readonly destination = 'original_payment' as const;
  private readonly random: () => number;
  constructor(
    private readonly book: ProcessorBook,
    private readonly options: SimulatedProcessorOptions,
  ) {
    this.random = options.random ?? Math.random;
  }

  async execute(request: RefundRequest, now: Date): Promise<GatewayResult> {
    if (this.random() < this.options.fail_rate) {
      return { status: 'failed', retryable: true, error: 'processor_unavailable' };
    }
    const booked = await this.book.bookOnce({
      idempotencyKey: request.idempotency_key,
      amount: request.amount,
      currency: request.currency,
      reference: `sim_${request.refund_id}`,
      outcome: 'succeeded',
      createdAt: now,
      settlesAt: new Date(now.getTime() + this.options.settle_seconds * 1000),
    });
    if (!booked || booked.amount !== request.amount || booked.currency !== request.currency) {
      return { status: 'failed', retryable: false, error: 'idempotency_key_mismatch' };
    }
    if (now < booked.settlesAt) {
      const wait = Math.ceil((booked.settlesAt.getTime() - now.getTime()) / 1000);
      return { status: 'pending', reference: booked.reference, check_after_seconds: wait };
    }
    return booked.outcome === 'succeeded'
      ? { status: 'succeeded', reference: booked.reference }
      : { status: 'failed', retryable: false, error: 'declined' };
  }
}
