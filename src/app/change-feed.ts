import type { Db } from '../db/database.ts';
import { notifyAll } from '../db/notify.ts';
import type { Writes } from '../db/write-together.ts';

/** NOTIFY channel for "something changed" pings to the screens (delivered when the writer commits). */
export const CHANGES_CHANNEL = 'sendback_changes';

export interface Change {
  kind: 'case' | 'message';
  case_id?: string;
  order_id: string;
  seller_id: string;
  buyer_id: string;
}

/**
 * Queued in the caller's transaction: a rolled-back change is never announced. Given `writes`,
 * the NOTIFY goes out with the caller's other writes.
 */
export async function announceChanges(db: Db, changes: Change[], writes?: Writes): Promise<void> {
  if (writes) {
    writes.notify(
      CHANGES_CHANNEL,
      changes.map((c) => JSON.stringify(c)),
    );
    return;
  }
  await notifyAll(
    db,
    CHANGES_CHANNEL,
    changes.map((c) => JSON.stringify(c)),
  );
}
