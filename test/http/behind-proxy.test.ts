import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createShop, type Shop } from '../support/fixtures.ts';

// Behind a TLS-terminating proxy (SENDBACK_TRUST_PROXY): the session cookie is Secure when the
// proxy says the client came over https, and login limits count each client, not the proxy.
describe.each(ENGINES)('behind a proxy [%s]', (engine) => {
  let trusting: TestApp;
  let plain: TestApp;
  let shop: Shop;
  beforeAll(async () => {
    trusting = await startTestApp(engine, {
      SENDBACK_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
      SENDBACK_RATE_LIMIT_LOGIN_ADDRESS: '2',
    });
    plain = await startTestApp(engine);
    shop = await createShop(trusting.app);
  });
  afterAll(async () => {
    await trusting.close();
    await plain.close();
  });

  const logIn = (t: TestApp, headers: Record<string, string>, password = 'wrong password!') =>
    t.app.inject({
      method: 'POST',
      url: '/v1/session',
      headers,
      payload: { email: 'nobody@example.test', password },
    });

  it('the session cookie is Secure when a trusted proxy says https, and only then', async () => {
    const me = await trusting.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${shop.staff.token}` },
    });
    const email = me.json().user.email as string;
    const login = (t: TestApp, headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/session',
        headers,
        payload: { email, password: 'correct horse battery' },
      });
    const viaHttps = await login(trusting, {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '203.0.113.7',
    });
    expect(viaHttps.statusCode).toBe(201);
    expect(String(viaHttps.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    const viaHttp = await login(trusting, { 'x-forwarded-proto': 'http' });
    expect(String(viaHttp.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    // A server that trusts no proxy believes no header.
    const untrusted = await plain.app.inject({
      method: 'POST',
      url: '/v1/session',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'nobody@example.test', password: 'wrong password!' },
    });
    expect(untrusted.statusCode).toBe(401);
    expect(untrusted.headers['set-cookie']).toBeUndefined();
  });

  it('login limits count each client behind the proxy, not the proxy', async () => {
    const first = { 'x-forwarded-for': '198.51.100.1' };
    expect((await logIn(trusting, first)).statusCode).toBe(401);
    expect((await logIn(trusting, first)).statusCode).toBe(401);
    expect((await logIn(trusting, first)).statusCode).toBe(429);
    // Another client through the same proxy is not held up by the first one's attempts.
    expect((await logIn(trusting, { 'x-forwarded-for': '198.51.100.2' })).statusCode).toBe(401);
  });
});
