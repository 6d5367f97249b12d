import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createUser, type Person } from '../support/fixtures.ts';
import { client } from '../support/http.ts';

const PASSWORD = 'correct horse battery';

describe.each(ENGINES)('own API keys and sessions; disabling users [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const operator = { token: ADMIN_TOKEN };
  beforeAll(async () => {
    t = await startTestApp(engine, { SENDBACK_RATE_LIMIT_LOGIN_ADDRESS: '1000' }, (app) => {
      // A route that says it checks a known credential beside its reads, and forgets to.
      app.get('/v1/test/forgets-the-check', { config: { checksCredentialInRead: true } }, () => ({
        secret: 'shown only to a caller whose credential was checked',
      }));
    });
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function logIn(person: Person) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: person.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(201);
    const token = /sendback_session=([^;]+)/.exec(String(res.headers['set-cookie']))![1]!;
    return { token, csrf: res.json().csrf_token as string };
  }
  const withCookie = (
    method: 'GET' | 'DELETE' | 'POST',
    url: string,
    session: { token: string; csrf: string },
  ) =>
    t.app.inject({
      method,
      url,
      cookies: { sendback_session: session.token },
      headers: { 'x-csrf-token': session.csrf },
    });
  const meWithCookie = (session: { token: string }) =>
    t.app.inject({ method: 'GET', url: '/v1/me', cookies: { sendback_session: session.token } });

  it('a new API key is shown once: never kept with the answer a retry gets back', async () => {
    const email = `keyed-${Date.now()}@example.test`;
    const create = () =>
      api.post(
        '/v1/users',
        operator,
        { email, name: 'Keyed Buyer', role: 'buyer', api_key: true },
        { 'idempotency-key': `make-${email}` },
      );
    const first = await create();
    expect(first.status).toBe(201);
    const key: string = first.body.api_key;
    expect(key).toMatch(/^sbk_/);
    expect((await api.get('/v1/me', { token: key })).status).toBe(200);

    // The retry is the same answer, without the key; no row in the database holds it.
    const retry = await create();
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual({ ...first.body, api_key: null });
    const rows = await queryRows<{ response: unknown }>(
      t.database.db,
      sql`select response from idempotency_keys where key = ${`make-${email}`}`,
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0]!.response)).not.toContain(key);
    expect((rows[0]!.response as { user: { email: string } }).user.email).toBe(email);
  });

  it("lists one's own API keys: id, prefix and times, never the key or its hash", async () => {
    const buyer = await createUser(t.app, 'buyer');
    const other = await createUser(t.app, 'buyer');
    const res = await api.get('/v1/me/api_keys', buyer);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    const [key] = res.body.data;
    expect(Object.keys(key).sort()).toEqual(['created_at', 'id', 'prefix', 'revoked_at']);
    expect(key.id).toMatch(/^key_/);
    expect(buyer.token.startsWith(key.prefix)).toBe(true);
    expect(key.revoked_at).toBeNull();
    expect(res.body.next_cursor).toBeNull();
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(buyer.token);
    expect(text).not.toContain('hash');
    // Another user's keys are not in the list.
    const theirs = await api.get('/v1/me/api_keys', other);
    expect(theirs.body.data).toHaveLength(1);
    expect(theirs.body.data[0].id).not.toBe(key.id);
  });

  it('a read route that does not check a known credential answers 500, never its body', async () => {
    const buyer = await createUser(t.app, 'buyer');
    const get = () =>
      t.app.inject({
        method: 'GET',
        url: '/v1/test/forgets-the-check',
        headers: { authorization: `Bearer ${buyer.token}` },
      });
    // The first read reads the key; the second knows it, and the route skipped the check.
    expect((await get()).statusCode).toBe(200);
    const known = await get();
    expect(known.statusCode).toBe(500);
    expect(known.body).not.toContain('shown only');
  });

  it("revoking a key: it stops authenticating at once; revoking another user's key is 404", async () => {
    const buyer = await createUser(t.app, 'buyer');
    const other = await createUser(t.app, 'buyer');
    const [mine] = (await api.get('/v1/me/api_keys', buyer)).body.data;
    const [theirs] = (await api.get('/v1/me/api_keys', other)).body.data;

    const denied = await api.send('DELETE', `/v1/me/api_keys/${theirs.id}`, buyer.token);
    expect(denied.status).toBe(404);
    expect(denied.body.code).toBe('not_found');
    expect((await api.get('/v1/me', other)).status).toBe(200);

    // A session of the same user revokes the key (the key is not needed to revoke itself).
    const session = await logIn(buyer);
    const revoked = await withCookie('DELETE', `/v1/me/api_keys/${mine.id}`, session);
    expect(revoked.statusCode).toBe(204);
    const after = await api.get('/v1/me', buyer);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
    const listed = await withCookie('GET', '/v1/me/api_keys', session);
    expect(listed.json().data[0].revoked_at).toEqual(expect.any(String));
    // Revoking again is the same answer; the other user's key still works.
    expect((await withCookie('DELETE', `/v1/me/api_keys/${mine.id}`, session)).statusCode).toBe(
      204,
    );
    expect((await api.get('/v1/me', other)).status).toBe(200);
  });

  it("lists one's own sessions with the current one marked; ending one logs it out", async () => {
    const buyer = await createUser(t.app, 'buyer');
    const other = await createUser(t.app, 'buyer');
    const first = await logIn(buyer);
    const second = await logIn(buyer);
    const theirs = await logIn(other);

    const res = await withCookie('GET', '/v1/me/sessions', second);
    expect(res.statusCode).toBe(200);
    const sessions = res.json().data as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    for (const s of sessions) {
      expect(Object.keys(s).sort()).toEqual(['created_at', 'current', 'expires_at', 'id']);
      expect(s.id).toMatch(/^ses_/);
    }
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const currentId = sessions.find((s) => s.current)!.id;
    const firstId = sessions.find((s) => !s.current)!.id;
    const text = res.body;
    for (const secret of [first.token, second.token, first.csrf, second.csrf]) {
      expect(text).not.toContain(secret);
    }
    // By API key: the same sessions, none of them current.
    const byKey = await api.get('/v1/me/sessions', buyer);
    expect(byKey.body.data.map((s: { id: string }) => s.id).sort()).toEqual(
      [currentId, firstId].sort(),
    );
    expect(byKey.body.data.some((s: { current: boolean }) => s.current)).toBe(false);

    // Another user's session is 404 and keeps working.
    const theirId = (await withCookie('GET', '/v1/me/sessions', theirs)).json().data[0].id;
    const denied = await withCookie('DELETE', `/v1/me/sessions/${theirId}`, second);
    expect(denied.statusCode).toBe(404);
    expect((await meWithCookie(theirs)).statusCode).toBe(200);

    // Ending the first session from the second: the first stops authenticating at once.
    expect((await meWithCookie(first)).statusCode).toBe(200);
    const ended = await withCookie('DELETE', `/v1/me/sessions/${firstId}`, second);
    expect(ended.statusCode).toBe(204);
    expect((await meWithCookie(first)).statusCode).toBe(401);
    expect((await meWithCookie(second)).statusCode).toBe(200);
    expect((await withCookie('DELETE', `/v1/me/sessions/${firstId}`, second)).statusCode).toBe(404);

    // Logging out ends the current session the same way.
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/v1/session',
      cookies: { sendback_session: second.token },
    });
    expect(out.statusCode).toBe(204);
    expect((await meWithCookie(second)).statusCode).toBe(401);
    expect((await api.get('/v1/me/sessions', buyer)).body.data).toEqual([]);
  });

  it('an operator disables a user: no login, their key and sessions stop at once; enable undoes it', async () => {
    const buyer = await createUser(t.app, 'buyer');
    const session = await logIn(buyer);
    const agent = await createUser(t.app, 'agent');

    const forbidden = await api.post(`/v1/users/${buyer.id}/disable`, agent);
    expect(forbidden.status).toBe(403);
    const missing = await api.post('/v1/users/usr_01jx3v7k2m9q8r5t6w4y1z0abc/disable', operator);
    expect(missing.status).toBe(404);

    const disabled = await api.post(`/v1/users/${buyer.id}/disable`, operator);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: buyer.id, disabled_at: expect.any(String) });

    expect((await api.get('/v1/me', buyer)).status).toBe(401);
    expect((await meWithCookie(session)).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: buyer.email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    // The same answer as a wrong password: nothing tells the account apart.
    expect(login.json().code).toBe('unauthenticated');

    // Disabling twice keeps the first time.
    const again = await api.post(`/v1/users/${buyer.id}/disable`, operator);
    expect(again.status).toBe(200);
    expect(again.body.disabled_at).toBe(disabled.body.disabled_at);

    const enabled = await api.post(`/v1/users/${buyer.id}/enable`, operator);
    expect(enabled.status).toBe(200);
    expect(enabled.body.disabled_at).toBeNull();
    expect((await api.get('/v1/me', buyer)).status).toBe(200);
    // Sessions ended by the disabling stay ended; a new login works.
    expect((await meWithCookie(session)).statusCode).toBe(401);
    await logIn(buyer);
  });

  it('the new routes are in the OpenAPI document', async () => {
    const doc = (await api.get('/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/me/api_keys',
        '/v1/me/api_keys/{id}',
        '/v1/me/sessions',
        '/v1/me/sessions/{id}',
        '/v1/users/{id}/disable',
        '/v1/users/{id}/enable',
      ]),
    );
  });
});
