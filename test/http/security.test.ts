import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../src/app/webhooks/signature.ts';
import { queryRows } from '../../src/db/database.ts';
import { createLogger } from '../../src/logger.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createShop, type Shop } from '../support/fixtures.ts';
import { client } from '../support/http.ts';

const CARRIER_SECRET = 'carrier-secret-for-the-log-test-42';

/** A logger as the server makes it, writing its lines into `lines`. */
function loggerToLines() {
  const lines: string[] = [];
  const logger = createLogger('info', {
    write: (line: string) => {
      lines.push(line);
    },
  } as never);
  return { lines, logger };
}

describe.each(ENGINES)('security headers, rate limits, secrets [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine, {
      SENDBACK_RATE_LIMIT_LOGIN: '5',
      SENDBACK_RATE_LIMIT_WRITES: '40',
      SENDBACK_CARRIER_SECRET: CARRIER_SECRET,
      LOG_LEVEL: 'trace',
      // Its webhook endpoint is on 127.0.0.1.
      SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'on',
    });
    shop = await createShop(t.app);
    api = client(t.app);
  });
  afterAll(() => t.close());

  it('every answer carries security headers and a content security policy', async () => {
    for (const url of ['/healthz', '/v1/me', '/v1/nothing']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['referrer-policy']).toBeDefined();
    }
  });

  it('login attempts are rate-limited per address and e-mail', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/session',
        payload: { email: 'victim@example.test', password: 'guess-guess-guess' },
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate_limited');
    // Another e-mail from the same address is counted apart.
    const other = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: 'someone-else@example.test', password: 'guess-guess-guess' },
    });
    expect(other.statusCode).toBe(401);
  });

  it('writes are rate-limited per caller', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const res = await api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, {
        window_days: 30,
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(40);
    expect(statuses.at(-1)).toBe(429);
    // Reads are not writes.
    expect((await api.get('/v1/me', shop.staff)).status).toBe(200);
  });

  it('no secret or token ever appears in a log line; keys and sessions are stored hashed', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: shop.buyer.email, password: 'correct horse battery' },
    });
    const cookie = /sendback_session=([^;]+)/.exec(String(login.headers['set-cookie']))![1]!;
    const csrf = login.json().csrf_token as string;
    await t.app.inject({ method: 'GET', url: '/v1/me', cookies: { sendback_session: cookie } });
    await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      headers: { 'x-csrf-token': csrf },
      cookies: { sendback_session: cookie },
      payload: { email: shop.buyer.email, password: 'correct horse battery' },
    });
    await api.get('/v1/me', shop.buyer);
    await api.get('/v1/me', { token: ADMIN_TOKEN });
    const endpoint = await api.post('/v1/webhook_endpoints', shop.staff, {
      url: 'http://127.0.0.1:9/hook',
    });
    const webhookSecret = endpoint.body.secret as string;
    const body = JSON.stringify({
      events: [
        {
          event_id: 'x1',
          carrier: 'UPS',
          tracking_number: '1Z999AA10123456784',
          status: 'in_transit',
          occurred_at: t.clock.now().toISOString(),
        },
      ],
    });
    const signature = signPayload(CARRIER_SECRET, body, Math.floor(Date.now() / 1000));
    await t.app.inject({
      method: 'POST',
      url: '/v1/carrier_events',
      headers: { 'content-type': 'application/json', 'sendback-signature': signature },
      payload: body,
    });

    const logs = JSON.stringify(t.logs);
    expect(t.logs.length).toBeGreaterThan(20);
    for (const secret of [
      'correct horse battery',
      cookie,
      csrf,
      shop.buyer.token,
      shop.staff.token,
      ADMIN_TOKEN,
      webhookSecret,
      CARRIER_SECRET,
      signature.split('v1=')[1]!,
    ]) {
      expect(logs).not.toContain(secret);
    }

    const stored = JSON.stringify(
      await queryRows(
        t.database.db,
        sql`select * from api_keys union all select null, user_id, token_hash, csrf_token, created_at, expires_at from sessions`,
      ),
    );
    expect(stored).not.toContain(shop.buyer.token);
    expect(stored).not.toContain(cookie);
  });

  it('the logger censors credentials even when a line includes them', async () => {
    const { lines, logger } = loggerToLines();
    logger.info(
      {
        req: {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, cookie: 'sendback_session=abc' },
        },
        body: { password: 'hunter2hunter2', api_key: 'sbk_x', secret: 'whsec_y' },
      },
      'request',
    );
    const line = lines.join('');
    for (const secret of [
      ADMIN_TOKEN,
      'sendback_session=abc',
      'hunter2hunter2',
      'sbk_x',
      'whsec_y',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
  });

  it("a failed statement's error is logged with its text, never the values it was sent with", async () => {
    const { lines, logger } = loggerToLines();
    const email = 'private.person@example.test';
    const err = await t.database.db
      .execute(sql`select ${email}::text as email, 1 / (${2}::int - 2) as boom`)
      .catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).toContain(email);
    logger.error({ err }, 'request failed');
    const line = JSON.parse(lines.join('')) as { err: { query?: string; params?: unknown } };
    expect(line.err.query).toContain('1 / ($2::int - 2)');
    expect(line.err.params).toBe('[redacted]');
    expect(lines.join('')).not.toContain(email);
  });
});
