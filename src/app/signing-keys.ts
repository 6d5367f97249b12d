import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import type { Jwks, SigningJwk } from '../bundle/format.ts';
import type { Db } from '../db/database.ts';
import {
  addFirstSigningKey,
  allSigningKeys,
  currentSigningKey,
  rotateSigningKey,
  type SigningKeyRow,
} from '../db/signing-keys.ts';
import { newId } from './ids.ts';

function newKey(now: Date): SigningKeyRow {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    kid: newId('sig', now),
    publicKey: jwk.x!,
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    createdAt: now,
    retiredAt: null,
  };
}

/** The key's public half as published, with its validity. */
export function publicJwk(row: SigningKeyRow): SigningJwk {
  return {
    kty: 'OKP',
    crv: 'Ed25519',
    x: row.publicKey,
    kid: row.kid,
    use: 'sig',
    alg: 'EdDSA',
    valid_from: row.createdAt.toISOString(),
    valid_until: row.retiredAt?.toISOString() ?? null,
  };
}

/** The key that signs now: made on first use (of two nodes doing so at once, one key is kept). */
export async function currentKey(db: Db, now: Date): Promise<SigningKeyRow> {
  return (await currentSigningKey(db)) ?? addFirstSigningKey(db, newKey(now));
}

/**
 * Makes a new current key; the old one stops signing now but stays published, so the bundles it
 * signed still verify.
 */
export async function rotateKey(
  db: Db,
  now: Date,
): Promise<{ current: SigningJwk; retired: SigningJwk | null }> {
  const row = newKey(now);
  const retired = await rotateSigningKey(db, row);
  return { current: publicJwk(row), retired: retired ? publicJwk(retired) : null };
}

/** GET /.well-known/jwks.json: every key that ever signed, current last. */
export async function publishedKeys(db: Db): Promise<Jwks> {
  return { keys: (await allSigningKeys(db)).map(publicJwk) };
}

/** Ed25519 signature of `message` (UTF-8), base64url. */
export function signWith(row: SigningKeyRow, message: string): string {
  if (!row.privateKey) throw new Error(`signing key ${row.kid} is retired`);
  const key = createPrivateKey({
    key: Buffer.from(row.privateKey, 'base64url'),
    format: 'der',
    type: 'pkcs8',
  });
  return sign(null, Buffer.from(message, 'utf8'), key).toString('base64url');
}
