import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createShop, type Shop } from '../support/fixtures.ts';

describe.each(ENGINES)('sessions, CSRF and the test clock [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
  });
  afterAll(() => t.close());

  async function logIn() {
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${shop.staff.token}` },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: me.json().user.email, password: 'correct horse battery' },
    });
    return res;
  }

  it('logs in with a httpOnly, SameSite=Lax cookie and answers /v1/me', async () => {
    const res = await logIn();
    expect(res.statusCode).toBe(201);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/sendback_session=sbs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = /sendback_session=([^;]+)/.exec(cookie)![1]!;
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      cookies: { sendback_session: token },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ via: 'session', user: { role: 'seller' } });
    expect(me.json().csrf_token).toBe(res.json().csrf_token);
    // The token is stored hashed: it appears nowhere in the database.
    const stored = await queryRows(t.database.db, sql`select * from sessions`);
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('a wrong password is 401 with the same answer as an unknown e-mail', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: 'nobody@example.test', password: 'whatever-it-is' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('unauthenticated');
  });

  it('cookie-authenticated writes need the CSRF header', async () => {
    const login = await logIn();
    const token = /sendback_session=([^;]+)/.exec(String(login.headers['set-cookie']))![1]!;
    const csrf = login.json().csrf_token;
    const url = `/v1/sellers/${shop.seller.id}/return_policy`;
    const without = await t.app.inject({
      method: 'PUT',
      url,
      cookies: { sendback_session: token },
      payload: { window_days: 45 },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf_failed');
    const withIt = await t.app.inject({
      method: 'PUT',
      url,
      cookies: { sendback_session: token },
      headers: { 'x-csrf-token': csrf },
      payload: { window_days: 45 },
    });
    expect(withIt.statusCode).toBe(200);
    expect(withIt.json().policy.window_days).toBe(45);
  });

  it('logging out ends the session', async () => {
    const login = await logIn();
    const token = /sendback_session=([^;]+)/.exec(String(login.headers['set-cookie']))![1]!;
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/v1/session',
      cookies: { sendback_session: token },
    });
    expect(out.statusCode).toBe(204);
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      cookies: { sendback_session: token },
    });
    expect(me.statusCode).toBe(401);
  });

  it('the manual test clock advances for operators only', async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: '/v1/test_clock',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const start = new Date(before.json().now).getTime();
    const denied = await t.app.inject({
      method: 'POST',
      url: '/v1/test_clock/advance',
      headers: { authorization: `Bearer ${shop.buyer.token}` },
      payload: { seconds: 60 },
    });
    expect(denied.statusCode).toBe(403);
    const moved = await t.app.inject({
      method: 'POST',
      url: '/v1/test_clock/advance',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { seconds: 3600 },
    });
    expect(moved.statusCode).toBe(200);
    expect(new Date(moved.json().now).getTime() - start).toBe(3600_000);
  });
});

describe.each(ENGINES)('without SENDBACK_CLOCK=manual [%s]', (engine) => {
  it('the test clock routes do not exist', async () => {
    const t = await startTestApp(engine, { SENDBACK_CLOCK: 'system' });
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/test_clock/advance',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        payload: { seconds: 60 },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
