import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRecords } from '../../src/app/verify-records.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop, uploadEvidence } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe.each(ENGINES)('order threads, records and verify [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let other: Shop;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
    other = await createShop(t.app);
    api = client(t.app);
  });
  afterAll(() => t.close());

  const thread = (orderId: string, who: { token: string }) =>
    api.get(`/v1/orders/${orderId}/messages`, who);
  const me = async (who: { token: string }) => (await api.get('/v1/me', who)).body as Json;

  it('works before any return: buyer and shop talk, unread counts and read markers', async () => {
    const order = await createOrder(t.app, shop);
    const staffUnread = (await me(shop.staff)).unread_messages;
    const posted = await api.post(`/v1/orders/${order.id}/messages`, shop.buyer, {
      body: 'Hello, the mug has a hairline crack. Can I return it?',
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body).toMatchObject({ seq: 1, kind: 'message', author: { role: 'buyer' } });
    expect((await me(shop.staff)).unread_messages).toBe(staffUnread + 1);
    expect((await me(shop.buyer)).unread_messages).toBe(0);

    const reply = await api.post(`/v1/orders/${order.id}/messages`, shop.staff, {
      body: 'Sorry about that! Please file a return; we cover the postage.',
    });
    expect(reply.body.seq).toBe(2);
    expect(reply.body.prev_hash).toBe(posted.body.hash);

    const seen = await thread(order.id, shop.staff);
    expect(seen.body.data.map((m: Json) => m.seq)).toEqual([1, 2]);
    const marked = await api.post(`/v1/orders/${order.id}/messages/read`, shop.staff, { seq: 2 });
    expect(marked.body.last_read_seq).toBe(2);
    expect((await me(shop.staff)).unread_messages).toBe(staffUnread);
    // Markers never move back.
    const back = await api.post(`/v1/orders/${order.id}/messages/read`, shop.staff, { seq: 1 });
    expect(back.body.last_read_seq).toBe(2);
  });

  it('a message or a note of invisible characters alone is refused, and nothing is kept', async () => {
    const order = await createOrder(t.app, shop);
    for (const body of ['\u202e\u200b', '\u200b \u2060', ' \ufeff ']) {
      const res = await api.post(`/v1/orders/${order.id}/messages`, shop.buyer, { body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: Json) => e.path)).toEqual(['body.body']);
    }
    expect((await thread(order.id, shop.buyer)).body.data).toEqual([]);
    const request = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: '\u200b\u200b\u200b',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    expect(request.status).toBe(422);
    expect(request.body.errors.map((e: Json) => e.path)).toEqual(['body.description']);
    // Visible text of any script, an emoji alone, passes.
    for (const body of ['好', '👍', 'ok']) {
      const res = await api.post(`/v1/orders/${order.id}/messages`, shop.buyer, { body });
      expect(res.status, body).toBe(201);
    }
  });

  it('20 first messages at once on an order without a thread: one thread, one chain', async () => {
    const order = await createOrder(t.app, shop);
    const posted = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.post(`/v1/orders/${order.id}/messages`, i % 2 ? shop.staff : shop.buyer, {
          body: `message ${i}`,
        }),
      ),
    );
    expect(posted.map((p) => p.status)).toEqual(Array(20).fill(201));
    const seen = (await thread(order.id, shop.buyer)).body.data as Json[];
    expect(seen.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const [i, m] of seen.entries()) {
      if (i > 0) expect(m.prev_hash).toBe(seen[i - 1]!.hash);
    }
    expect(seen.map((m) => m.body).sort()).toEqual(posted.map((p) => p.body.body).sort());
  });

  it('requests, approvals and messages at once on one order: one thread, one chain', async () => {
    const order = await createOrder(t.app, shop);
    const say = (i: number) =>
      api.post(`/v1/orders/${order.id}/messages`, i % 2 ? shop.staff : shop.buyer, {
        body: `note ${i}`,
      });
    // The thread does not exist yet: the two requests and the messages race to make it.
    const first = await Promise.all([
      ...order.lines.map((line: Json) =>
        api.post('/v1/returns', shop.buyer, {
          order_id: order.id,
          reason: 'damaged',
          description: 'Cracked.',
          lines: [{ order_line_id: line.id, quantity: 1 }],
        }),
      ),
      ...Array.from({ length: 8 }, (_, i) => say(i)),
    ]);
    expect(
      first.map((r) => r.status),
      JSON.stringify(first.map((r) => r.body)),
    ).toEqual([201, 201, ...Array(8).fill(201)]);
    const second = await Promise.all([
      ...first.slice(0, 2).map((r) => api.post(`/v1/returns/${r.body.id}/approve`, shop.staff, {})),
      ...Array.from({ length: 8 }, (_, i) => say(i + 8)),
    ]);
    expect(second.map((r) => r.status)).toEqual([200, 200, ...Array(8).fill(201)]);
    const seen = (await thread(order.id, shop.buyer)).body.data as Json[];
    // 16 messages, two request lines and two approval lines, numbered without a gap.
    expect(seen.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const [i, m] of seen.entries()) {
      if (i > 0) expect(m.prev_hash).toBe(seen[i - 1]!.hash);
    }
    expect(seen.filter((m) => m.kind === 'system')).toHaveLength(4);
    expect((await verifyRecords(t.database.db)).problems).toEqual([]);
  });

  it('is closed to other buyers, other shops and (until a dispute) agents', async () => {
    const order = await createOrder(t.app, shop);
    await api.post(`/v1/orders/${order.id}/messages`, shop.buyer, { body: 'Hi' });
    for (const who of [other.buyer, other.staff, shop.agent]) {
      expect((await thread(order.id, who)).status).toBe(404);
      expect((await api.post(`/v1/orders/${order.id}/messages`, who, { body: 'x' })).status).toBe(
        404,
      );
    }
  });

  it('shows case events as system lines; agents join once a case is disputed', async () => {
    const order = await createOrder(t.app, shop);
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'defective',
      description: 'Does not heat.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    await api.post(`/v1/returns/${c.body.id}/reject`, shop.staff, {
      reason: 'no_defect_found',
      note: 'Works here.',
    });
    await api.post(`/v1/returns/${c.body.id}/escalate`, shop.buyer, { note: 'It does not.' });
    const lines = (await thread(order.id, shop.agent)).body.data as Json[];
    expect(lines.map((m) => m.kind)).toEqual(['system', 'system', 'system']);
    expect(lines.map((m) => m.case_id)).toEqual([c.body.id, c.body.id, c.body.id]);
    expect(lines[1].body).toContain('rejected');
    const agentPost = await api.post(`/v1/orders/${order.id}/messages`, shop.agent, {
      body: 'Please both send your evidence.',
    });
    expect(agentPost.status).toBe(201);
    expect(agentPost.body.author.role).toBe('agent');
  });

  it('messages are plain text with a length limit, never edited or deleted', async () => {
    const order = await createOrder(t.app, shop);
    const long = await api.post(`/v1/orders/${order.id}/messages`, shop.buyer, {
      body: 'x'.repeat(4001),
    });
    expect(long.status).toBe(422);
    expect(long.body.errors[0].path).toBe('body.body');
    const control = await api.post(`/v1/orders/${order.id}/messages`, shop.buyer, {
      body: 'bell \u0007',
    });
    expect(control.status).toBe(422);
    const posted = await api.post(`/v1/orders/${order.id}/messages`, shop.buyer, {
      body: 'keep me',
    });
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: `/v1/orders/${order.id}/messages/${posted.body.id}`,
        headers: { authorization: `Bearer ${shop.buyer.token}` },
      });
      expect(res.statusCode).toBe(404);
    }
    await expect(
      t.database.db.execute(sql`update messages set body = 'changed' where id = ${posted.body.id}`),
    ).rejects.toMatchObject({ cause: { message: 'messages is append-only' } });
    await expect(
      t.database.db.execute(sql`delete from messages where id = ${posted.body.id}`),
    ).rejects.toMatchObject({ cause: { message: 'messages is append-only' } });
  });

  it('a dispute record can be fetched, printed (escaped) and verified', async () => {
    const order = await createOrder(t.app, shop);
    await api.post(`/v1/orders/${order.id}/messages`, shop.buyer, {
      body: '<script>alert("x")</script> it broke & I am upset',
    });
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Shattered.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    await api.post(`/v1/returns/${c.body.id}/reject`, shop.staff, {
      reason: 'insufficient_evidence',
      note: 'Photo?',
    });
    await api.post(`/v1/returns/${c.body.id}/escalate`, shop.buyer, {
      note: 'Look at the thread.',
    });

    const record = await api.get(`/v1/returns/${c.body.id}/record`, shop.agent);
    expect(record.status).toBe(200);
    expect(record.body.events.map((e: Json) => e.type)).toEqual([
      'return.requested',
      'return.rejected',
      'return.escalated',
    ]);
    expect(record.body.messages).toHaveLength(4);
    expect(record.body.verification.events).toEqual({ ok: true, checked: 3 });
    expect(record.body.verification.messages).toEqual({ ok: true, checked: 4 });

    const html = await t.app.inject({
      method: 'GET',
      url: `/v1/returns/${c.body.id}/record.html`,
      headers: { authorization: `Bearer ${shop.agent.token}` },
    });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.body).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; it broke &amp; I am upset',
    );
    expect(html.body).not.toContain('<script>');
    expect(html.body).toContain('verified (3 links)');

    expect((await api.get(`/v1/returns/${c.body.id}/record`, other.staff)).status).toBe(404);
  });

  it('verify is clean, then names the case and the link after a row is edited in the database', async () => {
    const clean = await verifyRecords(t.database.db);
    expect(clean.problems).toEqual([]);
    expect(clean.cases).toBeGreaterThan(0);
    expect(clean.messages).toBeGreaterThan(0);

    const order = await createOrder(t.app, shop);
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Dented.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    await api.post(`/v1/returns/${c.body.id}/approve`, shop.staff, {});
    // Someone with database access rewrites history: the trigger must be lifted first.
    await t.database.db.execute(
      sql`alter table case_events disable trigger case_events_append_only`,
    );
    await t.database.db.execute(sql`
      update case_events set payload = jsonb_set(payload, '{description}', '"Changed later"')
      where case_id = ${c.body.id} and seq = 1`);
    await t.database.db.execute(
      sql`alter table case_events enable trigger case_events_append_only`,
    );

    const report = await verifyRecords(t.database.db);
    expect(report.problems).toEqual([
      {
        kind: 'event_chain',
        subject: c.body.id,
        detail: expect.stringMatching(
          /^event #1 \(evt_[0-9a-z]+\): content does not match its hash$/,
        ),
      },
    ]);

    if (t.database.url) {
      const cli = spawnSync(process.execPath, ['bin/sendback.js', 'verify'], {
        env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(c.body.id);
      expect(cli.stdout).toContain('event #1');
    }
  });
});

describe.each(ENGINES)('evidence in cases and threads [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let other: Shop;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine, {
      SENDBACK_ATTACHMENTS_DIR: `${process.env['TMPDIR'] ?? '/tmp'}/sb-att-${engine}-${Date.now()}`,
    });
    shop = await createShop(t.app);
    other = await createShop(t.app);
    api = client(t.app);
  });
  afterAll(() => t.close());

  it("only your own uploads can be cited; cited evidence is readable by the case's parties", async () => {
    const order = await createOrder(t.app, shop);
    const photo = await uploadEvidence(t.app, shop.buyer);
    const foreign = await uploadEvidence(t.app, other.buyer);
    const bad = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'See photo.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      attachment_ids: [photo, foreign],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { path: 'body.attachment_ids.1', message: expect.any(String) },
    ]);

    expect((await api.get(`/v1/attachments/${photo}`, shop.staff)).status).toBe(404);
    const ok = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'See photo.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      attachment_ids: [photo],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.attachment_ids).toEqual([photo]);
    expect((await api.get(`/v1/attachments/${photo}`, shop.staff)).status).toBe(200);
    expect((await api.get(`/v1/attachments/${photo}`, other.staff)).status).toBe(404);

    const sellerPhoto = await uploadEvidence(t.app, shop.staff);
    const msg = await api.post(`/v1/orders/${order.id}/messages`, shop.staff, {
      body: 'Here is what we received.',
      attachment_ids: [sellerPhoto],
    });
    expect(msg.status).toBe(201);
    expect((await api.get(`/v1/attachments/${sellerPhoto}`, shop.buyer)).status).toBe(200);
    const record = await api.get(`/v1/returns/${ok.body.id}/record`, shop.buyer);
    expect(record.body.attachments.map((a: Json) => a.id).sort()).toEqual(
      [photo, sellerPhoto].sort(),
    );
  });
});
