import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentKey, publishedKeys, rotateKey } from '../../src/app/signing-keys.ts';
import type { CaseBundle, Jwks } from '../../src/bundle/format.ts';
import { verifyBundle } from '../../src/bundle/verify-bundle.ts';
import { queryRows } from '../../src/db/database.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES, freshDatabase } from '../support/db.ts';
import {
  createOrder,
  createShop,
  createUser,
  type Shop,
  uploadEvidence,
} from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const copy = <T>(v: T): T => structuredClone(v);

describe.each(ENGINES)('signed case bundles [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let shop: Shop;
  let caseId: string;
  let bundle: CaseBundle;
  let jwks: Jwks;
  const dir = mkdtempSync(join(tmpdir(), 'sendback-bundles-'));

  beforeAll(async () => {
    t = await startTestApp(engine);
    api = client(t.app);
    shop = await createShop(t.app);
    // A case with evidence, a message with a photo, and a policy change half way: two versions.
    const order = await createOrder(t.app, shop);
    const photo = await uploadEvidence(t.app, shop.buyer);
    const filed = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'The box was crushed.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      attachment_ids: [photo],
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    caseId = filed.body.id;
    const reply = await api.post(`/v1/orders/${order.id}/messages`, shop.staff, {
      body: 'Sorry about that: send it back and we refund you.',
      attachment_ids: [await uploadEvidence(t.app, shop.staff)],
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const policy = await api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, {
      window_days: 14,
    });
    expect(policy.body.version).toBe(2);
    const run = async (command: string, who: { token: string }, body: object = {}) => {
      const res = await api.post(`/v1/returns/${caseId}/${command}`, who, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await run('approve', shop.staff);
    await run('ship', shop.buyer, { carrier: 'UPS', tracking_number: upsTracking(caseId) });
    await run('mark_received', shop.staff);
    const res = await api.get(`/v1/returns/${caseId}/bundle`, shop.buyer);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${caseId}.bundle.json"`);
    bundle = res.body;
    const keys = await api.get('/.well-known/jwks.json');
    expect(keys.headers['access-control-allow-origin']).toBe('*');
    jwks = keys.body;
  });
  afterAll(() => t.close());

  it('holds the whole record: events, the thread, the evidence bytes, both policy versions, the order', () => {
    expect(bundle.format).toBe('sendback.case-bundle/1');
    expect(bundle.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(
      bundle.messages.some(
        (m) => m['body'] === 'Sorry about that: send it back and we refund you.',
      ),
    ).toBe(true);
    expect(bundle.attachments).toHaveLength(2);
    for (const a of bundle.attachments) {
      expect(Buffer.from(a.content_base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    }
    expect(bundle.policies.map((p) => p.version)).toEqual([1, 2]);
    expect(bundle.policies[1]!.policy).toMatchObject({ window_days: 14 });
    expect(bundle.order.id).toBe(bundle.case['order_id']);
    expect(bundle.signature).toMatchObject({ alg: 'EdDSA', kid: jwks.keys[0]!.kid });
  });

  it('verifies offline against the published keys, and against the key it carries', () => {
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
      valid_until: null,
    });
    expect(JSON.stringify(jwks)).not.toMatch(/"d"|private/);
    const report = verifyBundle(bundle, jwks);
    expect(report.first_break).toBeNull();
    expect(report).toMatchObject({ ok: true, case_id: caseId, key_source: 'jwks' });
    expect(report.checks.map((c) => c.check)).toEqual([
      'format',
      'events',
      'messages',
      'attachments',
      'policies',
      'case',
      'replay',
      'key',
      'signature',
    ]);
    expect(report.authenticated).toBe(true);
    // With the key the bundle carries the file is consistent, but that shows nothing of who made it.
    expect(verifyBundle(bundle)).toMatchObject({
      ok: true,
      authenticated: false,
      key_source: 'bundle',
    });
  });

  it('is given to the parties and agents only', async () => {
    const stranger = await createUser(t.app, 'buyer');
    expect((await api.get(`/v1/returns/${caseId}/bundle`, stranger)).status).toBe(404);
    expect((await api.get(`/v1/returns/${caseId}/bundle`)).status).toBe(401);
    const other = await createShop(t.app);
    expect((await api.get(`/v1/returns/${caseId}/bundle`, other.staff)).status).toBe(404);
    expect((await api.get(`/v1/returns/${caseId}/bundle`, shop.staff)).status).toBe(200);
    expect((await api.get(`/v1/returns/${caseId}/bundle`, shop.agent)).status).toBe(200);
  });

  const breaks = (tampered: unknown) => {
    const report = verifyBundle(tampered, jwks);
    expect(report.ok).toBe(false);
    return report.first_break!;
  };

  it('names each kind of tampering', () => {
    const event = copy(bundle);
    (event.events[1]!.payload as Json).note = 'approved with pleasure';
    expect(breaks(event)).toMatchObject({
      check: 'events',
      detail: expect.stringContaining(`event #2 (${bundle.events[1]!.id})`),
    });

    const message = copy(bundle);
    const said = message.messages.findIndex(
      (m) => m['author'] && (m['author'] as Json).role === 'seller',
    );
    message.messages[said]!['body'] = 'We refuse.';
    expect(breaks(message)).toMatchObject({
      check: 'messages',
      detail: expect.stringContaining('its content does not match its hash'),
    });

    const attachment = copy(bundle);
    const bytes = Buffer.from(attachment.attachments[0]!.content_base64, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) % 256;
    attachment.attachments[0]!.content_base64 = bytes.toString('base64');
    expect(breaks(attachment)).toMatchObject({
      check: 'attachments',
      detail: expect.stringContaining(bundle.attachments[0]!.id),
    });

    const policy = copy(bundle);
    (policy.policies[0]!.policy as Json).window_days = 90;
    expect(breaks(policy)).toMatchObject({
      check: 'policies',
      detail: 'policy version 1 is not the one the manifest signed (it was changed)',
    });

    const signature = copy(bundle);
    const sig = Buffer.from(signature.signature.value, 'base64url');
    sig[0] = sig[0]! ^ 1;
    signature.signature.value = sig.toString('base64url');
    expect(breaks(signature)).toMatchObject({ check: 'signature' });

    const removed = copy(bundle);
    removed.events.splice(1, 1);
    expect(breaks(removed)).toMatchObject({
      check: 'events',
      detail: 'event #2 is missing: the sequence jumps from 1 to 3',
    });

    const cut = copy(bundle);
    cut.events.pop();
    expect(breaks(cut)).toMatchObject({
      check: 'events',
      detail: expect.stringContaining('events were removed'),
    });

    const stated = copy(bundle);
    stated.case['status'] = 'refunded';
    expect(breaks(stated)).toMatchObject({ check: 'case' });

    const renamed = copy(bundle);
    renamed.attachments[0]!.file_name = 'receipt.png';
    expect(breaks(renamed)).toMatchObject({ check: 'attachments', code: 'attachment_not_signed' });

    const doubled = copy(bundle);
    doubled.attachments[1] = copy(doubled.attachments[0]!);
    expect(breaks(doubled)).toMatchObject({ check: 'attachments', code: 'attachment_count' });

    const dated = copy(bundle);
    dated.policies[1]!.created_at = '2020-01-01T00:00:00.000Z';
    expect(breaks(dated)).toMatchObject({ check: 'policies', code: 'policy_changed' });

    // JSON.parse keeps "__proto__" as a key: it must count in the hash like any other.
    const smuggled = JSON.parse(
      JSON.stringify(bundle).replace('"payload":{', '"payload":{"__proto__":{"refund":"all"},'),
    );
    expect(breaks(smuggled)).toMatchObject({ check: 'events', code: 'content_changed' });

    expect(breaks({ hello: 'world' })).toMatchObject({ check: 'format' });
  });

  it('never throws on a malformed file: it says what is wrong', () => {
    const nested: Json = {};
    let at = nested;
    for (let i = 0; i < 20_000; i++) at = at.x = {};
    const cases: unknown[] = [
      null,
      'text',
      [],
      { ...copy(bundle), attachments: [null] },
      { ...copy(bundle), policies: [{ version: 1 }] },
      { ...copy(bundle), manifest: { ...bundle.manifest, attachments: [null] } },
      { ...copy(bundle), case: { ...bundle.case, status: { toString: null } } },
      { ...copy(bundle), events: [{ ...bundle.events[0], seq: { toString: null } }] },
      { ...copy(bundle), signature: { ...bundle.signature, alg: 'none' } },
    ];
    for (const input of cases) {
      const report = verifyBundle(input, jwks);
      expect(report.ok).toBe(false);
      expect(report.first_break!.check).toBe('format');
    }
    // A policy nested 20,000 deep is hashed like any other: it is not the one signed.
    const deep = { ...copy(bundle), policies: [{ ...bundle.policies[0]!, policy: nested }] };
    expect(verifyBundle(deep, jwks)).toMatchObject({
      ok: false,
      first_break: { check: 'policies' },
    });
    expect(verifyBundle(bundle, { keys: [null as never] })).toMatchObject({
      ok: false,
      first_break: { check: 'key' },
    });
  });

  it('a bundle re-signed with another key is refused against the published keys', () => {
    const forged = copy(bundle);
    // The forger swaps in a key of their own: the bundle alone cannot tell, the JWKS can.
    forged.signature.kid = 'sig_forged';
    forged.signature.jwk = { ...forged.signature.jwk, kid: 'sig_forged' };
    expect(breaks(forged)).toMatchObject({
      check: 'key',
      detail: 'key sig_forged is not in the JWKS given',
    });
  });

  it('after a key rotation old bundles still verify, new ones are signed with the new key', async () => {
    t.clock.set({ frozen: true, now: new Date(t.clock.now().getTime() + 60_000) });
    const { current, retired } = await rotateKey(t.database.db, t.clock.now());
    expect(retired).toMatchObject({
      kid: bundle.signature.kid,
      valid_until: t.clock.now().toISOString(),
    });
    const rotated: Jwks = (await api.get('/.well-known/jwks.json')).body;
    // The retired key's private half is gone: not even the database can sign with it now.
    const rows = await queryRows<{ private_key: string | null }>(
      t.database.db,
      sql`select private_key from signing_keys order by created_at`,
    );
    expect(rows.map((r) => r.private_key === null)).toEqual([true, false]);
    expect(rotated.keys.map((k) => k.kid)).toEqual([bundle.signature.kid, current.kid]);
    expect(verifyBundle(bundle, rotated)).toMatchObject({ ok: true });
    t.clock.set({ frozen: true, now: new Date(t.clock.now().getTime() + 60_000) });
    const fresh: CaseBundle = (await api.get(`/v1/returns/${caseId}/bundle`, shop.agent)).body;
    expect(fresh.signature.kid).toBe(current.kid);
    expect(verifyBundle(fresh, rotated)).toMatchObject({ ok: true });
    // The old key cannot sign later bundles: one claiming a date after its retirement fails.
    expect(
      verifyBundle(fresh, { keys: [{ ...rotated.keys[1]!, valid_until: retired!.valid_until }] }),
    ).toMatchObject({
      ok: false,
      first_break: { check: 'key' },
    });
  });

  it('two nodes making the first key at once keep one', async () => {
    const db = await freshDatabase(engine);
    try {
      const now = new Date('2026-03-02T09:00:00Z');
      const made = await Promise.all(Array.from({ length: 6 }, () => currentKey(db.db, now)));
      expect(new Set(made.map((k) => k.kid)).size).toBe(1);
      expect((await publishedKeys(db.db)).keys).toHaveLength(1);
      // Two rotations at once: each retires the key before it, one stays current.
      await Promise.all([rotateKey(db.db, now), rotateKey(db.db, now)]);
      const keys = (await publishedKeys(db.db)).keys;
      expect(keys).toHaveLength(3);
      expect(keys.filter((k) => k.valid_until === null)).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('`sendback verify-bundle` checks a file with no server and no database, exit 1 naming the break', () => {
    const file = join(dir, 'case.bundle.json');
    const keys = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify(bundle));
    writeFileSync(keys, JSON.stringify(jwks));
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: dir,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/sendback.js', 'verify-bundle', ...args], {
        env,
        encoding: 'utf8',
      });
    const good = cli(file, '--jwks', keys);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    expect(good.stdout).toContain(`The bundle of ${caseId} verifies.`);

    const tampered = copy(bundle);
    (tampered.events[2]!.payload as Json).carrier = 'DHL';
    writeFileSync(file, JSON.stringify(tampered));
    const bad = cli(file, '--jwks', keys);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`The bundle does not verify: event #3 (${bundle.events[2]!.id})`);

    writeFileSync(file, JSON.stringify(bundle));
    const unchecked = cli(file);
    expect(unchecked.status).toBe(3);
    expect(unchecked.stdout).toContain('checked with the key it carries');

    expect(cli(join(dir, 'missing.json')).status).toBe(2);
  });
});
