import { createHash } from 'node:crypto';
import { canonicalJson } from '../bundle/canonical-json.ts';
import { GENESIS_HASH } from '../bundle/chain.ts';

export { canonicalJson, GENESIS_HASH };

/** hash = SHA-256(previous hash || canonical JSON of the record). */
export function chainHash(prevHash: string, record: unknown): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(record)).digest('hex');
}
