import type { Db } from '../db/database.ts';
import { accountsOf, entriesOf } from '../db/ledger.ts';
import type { Principal } from './principal.ts';

/** The buyer's platform balance per currency, and its ledger entries newest first. */
export async function readWallet(
  db: Db,
  principal: Principal,
  page: { limit: number; before?: string | undefined },
) {
  const owner = { kind: 'buyer' as const, id: principal.user_id };
  const accounts = await accountsOf(db, owner);
  const entries = await entriesOf(
    db,
    accounts.map((a) => a.id),
    { limit: page.limit + 1, before: page.before },
  );
  const shown = entries.slice(0, page.limit);
  return {
    balances: accounts.map((a) => ({ currency: a.currency, balance: a.balance })),
    entries: shown.map((e) => ({
      id: e.id,
      amount: e.amount,
      currency: e.currency,
      description: e.description,
      refund_id: e.refund_id,
      case_id: e.case_id,
      items: e.items,
      created_at: e.created_at.toISOString(),
    })),
    next_before: entries.length > page.limit ? (shown.at(-1)?.id ?? null) : null,
  };
}
