import { hash } from 'node:crypto';
import { canonicalJson } from '../bundle/canonical-json.ts';
import { GENESIS_HASH } from '../bundle/chain.ts';

export { canonicalJson, GENESIS_HASH };

/**
 * hash = SHA-256(previous hash || canonical JSON of the record), in one call (node's one-shot
 * `hash`, without a Hash object to make and feed).
 */
export function chainHash(prevHash: string, record: unknown): string {
  return hash('sha256', prevHash + canonicalJson(record), 'hex');
}
