import {
  type PaymentGateway,
  SimulatedCardProcessor,
  type SimulatedProcessorOptions,
  WalletGateway,
  type WalletLedger,
} from '../adapters/payments.ts';
import { type Db, inTransaction } from '../db/database.ts';
import { bookSimulatedPayment } from '../db/simulated-payments.ts';
import { transfer } from './ledger-postings.ts';

export type Gateways = Record<PaymentGateway['destination'], PaymentGateway>;

/**
 * The gateways a deployment pays refunds through: the wallet, and the card processor (Stripe when
 * configured, else the simulated one).
 */
export function paymentGateways(
  db: Db,
  simulated: SimulatedProcessorOptions,
  card: PaymentGateway | null = null,
): Gateways {
  return {
    platform_balance: new WalletGateway(walletLedger(db)),
    original_payment:
      card ??
      new SimulatedCardProcessor(
        { bookOnce: (entry) => bookSimulatedPayment(db, entry) },
        simulated,
      ),
  };
}

/**
 * The wallet ledger: a refund is one balanced transaction (the seller's account debited, the
 * buyer's credited), posted at most once per refund, in its own transaction.
 */
export function walletLedger(db: Db): WalletLedger {
  return {
    postRefund: (request, now) =>
      inTransaction(db, (tx) =>
        transfer(
          tx,
          { kind: 'seller', id: request.seller_id },
          { kind: 'buyer', id: request.buyer_id },
          request.amount,
          request.currency,
          `Refund ${request.refund_id}`,
          now,
          request.refund_id,
        ),
      ),
  };
}
