import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createUser, type Person } from '../support/fixtures.ts';
import { client } from '../support/http.ts';

const PASSWORD = 'correct horse battery';

interface OpenStream {
  status: number;
  /** Resolves with the milliseconds from `since` when the server ends the stream. */
  ended: (since: number) => Promise<number>;
  isEnded: () => boolean;
  text: () => string;
  abort: () => void;
}

describe.each(ENGINES)('live-update streams end with their credential [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let baseUrl: string;
  const streams: OpenStream[] = [];
  beforeAll(async () => {
    t = await startTestApp(engine, {
      SENDBACK_STREAM_RECHECK_SECONDS: '0.2',
      SENDBACK_STREAMS_PER_USER: '3',
      SENDBACK_RATE_LIMIT_LOGIN_ADDRESS: '1000',
    });
    api = client(t.app);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const s of streams) s.abort();
    await t.close();
  });

  async function open(headers: Record<string, string>): Promise<OpenStream> {
    const controller = new AbortController();
    const res = await fetch(`${baseUrl}/v1/stream`, { headers, signal: controller.signal });
    let text = '';
    let endedAt: number | undefined;
    const done = (async () => {
      if (res.status !== 200 || !res.body) return;
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body) text += decoder.decode(chunk as Uint8Array);
      } catch {
        // aborted by the test
      }
    })().then(() => {
      endedAt = Date.now();
    });
    const stream: OpenStream = {
      status: res.status,
      ended: async (since) => {
        await Promise.race([done, new Promise((r) => setTimeout(r, 6_000))]);
        return endedAt === undefined ? Number.POSITIVE_INFINITY : endedAt - since;
      },
      isEnded: () => endedAt !== undefined,
      text: () => text,
      abort: () => controller.abort(),
    };
    streams.push(stream);
    if (res.status !== 200) await res.text().then((body) => (text = body));
    return stream;
  }
  const bearer = (person: { token: string }) => ({ authorization: `Bearer ${person.token}` });
  async function logIn(person: Person) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: person.email, password: PASSWORD },
    });
    const token = /sendback_session=([^;]+)/.exec(String(res.headers['set-cookie']))![1]!;
    return { token, csrf: res.json().csrf_token as string };
  }
  const stillOpen = async (stream: OpenStream) => {
    // Two re-check rounds pass without the stream ending.
    await new Promise((r) => setTimeout(r, 600));
    expect(stream.isEnded()).toBe(false);
  };

  it('a stream on a session closes within seconds of logging out', async () => {
    const buyer = await createUser(t.app, 'buyer');
    const session = await logIn(buyer);
    const stream = await open({ cookie: `sendback_session=${session.token}` });
    expect(stream.status).toBe(200);
    await stillOpen(stream);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/v1/session',
      cookies: { sendback_session: session.token },
    });
    expect(out.statusCode).toBe(204);
    expect(await stream.ended(Date.now())).toBeLessThan(3_000);
  });

  it('a stream on an API key closes within seconds of revoking the key', async () => {
    const buyer = await createUser(t.app, 'buyer');
    const stream = await open(bearer(buyer));
    expect(stream.status).toBe(200);
    await stillOpen(stream);
    const [key] = (await api.get('/v1/me/api_keys', buyer)).body.data;
    expect((await api.send('DELETE', `/v1/me/api_keys/${key.id}`, buyer.token)).status).toBe(204);
    expect(await stream.ended(Date.now())).toBeLessThan(3_000);
  });

  it("a user's streams close within seconds of the user being disabled", async () => {
    const buyer = await createUser(t.app, 'buyer');
    const session = await logIn(buyer);
    const byKey = await open(bearer(buyer));
    const bySession = await open({ cookie: `sendback_session=${session.token}` });
    await stillOpen(byKey);
    const other = await createUser(t.app, 'buyer');
    const bystander = await open(bearer(other));
    const disabled = await api.post(`/v1/users/${buyer.id}/disable`, { token: ADMIN_TOKEN });
    expect(disabled.status).toBe(200);
    const since = Date.now();
    expect(await byKey.ended(since)).toBeLessThan(3_000);
    expect(await bySession.ended(since)).toBeLessThan(3_000);
    await stillOpen(bystander);
    bystander.abort();
  });

  it('a user holds at most the configured number of streams; a closed one frees its slot', async () => {
    const buyer = await createUser(t.app, 'buyer');
    const first = await open(bearer(buyer));
    await open(bearer(buyer));
    await open(bearer(buyer));
    const fourth = await open(bearer(buyer));
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.text())).toMatchObject({ code: 'rate_limited', status: 429 });
    // The cap is per user, not per node-wide count: someone else still gets one.
    const other = await createUser(t.app, 'buyer');
    expect((await open(bearer(other))).status).toBe(200);

    first.abort();
    let again: OpenStream | undefined;
    for (let i = 0; i < 20 && again?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = await open(bearer(buyer));
    }
    expect(again?.status).toBe(200);
  });
});
