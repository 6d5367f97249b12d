// A case bundle: one JSON file holding everything a case was decided on, signed by the platform.
// Shared by the server (which writes it) and the verifier (Node or a browser): no I/O here.

export const BUNDLE_FORMAT = 'sendback.case-bundle/1';

/** A hash-chained record as it was hashed, with its links. */
export interface ChainedRecord {
  id: string;
  seq: number;
  prev_hash: string;
  hash: string;
  [field: string]: unknown;
}

export interface BundleEvent extends ChainedRecord {
  case_id: string;
  type: string;
  actor: { role: string; id: string };
  at: string;
  payload: Record<string, unknown>;
}

export interface BundleMessage extends ChainedRecord {
  order_id: string;
  attachment_ids: string[];
}

export interface BundleAttachment {
  id: string;
  kind: string;
  mime_type: string;
  file_name: string;
  size_bytes: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** The bytes, base64. */
  content_base64: string;
}

export interface BundlePolicy {
  version: number;
  policy: Record<string, unknown>;
  created_at: string;
}

/**
 * What the signature covers: a digest of each part of the bundle. The event and message chains are
 * covered by their last hash (each link covers the one before it).
 */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  case_id: string;
  issued_at: string;
  /** SHA-256 of the canonical JSON of `case` and of `order`. */
  case_sha256: string;
  order_sha256: string;
  events: { count: number; head: string };
  messages: { count: number; head: string };
  /** Each attachment as the bundle describes it, all but its bytes (which `sha256` covers). */
  attachments: Omit<BundleAttachment, 'content_base64'>[];
  /** SHA-256 of each policy entry's canonical JSON (version, policy, created_at). */
  policies: { version: number; sha256: string }[];
}

/** A public key as published at /.well-known/jwks.json, with its validity. */
export interface SigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The raw public key, base64url. */
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
  /** From when the key signs (ISO 8601). */
  valid_from: string;
  /** When it stopped signing, or null while it is the current key. */
  valid_until: string | null;
}

export interface Jwks {
  keys: SigningJwk[];
}

export interface CaseBundle {
  format: typeof BUNDLE_FORMAT;
  /** The case as the platform stated it when the bundle was made. */
  case: Record<string, unknown> & { id: string; status: string; version: number };
  order: Record<string, unknown> & { id: string };
  events: BundleEvent[];
  /** The order's whole message thread (its chain is per order). */
  messages: BundleMessage[];
  attachments: BundleAttachment[];
  /** Every policy version an event of the case was decided under. */
  policies: BundlePolicy[];
  manifest: BundleManifest;
  signature: {
    alg: 'EdDSA';
    kid: string;
    /** Ed25519 signature of the manifest's canonical JSON (UTF-8), base64url. */
    value: string;
    /** The signing key as the server published it: proves integrity, not origin (see --jwks). */
    jwk: SigningJwk;
  };
}
