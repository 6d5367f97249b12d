import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { DomainEvent, ReturnCase } from '../domain/case.ts';
import { evolve } from '../domain/evolve.ts';
import { canonicalJson } from './canonical-json.ts';
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

export interface BundleCheck {
  check: CheckName;
  ok: boolean;
  /** What was checked, or where it breaks. */
  detail: string;
}

export interface BundleReport {
  ok: boolean;
  case_id: string | null;
  checks: BundleCheck[];
  /** The first check that failed. */
  first_break: BundleCheck | null;
  /** Where the public key came from: a JWKS the verifier was given, or the bundle itself. */
  key_source: 'jwks' | 'bundle' | null;
}

const GENESIS_HASH = '0'.repeat(64);

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

/** What is missing from a value that should be a bundle (first few), or none. */
function shapeProblems(b: unknown): string[] {
  if (!isObject(b)) return ['the file is not a JSON object'];
  if (b.format !== BUNDLE_FORMAT) return [`format is not ${BUNDLE_FORMAT}`];
  const problems: string[] = [];
  for (const key of ['case', 'order', 'manifest', 'signature']) {
    if (!isObject(b[key])) problems.push(`${key} is missing`);
  }
  for (const key of ['events', 'messages', 'attachments', 'policies']) {
    if (!Array.isArray(b[key])) problems.push(`${key} is not a list`);
  }
  if (problems.length) return problems;
  const m = b.manifest as Record<string, unknown>;
  if (!isObject(m.events) || !isObject(m.messages) || !Array.isArray(m.attachments)) {
    problems.push('manifest is incomplete');
  }
  if (!Array.isArray(m.policies)) problems.push('manifest.policies is not a list');
  const s = b.signature as Record<string, unknown>;
  if (typeof s.value !== 'string' || typeof s.kid !== 'string')
    problems.push('signature is incomplete');
  for (const [i, e] of (b.events as unknown[]).entries()) {
    if (
      !isObject(e) ||
      typeof e.hash !== 'string' ||
      typeof e.prev_hash !== 'string' ||
      !isObject(e.payload)
    ) {
      problems.push(`event ${i + 1} is malformed`);
      break;
    }
  }
  for (const [i, m2] of (b.messages as unknown[]).entries()) {
    if (!isObject(m2) || typeof m2.hash !== 'string' || typeof m2.prev_hash !== 'string') {
      problems.push(`message ${i + 1} is malformed`);
      break;
    }
  }
  return problems;
}

/** Recomputes a chain: each link's hash is SHA-256(previous hash || canonical JSON of the record). */
function checkChain(rows: ChainedRecord[], what: 'event' | 'message'): string | null {
  let prev = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    const at = `${what} #${row.seq} (${row.id})`;
    if (row.seq !== i + 1)
      return `${what} #${i + 1} is missing: the sequence jumps from ${i} to ${row.seq}`;
    if (row.prev_hash !== prev) return `${at}: prev_hash does not match the ${what} before it`;
    const { prev_hash: _p, hash: _h, ...record } = row;
    if (sha256Hex(utf8ToBytes(prev + canonicalJson(record))) !== row.hash) {
      return `${at}: its content does not match its hash (it was changed)`;
    }
    prev = row.hash;
  }
  return null;
}

function checkHead(
  rows: ChainedRecord[],
  signed: { count: number; head: string },
  what: 'event' | 'message',
): string | null {
  const head = rows.at(-1)?.hash ?? GENESIS_HASH;
  if (rows.length !== signed.count || head !== signed.head) {
    return `the ${what}s end at #${rows.length}, the signed manifest at #${signed.count}: ${what}s were removed, added or rewritten`;
  }
  return null;
}

const idsIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];

function checkAttachments(b: CaseBundle): string | null {
  const signed = new Map(b.manifest.attachments.map((a) => [a.id, a]));
  if (signed.size !== b.attachments.length) {
    return `the bundle holds ${b.attachments.length} attachments, the signed manifest ${signed.size}`;
  }
  for (const a of b.attachments) {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(a.content_base64);
    } catch {
      return `attachment ${a.id}: its content is not base64`;
    }
    const actual = sha256Hex(bytes);
    if (actual !== a.sha256 || bytes.length !== a.size_bytes) {
      return `attachment ${a.id} (${a.file_name}): its bytes do not match its SHA-256 (it was changed)`;
    }
    const s = signed.get(a.id);
    if (!s || s.sha256 !== actual || s.size_bytes !== a.size_bytes) {
      return `attachment ${a.id} (${a.file_name}) is not the one the manifest signed`;
    }
  }
  const held = new Set(b.attachments.map((a) => a.id));
  const referenced = [
    ...b.events.flatMap((e) => idsIn(e.payload.attachment_ids)),
    ...b.messages.flatMap((m) => idsIn(m.attachment_ids)),
  ];
  const missing = referenced.find((id) => !held.has(id));
  return missing ? `attachment ${missing} is referenced by the record but not in the bundle` : null;
}

function checkPolicies(b: CaseBundle): string | null {
  const signed = new Map(b.manifest.policies.map((p) => [p.version, p.sha256]));
  if (signed.size !== b.policies.length) {
    return `the bundle holds ${b.policies.length} policy versions, the signed manifest ${signed.size}`;
  }
  for (const p of b.policies) {
    if (signed.get(p.version) !== jsonSha256(p.policy)) {
      return `policy version ${p.version} is not the one the manifest signed (it was changed)`;
    }
  }
  const held = new Set(b.policies.map((p) => p.version));
  for (const e of b.events) {
    const v = e.payload.policy_version;
    if (typeof v === 'number' && !held.has(v)) {
      return `event #${e.seq} was decided under policy version ${v}, which the bundle does not hold`;
    }
  }
  return null;
}

function checkCase(b: CaseBundle): string | null {
  if (b.manifest.case_id !== b.case.id)
    return `the manifest is for ${b.manifest.case_id}, the bundle for ${b.case.id}`;
  if (jsonSha256(b.case) !== b.manifest.case_sha256)
    return 'the case summary is not the one the manifest signed';
  if (jsonSha256(b.order) !== b.manifest.order_sha256)
    return 'the order is not the one the manifest signed';
  const other = b.events.find((e) => e.case_id !== b.case.id);
  if (other) return `event #${other.seq} belongs to ${other.case_id}, not this case`;
  return null;
}

/** Folds the events through the domain's own evolve: the case must come out as stated. */
function checkReplay(b: CaseBundle): string | null {
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
      return `event #${e.seq} (${e.type}) cannot follow the events before it: ${(err as Error).message}`;
    }
  }
  if (!c) return 'the bundle has no events';
  if (c.state !== b.case.status || c.version !== b.case.version) {
    return `the events replay to ${c.state} v${c.version}, the case says ${b.case.status} v${b.case.version}`;
  }
  return null;
}

/** The key that signed, from the JWKS given (else the bundle's own), valid when the bundle was issued. */
function pickKey(
  b: CaseBundle,
  jwks: Jwks | null,
): { key: SigningJwk | null; source: 'jwks' | 'bundle'; problem: string | null } {
  const kid = b.signature.kid;
  const source = jwks ? 'jwks' : 'bundle';
  const key = jwks ? (jwks.keys.find((k) => k.kid === kid) ?? null) : b.signature.jwk;
  if (!key) return { key, source, problem: `key ${kid} is not in the JWKS given` };
  if (key.kid !== kid || key.kty !== 'OKP' || key.crv !== 'Ed25519' || typeof key.x !== 'string') {
    return { key: null, source, problem: `key ${kid} is not an Ed25519 public key` };
  }
  const issued = Date.parse(b.manifest.issued_at);
  const from = Date.parse(key.valid_from);
  const until = key.valid_until ? Date.parse(key.valid_until) : Number.POSITIVE_INFINITY;
  if (!(issued >= from && issued < until)) {
    return {
      key,
      source,
      problem: `the bundle says it was issued ${b.manifest.issued_at}, outside key ${kid}'s validity (${key.valid_from} to ${key.valid_until ?? 'now'})`,
    };
  }
  return { key, source, problem: null };
}

function checkSignature(b: CaseBundle, key: SigningJwk): string | null {
  try {
    const ok = ed25519.verify(
      base64UrlToBytes(b.signature.value),
      utf8ToBytes(canonicalJson(b.manifest)),
      base64UrlToBytes(key.x),
    );
    return ok ? null : `the signature does not match the manifest under key ${key.kid}`;
  } catch {
    return 'the signature is not a valid Ed25519 signature';
  }
}

/**
 * Verifies a case bundle: every hash link of its events and messages, every attachment's bytes,
 * the policy versions, the case and order, a replay of the events into the stated case, and the
 * platform's Ed25519 signature over the manifest of all of it. `jwks`: the platform's published
 * keys; without it the key the bundle carries is used (integrity only, not who signed).
 */
export function verifyBundle(input: unknown, jwks: Jwks | null = null): BundleReport {
  const checks: BundleCheck[] = [];
  const add = (check: CheckName, problem: string | null, okDetail: string) =>
    checks.push({ check, ok: problem === null, detail: problem ?? okDetail });
  const shape = shapeProblems(input);
  if (shape.length) {
    add('format', `not a Sendback case bundle: ${shape.join('; ')}`, '');
    return { ok: false, case_id: null, checks, first_break: checks[0]!, key_source: null };
  }
  const b = input as CaseBundle;
  add('format', null, BUNDLE_FORMAT);
  add(
    'events',
    checkChain(b.events, 'event') ?? checkHead(b.events, b.manifest.events, 'event'),
    `${b.events.length} events, every hash link holds`,
  );
  add(
    'messages',
    checkChain(b.messages, 'message') ?? checkHead(b.messages, b.manifest.messages, 'message'),
    `${b.messages.length} messages, every hash link holds`,
  );
  add(
    'attachments',
    checkAttachments(b),
    `${b.attachments.length} attachments, every byte matches`,
  );
  add(
    'policies',
    checkPolicies(b),
    `policy versions ${b.policies.map((p) => p.version).join(', ')}`,
  );
  add('case', checkCase(b), `case ${b.case.id}, order ${b.order.id}`);
  add('replay', checkReplay(b), `the events replay to ${b.case.status} v${b.case.version}`);
  const picked = pickKey(b, jwks);
  add(
    'key',
    picked.problem,
    `key ${b.signature.kid} (${picked.source === 'jwks' ? 'from the JWKS given' : 'carried by the bundle'})`,
  );
  if (picked.key && !picked.problem) {
    add('signature', checkSignature(b, picked.key), 'Ed25519 signature over the manifest is valid');
  } else {
    add('signature', 'not checked: no usable key', '');
  }
  const firstBreak = checks.find((c) => !c.ok) ?? null;
  return {
    ok: firstBreak === null,
    case_id: b.case.id,
    checks,
    first_break: firstBreak,
    key_source: picked.source,
  };
}
