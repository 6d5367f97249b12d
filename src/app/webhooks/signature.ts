import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `Sendback-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>`.
 *
 * The timestamp is signed with the body, so a captured request cannot be replayed later than the
 * receiver's tolerance. Receivers verify with `verifySignature` (or the five lines in the README).
 */
export const SIGNATURE_HEADER = 'sendback-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, unixSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
}

/** The `Sendback-Signature` header value for `body` sent at `unixSeconds`. */
export function signPayload(secret: string, body: string, unixSeconds: number): string {
  const t = Math.floor(unixSeconds);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/**
 * True when `header` carries a `v1` signature of `body` by `secret` whose timestamp is within
 * `toleranceSeconds` of `nowSeconds`. Several `v1=` entries are accepted (any may match), so a
 * secret can be rolled over; unknown schemes are ignored. The comparison is constant-time.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowSeconds: number,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  if (!header || header.length > 4096) return false;
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return false;
      timestamp = Number(value);
    } else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) {
      candidates.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined || candidates.length === 0) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  let ok = false;
  for (const candidate of candidates) {
    // Every candidate is compared (no early exit), each in constant time.
    if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) ok = true;
  }
  return ok;
}
