import type { Db } from '../db/database.ts';
import { ensureAccount, insertTransactionOnce } from '../db/ledger.ts';
import { newId } from './ids.ts';

type Owner = { kind: 'buyer' | 'seller' | 'platform'; id: string };

/**
 * One balanced ledger transaction: `amount` from one account to another, in the caller's
 * transaction. The caller makes it happen once (a row lock, an event written once).
 */
export async function transfer(
  db: Db,
  from: Owner,
  to: Owner,
  amount: number,
  currency: string,
  description: string,
  now: Date,
): Promise<void> {
  if (amount <= 0) return;
  const debit = await ensureAccount(db, from, currency, newId('acc', now), now);
  const credit = await ensureAccount(db, to, currency, newId('acc', now), now);
  const transactionId = newId('ltx', now);
  const entry = (accountId: string, value: number) => ({
    id: newId('ent', now),
    transactionId,
    accountId,
    amount: value,
    currency,
    createdAt: now,
  });
  await insertTransactionOnce(db, { id: transactionId, description, createdAt: now }, [
    entry(debit.id, -amount),
    entry(credit.id, amount),
  ]);
}
