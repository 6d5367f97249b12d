import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { DomainEvent, ReturnCase } from '../domain/case.ts';
import { evolve } from '../domain/evolve.ts';
import { canonicalJson } from './canonical-json.ts';
import { firstBrokenLink, GENESIS_HASH } from './chain.ts';
import {
  BUNDLE_FORMAT,
  type CaseBundle,
  type ChainedRecord,
  type Jwks,
  type SigningJwk,
} from './format.ts';

// The offline verifier: no server, no database, no clock, no Node-only module, so the CLI and the
// browser page run the same code. Every check runs; the report's first failure is the first break.

export type CheckName =
  | 'format'
  | 'events'
  | 'messages'
  | 'attachments'
  | 'policies'
  | 'case'
  | 'replay'
  | 'key'
  | 'signature';

/** What a check found: a code and its values (the UI words them in each language). */
export interface Finding {
  code: FindingCode;
  params: Record<string, string | number>;
}

export interface BundleCheck extends Finding {
  check: CheckName;
  ok: boolean;
  /** What was checked, or where it breaks, in English. */
  detail: string;
}

export interface BundleReport {
  /** Every check holds. */
  ok: boolean;
  /** ...and the signature is by a key of the JWKS given (not merely the bundle's own). */
  authenticated: boolean;
  case_id: string | null;
  checks: BundleCheck[];
  /** The first check that failed. */
  first_break: BundleCheck | null;
  /** Where the public key came from: a JWKS the verifier was given, or the bundle itself. */
  key_source: 'jwks' | 'bundle' | null;
}

type Params = Record<string, string | number>;

/** Every finding, in English (the CLI's words; the UI has them in English and Chinese). */
export const FINDINGS = {
  not_a_bundle: (p: Params) => `not a Sendback case bundle: ${p.problems}`,
  format_ok: (p: Params) => `${p.format}`,
  sequence_gap: (p: Params) =>
    `${p.what} #${p.missing} is missing: the sequence jumps from ${p.after} to ${p.seq}`,
  link_broken: (p: Params) =>
    `${p.what} #${p.seq} (${p.id}): prev_hash does not match the ${p.what} before it`,
  content_changed: (p: Params) =>
    `${p.what} #${p.seq} (${p.id}): its content does not match its hash (it was changed)`,
  head_mismatch: (p: Params) =>
    `the ${p.what}s end at #${p.count}, the signed manifest at #${p.signed}: ${p.what}s were removed, added or rewritten`,
  chain_ok: (p: Params) => `${p.count} ${p.what}s, every hash link holds`,
  attachment_count: (p: Params) =>
    `the bundle holds ${p.count} attachments, the signed manifest ${p.signed}`,
  attachment_not_base64: (p: Params) => `attachment ${p.id}: its content is not base64`,
  attachment_changed: (p: Params) =>
    `attachment ${p.id} (${p.name}): its bytes do not match its SHA-256 (it was changed)`,
  attachment_not_signed: (p: Params) =>
    `attachment ${p.id} (${p.name}) is not the one the manifest signed`,
  attachment_missing: (p: Params) =>
    `attachment ${p.id} is referenced by the record but not in the bundle`,
  attachments_ok: (p: Params) => `${p.count} attachments, every byte matches`,
  policy_count: (p: Params) =>
    `the bundle holds ${p.count} policy versions, the signed manifest ${p.signed}`,
  policy_changed: (p: Params) =>
    `policy version ${p.version} is not the one the manifest signed (it was changed)`,
  policy_missing: (p: Params) =>
    `event #${p.seq} was decided under policy version ${p.version}, which the bundle does not hold`,
  policies_ok: (p: Params) => `policy versions ${p.versions}`,
  manifest_other_case: (p: Params) => `the manifest is for ${p.signed}, the bundle for ${p.id}`,
  case_changed: () => 'the case summary is not the one the manifest signed',
  order_changed: () => 'the order is not the one the manifest signed',
  event_other_case: (p: Params) => `event #${p.seq} belongs to ${p.other}, not this case`,
  case_ok: (p: Params) => `case ${p.id}, order ${p.order}`,
  replay_failed: (p: Params) =>
    `event #${p.seq} (${p.type}) cannot follow the events before it: ${p.error}`,
  no_events: () => 'the bundle has no events',
  replay_differs: (p: Params) =>
    `the events replay to ${p.state} v${p.version}, the case says ${p.stated} v${p.stated_version}`,
  replay_field_differs: (p: Params) =>
    `the events give another ${p.field} than the case states (the stated case was changed)`,
  unreadable: (p: Params) => `the bundle cannot be checked: ${p.error}`,
  replay_ok: (p: Params) => `the events replay to ${p.state} v${p.version}`,
  key_unknown: (p: Params) => `key ${p.kid} is not in the JWKS given`,
  key_not_ed25519: (p: Params) => `key ${p.kid} is not an Ed25519 public key`,
  key_not_valid_then: (p: Params) =>
    `the bundle says it was issued ${p.issued_at}, outside key ${p.kid}'s validity (${p.from} to ${p.until})`,
  key_ok_jwks: (p: Params) => `key ${p.kid} (from the JWKS given)`,
  key_ok_bundle: (p: Params) => `key ${p.kid} (carried by the bundle)`,
  signature_mismatch: (p: Params) => `the signature does not match the manifest under key ${p.kid}`,
  signature_malformed: () => 'the signature is not a valid Ed25519 signature',
  signature_unchecked: () => 'not checked: no usable key',
  signature_ok: () => 'Ed25519 signature over the manifest is valid',
} satisfies Record<string, (p: Params) => string>;

export type FindingCode = keyof typeof FINDINGS;

const found = (code: FindingCode, params: Params = {}): Finding => ({ code, params });

export const sha256Hex = (bytes: Uint8Array): string => bytesToHex(sha256(bytes));
const jsonSha256 = (value: unknown) => sha256Hex(utf8ToBytes(canonicalJson(value)));

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const base64UrlToBytes = (text: string) =>
  base64ToBytes(
    text
      .replaceAll('-', '+')
      .replaceAll('_', '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '='),
  );

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is missing from a value that should be a bundle (the first few), or none. */
function shapeProblems(b: unknown): string[] {
  if (!isObject(b)) return ['the file is not a JSON object'];
  if (b.format !== BUNDLE_FORMAT) return [`format is not ${BUNDLE_FORMAT}`];
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const str = (v: unknown) => typeof v === 'string';
  const int = (v: unknown) => Number.isSafeInteger(v);
  const list = (key: string, item: (v: Record<string, unknown>) => boolean) => {
    const value = b[key];
    if (!Array.isArray(value)) return problems.push(`${key} is not a list`);
    const bad = value.findIndex((v) => !isObject(v) || !item(v));
    if (bad >= 0) problems.push(`${key} entry ${bad + 1} is malformed`);
  };
  for (const key of ['case', 'order', 'manifest', 'signature']) {
    need(isObject(b[key]), `${key} is missing`);
  }
  list(
    'events',
    (e) =>
      str(e.id) &&
      int(e.seq) &&
      str(e.case_id) &&
      str(e.type) &&
      isObject(e.actor) &&
      str(e.actor.role) &&
      str(e.actor.id) &&
      str(e.at) &&
      isObject(e.payload) &&
      str(e.prev_hash) &&
      str(e.hash),
  );
  list('messages', (m) => str(m.id) && int(m.seq) && str(m.prev_hash) && str(m.hash));
  list(
    'attachments',
    (a) =>
      str(a.id) &&
      str(a.sha256) &&
      str(a.content_base64) &&
      int(a.size_bytes) &&
      str(a.file_name) &&
      str(a.mime_type) &&
      str(a.kind),
  );
  list('policies', (p) => int(p.version) && isObject(p.policy) && str(p.created_at));
  if (problems.length) return problems;
  const c = b.case as Record<string, unknown>;
  need(str(c.id) && str(c.status) && int(c.version), 'case is incomplete');
  need(str((b.order as Record<string, unknown>).id), 'order is incomplete');
  const m = b.manifest as Record<string, unknown>;
  const chain = (v: unknown) => isObject(v) && int(v.count) && str(v.head);
  const entries = (v: unknown) => Array.isArray(v) && v.every(isObject);
  need(
    str(m.case_id) &&
      str(m.issued_at) &&
      !Number.isNaN(Date.parse(m.issued_at as string)) &&
      str(m.case_sha256) &&
      str(m.order_sha256) &&
      chain(m.events) &&
      chain(m.messages) &&
      entries(m.attachments) &&
      entries(m.policies),
    'manifest is incomplete',
  );
  const s = b.signature as Record<string, unknown>;
  need(s.alg === 'EdDSA' && str(s.kid) && str(s.value), 'signature is incomplete');
  return problems;
}

/** Recomputes a chain (chain.ts): each link's hash is SHA-256(previous hash || canonical JSON of the record). */
function checkChain(rows: ChainedRecord[], what: 'event' | 'message'): Finding | null {
  const broken = firstBrokenLink(rows, {
    prevHash: (row) => row.prev_hash,
    record: ({ prev_hash: _p, hash: _h, ...record }) => record,
    hash: (prev, record) => sha256Hex(utf8ToBytes(prev + canonicalJson(record))),
  });
  if (!broken) return null;
  const { row } = broken;
  if (broken.kind === 'sequence') {
    const missing = broken.expected;
    return found('sequence_gap', { what, missing, after: missing - 1, seq: row.seq });
  }
  const at = { what, seq: row.seq, id: row.id };
  return found(broken.kind === 'link' ? 'link_broken' : 'content_changed', at);
}

function checkHead(
  rows: ChainedRecord[],
  signed: { count: number; head: string },
  what: 'event' | 'message',
): Finding | null {
  const head = rows.at(-1)?.hash ?? GENESIS_HASH;
  if (rows.length !== signed.count || head !== signed.head) {
    return found('head_mismatch', { what, count: rows.length, signed: signed.count });
  }
  return null;
}

const idsIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];

/** The ids of `items`, or null when one repeats. */
function uniqueIds<T>(items: T[], id: (item: T) => string | number): Set<string | number> | null {
  const ids = new Set(items.map(id));
  return ids.size === items.length ? ids : null;
}

function checkAttachments(b: CaseBundle): Finding | null {
  const signed = new Map(b.manifest.attachments.map((a) => [a.id, a]));
  const held = uniqueIds(b.attachments, (a) => a.id);
  if (!held || signed.size !== b.manifest.attachments.length || signed.size !== held.size) {
    return found('attachment_count', { count: b.attachments.length, signed: signed.size });
  }
  for (const a of b.attachments) {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(a.content_base64);
    } catch {
      return found('attachment_not_base64', { id: a.id });
    }
    const actual = sha256Hex(bytes);
    if (actual !== a.sha256 || bytes.length !== a.size_bytes) {
      return found('attachment_changed', { id: a.id, name: a.file_name });
    }
    const s = signed.get(a.id);
    const { content_base64: _bytes, ...described } = a;
    if (!s || canonicalJson(s) !== canonicalJson(described)) {
      return found('attachment_not_signed', { id: a.id, name: a.file_name });
    }
  }
  const referenced = [
    ...b.events.flatMap((e) => idsIn(e.payload.attachment_ids)),
    ...b.messages.flatMap((m) => idsIn(m.attachment_ids)),
  ];
  const missing = referenced.find((id) => !held.has(id));
  return missing ? found('attachment_missing', { id: missing }) : null;
}

function checkPolicies(b: CaseBundle): Finding | null {
  const signed = new Map(b.manifest.policies.map((p) => [p.version, p.sha256]));
  const held = uniqueIds(b.policies, (p) => p.version);
  if (!held || signed.size !== b.manifest.policies.length || signed.size !== held.size) {
    return found('policy_count', { count: b.policies.length, signed: signed.size });
  }
  for (const p of b.policies) {
    if (signed.get(p.version) !== jsonSha256(p)) {
      return found('policy_changed', { version: p.version });
    }
  }
  for (const e of b.events) {
    const v = e.payload.policy_version;
    if (typeof v === 'number' && !held.has(v)) {
      return found('policy_missing', { seq: e.seq, version: v });
    }
  }
  return null;
}

function checkCase(b: CaseBundle): Finding | null {
  if (b.manifest.case_id !== b.case.id) {
    return found('manifest_other_case', { signed: b.manifest.case_id, id: b.case.id });
  }
  if (jsonSha256(b.case) !== b.manifest.case_sha256) return found('case_changed');
  if (jsonSha256(b.order) !== b.manifest.order_sha256) return found('order_changed');
  const other = b.events.find((e) => e.case_id !== b.case.id);
  if (other) return found('event_other_case', { seq: other.seq, other: other.case_id });
  return null;
}

/** Folds the events through the domain's own evolve: the case must come out as stated. */
function checkReplay(b: CaseBundle): Finding | null {
  let c: ReturnCase | null = null;
  for (const e of b.events) {
    const event: DomainEvent = {
      type: e.type as DomainEvent['type'],
      actor: e.actor as DomainEvent['actor'],
      at: new Date(e.at),
      payload: e.payload,
    };
    try {
      c = evolve(c, event);
    } catch (err) {
      return found('replay_failed', { seq: e.seq, type: e.type, error: (err as Error).message });
    }
  }
  if (!c) return found('no_events');
  if (c.state !== b.case.status || c.version !== b.case.version) {
    return found('replay_differs', {
      state: c.state,
      version: c.version,
      stated: b.case.status,
      stated_version: b.case.version,
    });
  }
  // Every other field too (amounts, outcome, deadline, parcel...): the case is what its events say.
  const replayed = JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
  for (const [field, value] of Object.entries(replayed)) {
    if (field === 'state') continue;
    if (canonicalJson(value) !== canonicalJson(b.case[field])) {
      return found('replay_field_differs', { field });
    }
  }
  return null;
}

/** The key that signed, from the JWKS given (else the bundle's own), valid when the bundle was issued. */
function pickKey(
  b: CaseBundle,
  jwks: Jwks | null,
): { key: SigningJwk | null; source: 'jwks' | 'bundle'; problem: Finding | null } {
  const kid = b.signature.kid;
  const source = jwks ? 'jwks' : 'bundle';
  const keys: unknown[] = jwks ? (Array.isArray(jwks.keys) ? jwks.keys : []) : [b.signature.jwk];
  const key = (keys.find((k) => isObject(k) && k.kid === kid) ?? null) as SigningJwk | null;
  if (!key) return { key, source, problem: found('key_unknown', { kid }) };
  if (
    key.kty !== 'OKP' ||
    key.crv !== 'Ed25519' ||
    typeof key.x !== 'string' ||
    typeof key.valid_from !== 'string' ||
    (key.valid_until !== null && typeof key.valid_until !== 'string')
  ) {
    return { key: null, source, problem: found('key_not_ed25519', { kid }) };
  }
  const issued = Date.parse(b.manifest.issued_at);
  const from = Date.parse(key.valid_from);
  const until = key.valid_until ? Date.parse(key.valid_until) : Number.POSITIVE_INFINITY;
  if (!(issued >= from && issued < until)) {
    const validity = { from: key.valid_from, until: key.valid_until ?? 'now' };
    return {
      key,
      source,
      problem: found('key_not_valid_then', { issued_at: b.manifest.issued_at, kid, ...validity }),
    };
  }
  return { key, source, problem: null };
}

function checkSignature(b: CaseBundle, key: SigningJwk): Finding | null {
  try {
    const ok = ed25519.verify(
      base64UrlToBytes(b.signature.value),
      utf8ToBytes(canonicalJson(b.manifest)),
      base64UrlToBytes(key.x),
    );
    return ok ? null : found('signature_mismatch', { kid: key.kid });
  } catch {
    return found('signature_malformed');
  }
}

function checkBundle(input: unknown, jwks: Jwks | null): BundleReport {
  const checks: BundleCheck[] = [];
  const add = (check: CheckName, problem: Finding | null, ok: Finding) => {
    const f = problem ?? ok;
    checks.push({ check, ok: problem === null, ...f, detail: FINDINGS[f.code](f.params) });
  };
  const shape = shapeProblems(input);
  if (shape.length) {
    add('format', found('not_a_bundle', { problems: shape.join('; ') }), found('format_ok'));
    return {
      ok: false,
      authenticated: false,
      case_id: null,
      checks,
      first_break: checks[0]!,
      key_source: null,
    };
  }
  const b = input as CaseBundle;
  add('format', null, found('format_ok', { format: BUNDLE_FORMAT }));
  add(
    'events',
    checkChain(b.events, 'event') ?? checkHead(b.events, b.manifest.events, 'event'),
    found('chain_ok', { what: 'event', count: b.events.length }),
  );
  add(
    'messages',
    checkChain(b.messages, 'message') ?? checkHead(b.messages, b.manifest.messages, 'message'),
    found('chain_ok', { what: 'message', count: b.messages.length }),
  );
  add('attachments', checkAttachments(b), found('attachments_ok', { count: b.attachments.length }));
  add(
    'policies',
    checkPolicies(b),
    found('policies_ok', { versions: b.policies.map((p) => p.version).join(', ') }),
  );
  add('case', checkCase(b), found('case_ok', { id: b.case.id, order: b.order.id }));
  add(
    'replay',
    checkReplay(b),
    found('replay_ok', { state: b.case.status, version: b.case.version }),
  );
  const picked = pickKey(b, jwks);
  const kid = b.signature.kid;
  add(
    'key',
    picked.problem,
    found(picked.source === 'jwks' ? 'key_ok_jwks' : 'key_ok_bundle', { kid }),
  );
  add(
    'signature',
    picked.key && !picked.problem ? checkSignature(b, picked.key) : found('signature_unchecked'),
    found('signature_ok'),
  );
  const firstBreak = checks.find((c) => !c.ok) ?? null;
  return {
    ok: firstBreak === null,
    authenticated: firstBreak === null && picked.source === 'jwks',
    case_id: b.case.id,
    checks,
    first_break: firstBreak,
    key_source: picked.source,
  };
}

/**
 * Verifies a case bundle: every hash link of its events and messages, every attachment's bytes,
 * the policy versions, the case and order, a replay of the events into the stated case, and the
 * platform's Ed25519 signature over the manifest of all of it. `jwks`: the platform's published
 * keys; without it the key the bundle carries is used, which shows the file is consistent but not
 * who made it (`authenticated` stays false). Never throws: whatever the input, a report.
 */
export function verifyBundle(input: unknown, jwks: Jwks | null = null): BundleReport {
  try {
    return checkBundle(input, jwks);
  } catch (err) {
    const f = found('unreadable', { error: err instanceof Error ? err.message : 'unknown error' });
    const check: BundleCheck = {
      check: 'format',
      ok: false,
      ...f,
      detail: FINDINGS.unreadable(f.params),
    };
    return {
      ok: false,
      authenticated: false,
      case_id: null,
      checks: [check],
      first_break: check,
      key_source: null,
    };
  }
}
