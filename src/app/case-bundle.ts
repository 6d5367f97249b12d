import { createHash } from 'node:crypto';
import type { BlobStorage } from '../adapters/storage.ts';
import { canonicalJson } from '../bundle/canonical-json.ts';
import {
  BUNDLE_FORMAT,
  type BundleEvent,
  type BundleManifest,
  type BundleMessage,
  type CaseBundle,
} from '../bundle/format.ts';
import type { Db } from '../db/database.ts';
import { policyVersionsNamed } from '../db/users.ts';
import { caseRecordRows, chainedEvent, orderOfRecord } from './case-record.ts';
import { summarizeCase, toJson } from './case-view.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { GENESIS_HASH } from './record-hash.ts';
import { currentKey, publicJwk, signWith } from './signing-keys.ts';
import { messageRecord } from './threads.ts';

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const jsonSha256 = (value: unknown) => sha256Hex(canonicalJson(value));

/**
 * GET /v1/returns/{id}/bundle: the case's whole record in one file anyone can verify offline: the
 * events and the order's thread with their hashes, the evidence's bytes, the policy versions the
 * case was decided under, the order lines, and the platform's Ed25519 signature over a manifest
 * of all of it. Who may read the case may take its bundle.
 */
export async function caseBundle(
  db: Db,
  storage: BlobStorage,
  principal: Principal,
  caseId: string,
  now: Date,
): Promise<CaseBundle> {
  const { c, order, events, messages, files } = await caseRecordRows(db, principal, caseId);
  const bundleEvents = events.map((row) => chainedEvent(row) as BundleEvent);
  const bundleMessages = messages.map(
    (row) =>
      ({ ...toJson(messageRecord(row)), prev_hash: row.prevHash, hash: row.hash }) as BundleMessage,
  );
  const attachments = await Promise.all(
    files.map(async (f) => {
      const bytes = await storage.get(f.sha256);
      // The row is written only after its blob is stored: a missing blob is an operations fault.
      if (!bytes) throw new AppError('internal_error', `The stored content of ${f.id} is missing.`);
      return {
        id: f.id,
        kind: f.kind,
        mime_type: f.mimeType,
        file_name: f.fileName,
        size_bytes: f.sizeBytes,
        sha256: f.sha256,
        content_base64: bytes.toString('base64'),
      };
    }),
  );
  const versions = new Set<number>(c.policy_version ? [c.policy_version] : []);
  for (const e of events) {
    const v = (e.payload as { policy_version?: unknown }).policy_version;
    if (typeof v === 'number') versions.add(v);
  }
  const policies = (await policyVersionsNamed(db, c.seller_id, [...versions])).map((p) => ({
    version: p.version,
    policy: toJson(p.policy) as Record<string, unknown>,
    created_at: p.createdAt.toISOString(),
  }));
  const summary = summarizeCase(c) as unknown as CaseBundle['case'];
  // The key first, then the time: a key another node made with a later clock still covers it.
  const key = await currentKey(db, now);
  const issuedAt = new Date(Math.max(now.getTime(), key.createdAt.getTime()));
  const orderJson = orderOfRecord(order) as CaseBundle['order'];
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    case_id: c.id,
    issued_at: issuedAt.toISOString(),
    case_sha256: jsonSha256(summary),
    order_sha256: jsonSha256(orderJson),
    events: { count: events.length, head: events.at(-1)?.hash ?? GENESIS_HASH },
    messages: { count: messages.length, head: messages.at(-1)?.hash ?? GENESIS_HASH },
    attachments: attachments.map(({ content_base64: _bytes, ...described }) => described),
    policies: policies.map((p) => ({ version: p.version, sha256: jsonSha256(p) })),
  };
  return {
    format: BUNDLE_FORMAT,
    case: summary,
    order: orderJson,
    events: bundleEvents,
    messages: bundleMessages,
    attachments,
    policies,
    manifest,
    signature: {
      alg: 'EdDSA',
      kid: key.kid,
      value: signWith(key, canonicalJson(manifest)),
      jwk: publicJwk(key),
    },
  };
}
