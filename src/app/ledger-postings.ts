import type { Db } from '../db/database.ts';
import { ensureAccount, insertTransactionOnce } from '../db/ledger.ts';
import { newId } from './ids.ts';

type Owner = { kind: 'buyer' | 'seller' | 'platform'; id: string };

/**
 * One balanced ledger transaction: `amount` from one account to another, in the caller's
 * transaction. The caller makes it happen once (a row lock, an event written once); with
 * `refundId` the ledger itself posts it at most once for that refund.
 */
export async function transfer(
  db: Db,
  from: Owner,
  to: Owner,
  amount: number,
  currency: string,
  description: string,
  now: Date,
  refundId?: string,
): Promise<void> {
  // A refund is posted even at zero (its record of having been paid); other transfers skip it.
  if (amount <= 0 && !refundId) return;
  // Accounts are created in one order (kind, then id) whoever pays whom: no lock cycle.
  const [first, second] = [from, to].sort((a, b) =>
    `${a.kind}:${a.id}` < `${b.kind}:${b.id}` ? -1 : 1,
  );
  const accounts = new Map<Owner, { id: string }>();
  for (const owner of [first!, second!]) {
    accounts.set(owner, await ensureAccount(db, owner, currency, newId('acc', now), now));
  }
  const debit = accounts.get(from)!;
  const credit = accounts.get(to)!;
  const transactionId = newId('ltx', now);
  const entry = (accountId: string, value: number) => ({
    id: newId('ent', now),
    transactionId,
    accountId,
    amount: value,
    currency,
    createdAt: now,
  });
  await insertTransactionOnce(
    db,
    { id: transactionId, description, createdAt: now, ...(refundId ? { refundId } : {}) },
    [entry(debit.id, -amount), entry(credit.id, amount)],
  );
}
