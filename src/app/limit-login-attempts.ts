import type { Db } from '../db/database.ts';
import { hitRateLimits } from '../db/rate-limits.ts';
import { normalizeEmail } from './email-address.ts';
import { AppError } from './errors.ts';
import { sha256 } from './secrets.ts';

export interface LoginLimits {
  /** Attempts per window for one e-mail (as login normalizes it), from any address. */
  per_email: number;
  /** Attempts per window from one client address, whatever the e-mail. */
  per_address: number;
  window_ms: number;
}

/**
 * Counts a login attempt against its e-mail and its client address, before the password is
 * checked; past either limit it is refused with `rate_limited` and the seconds until the window
 * ends. The counters are rows in PostgreSQL, so attempts spread over several nodes add up. The
 * e-mail is keyed by its hash: the table does not collect the addresses people type.
 */
export async function limitLoginAttempts(
  db: Db,
  attempt: { email: string; address: string },
  limits: LoginLimits,
  now: Date,
): Promise<void> {
  const emailKey = `login:email:${sha256(normalizeEmail(attempt.email))}`;
  const addressKey = `login:address:${attempt.address}`;
  const counts = await hitRateLimits(db, [emailKey, addressKey], limits.window_ms, now);
  let retryAfterMs = 0;
  for (const count of counts) {
    const max = count.key === emailKey ? limits.per_email : limits.per_address;
    if (count.hits > max) {
      retryAfterMs = Math.max(retryAfterMs, count.resetAt.getTime() - now.getTime());
    }
  }
  if (retryAfterMs > 0) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw new AppError(
      'rate_limited',
      `Too many login attempts; try again in ${seconds} seconds.`,
      { retry_after: seconds },
    );
  }
}
