import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from './database.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransactions, refunds } from './schema.ts';

export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;

export async function ensureAccount(
  db: Db,
  owner: { kind: 'buyer' | 'seller' | 'platform'; id: string },
  currency: string,
  newAccountId: string,
  now: Date,
): Promise<LedgerAccountRow> {
  await db
    .insert(ledgerAccounts)
    .values({
      id: newAccountId,
      ownerKind: owner.kind,
      ownerId: owner.id,
      currency,
      createdAt: now,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.ownerKind, owner.kind),
        eq(ledgerAccounts.ownerId, owner.id),
        eq(ledgerAccounts.currency, currency),
      ),
    );
  return row!;
}

/** Inserts the transaction unless the refund already has one; true when this call posted it. */
export async function insertTransactionOnce(
  db: Db,
  row: typeof ledgerTransactions.$inferInsert,
  entries: (typeof ledgerEntries.$inferInsert)[],
): Promise<boolean> {
  const inserted = await db
    .insert(ledgerTransactions)
    .values(row)
    .onConflictDoNothing({ target: ledgerTransactions.refundId })
    .returning({ id: ledgerTransactions.id });
  if (!inserted.length) return false;
  await db.insert(ledgerEntries).values(entries);
  return true;
}

export async function accountsOf(
  db: Db,
  owner: { kind: 'buyer' | 'seller'; id: string },
): Promise<(LedgerAccountRow & { balance: number })[]> {
  const rows = await db
    .select({
      account: ledgerAccounts,
      // Qualified by hand: inside the subquery a bare "id" would mean the entry's id.
      balance: sql<string>`coalesce((select sum(e.amount) from ledger_entries e where e.account_id = ledger_accounts.id), 0)`,
    })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.ownerKind, owner.kind), eq(ledgerAccounts.ownerId, owner.id)));
  return rows.map((r) => ({ ...r.account, balance: Number(r.balance) }));
}

export async function entriesOf(
  db: Db,
  accountIds: string[],
  page: { limit: number; before?: string | undefined },
) {
  if (!accountIds.length) return [];
  return db
    .select({
      id: ledgerEntries.id,
      account_id: ledgerEntries.accountId,
      amount: ledgerEntries.amount,
      currency: ledgerEntries.currency,
      created_at: ledgerEntries.createdAt,
      description: ledgerTransactions.description,
      refund_id: ledgerTransactions.refundId,
      case_id: refunds.caseId,
      // What was refunded, as the buyer knows it: the returned lines' titles.
      items: sql<string | null>`(select string_agg(ol.title, ', ' order by ol.position)
        from return_lines rl join order_lines ol on ol.id = rl.order_line_id
        where rl.case_id = ${refunds.caseId})`,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .leftJoin(refunds, eq(refunds.id, ledgerTransactions.refundId))
    .where(
      and(
        sql`${ledgerEntries.accountId} in ${accountIds}`,
        page.before ? lt(ledgerEntries.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(ledgerEntries.id))
    .limit(page.limit);
}

/** Ledger transactions whose entries do not sum to zero (must be none). */
export async function unbalancedTransactions(db: Db): Promise<{ id: string; sum: number }[]> {
  const rows = await queryRows<{ id: string; sum: number | string }>(
    db,
    sql`
    select t.id, coalesce(sum(e.amount), 0)::bigint as sum
    from ledger_transactions t left join ledger_entries e on e.transaction_id = t.id
    group by t.id
    having coalesce(sum(e.amount), 0) <> 0 or count(e.id) < 2`,
  );
  return rows.map((r) => ({ id: r.id, sum: Number(r.sum) }));
}
