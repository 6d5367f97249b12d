import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/app/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { deleteEndedRateLimits } from '../../src/db/rate-limits.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { ADMIN_TOKEN, startTestApp, T0, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createUser } from '../support/fixtures.ts';

const attempt = (app: App, email: string, password = 'guess-guess-guess', ip?: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/session',
    payload: { email, password },
    ...(ip ? { remoteAddress: ip } : {}),
  });

describe.each(ENGINES)('login attempts are limited across spellings and nodes [%s]', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, {
      SENDBACK_RATE_LIMIT_LOGIN: '5',
      SENDBACK_RATE_LIMIT_LOGIN_ADDRESS: '8',
    });
  });
  afterAll(() => t.close());

  it('an e-mail padded with whitespace or re-cased counts as the same e-mail', async () => {
    const spellings = [
      'victim@example.test',
      ' victim@example.test',
      'victim@example.test ',
      '\tVICTIM@example.test',
      '  Victim@Example.test\n',
    ];
    for (const email of spellings) {
      expect((await attempt(t.app, email, undefined, '10.0.0.1')).statusCode).toBe(401);
    }
    // From another address: the e-mail's own limit holds.
    const limited = await attempt(t.app, '   victim@EXAMPLE.test   ', undefined, '10.0.0.2');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The right password does not get through either while the window lasts.
    const user = await createUser(t.app, 'buyer');
    for (let i = 0; i < 5; i++) await attempt(t.app, ` ${user.email} `, undefined, '10.0.0.3');
    const right = await attempt(t.app, user.email, 'correct horse battery', '10.0.0.4');
    expect(right.statusCode).toBe(429);
    // A minute later the window has passed.
    t.clock.advance(60);
    expect((await attempt(t.app, user.email, 'correct horse battery', '10.0.0.4')).statusCode).toBe(
      201,
    );
  });

  it('one address trying many e-mails hits the per-address limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (await attempt(t.app, `spray-${i}@example.test`, undefined, '10.9.9.9')).statusCode,
      );
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429]);
    // Another address is counted apart.
    expect((await attempt(t.app, 'spray-x@example.test', undefined, '10.9.9.10')).statusCode).toBe(
      401,
    );
  });

  it('an e-mail that PostgreSQL cannot hold (a NUL) is refused, not a 500', async () => {
    const res = await attempt(t.app, 'nul\u0000@example.test', undefined, '10.7.7.7');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('the counters live in PostgreSQL, keyed without the e-mail in clear', async () => {
    const { rows } = (await t.database.db.execute('select key from rate_limits')) as unknown as {
      rows: { key: string }[];
    };
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('victim');
    // The workers drop counters whose window has passed (those before the clock moved), and
    // keep running windows.
    const dropped = await deleteEndedRateLimits(t.database.db, t.clock.now());
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(rows.length);
    const later = new Date(t.clock.now().getTime() + 60_000);
    expect(await deleteEndedRateLimits(t.database.db, later)).toBe(rows.length - dropped);
  });
});

/** A second node on the same database: its own app, clock, memory and pool. */
async function startSecondNode(t: TestApp, env: Record<string, string>) {
  const database: Database = await openDatabase({ url: t.database.url, poolSize: 2 });
  const config = loadConfig({
    SENDBACK_ADMIN_TOKEN: ADMIN_TOKEN,
    SENDBACK_CLOCK: 'manual',
    ...env,
  });
  const logger = createLogger('info', new Writable({ write: (_c, _e, done) => done() }));
  // Its clock is the shared test clock, as on a real second node.
  const clock = new ManualClock(T0, { db: database.db });
  const app = await buildApp({ config, database, clock, logger });
  await app.ready();
  return app;
}

describe.each(ENGINES)('two nodes on one database [%s]', (engine) => {
  const env = { SENDBACK_RATE_LIMIT_LOGIN: '6', SENDBACK_RATE_LIMIT_LOGIN_ADDRESS: '1000' };
  let a: TestApp;
  let b: App;
  beforeAll(async () => {
    a = await startTestApp(engine, env);
    b = await startSecondNode(a, env);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('login attempts split across both nodes still hit the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const node = i % 2 === 0 ? a.app : b;
      statuses.push((await attempt(node, 'target@example.test', undefined, '10.1.1.1')).statusCode);
    }
    expect(statuses.slice(0, 6)).toEqual(Array(6).fill(401));
    expect(statuses.slice(6)).toEqual([429, 429]);
  });

  it('so do attempts in parallel on both nodes: exactly the limit gets through', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attempt(i % 2 === 0 ? a.app : b, ` parallel@example.test${' '.repeat(i % 3)}`),
      ),
    );
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(14);
  });
});
