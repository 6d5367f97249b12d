import { createHash } from 'node:crypto';
import { canonicalJson } from '../bundle/canonical-json.ts';

export { canonicalJson };

/** The first link of every chain points at this. */
export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(previous hash || canonical JSON of the record). */
export function chainHash(prevHash: string, record: unknown): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(record)).digest('hex');
}
