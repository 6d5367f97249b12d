import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildServer } from '../../scripts/build-server.ts';
import { runningEmbeddedPid } from '../../src/db/embedded-postgres.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { admin } from '../support/fixtures.ts';

describe.each(ENGINES)('HTTP shell [%s]', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, {}, (app) => {
      // A route with a body schema, to exercise parsing and validation errors.
      app.post(
        '/test/echo',
        { schema: { body: z.object({ quantity: z.number().int().min(1), sku: z.string() }) } },
        async (request) => request.body,
      );
      app.get('/test/boom', async () => {
        throw new Error('secret internal detail: password=hunter2');
      });
    });
  });
  afterAll(() => t.close());

  it('/healthz answers ok', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database and migrations', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });

    // Pretend the newest migration was never applied.
    await t.database.db.execute(sql`
      delete from drizzle.__drizzle_migrations
      where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const pending = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(pending.statusCode).toBe(503);
    expect(pending.json()).toMatchObject({
      status: 'unavailable',
      checks: { migrations: 'pending' },
    });
  });

  it('/metrics exposes request counts and latency by route, to operators only', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const anonymous = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(anonymous.body).not.toContain('sendback_http_requests_total');
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /sendback_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
    expect(res.body).toContain('sendback_http_request_duration_seconds_bucket');
  });

  it('unknown routes answer problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'route_not_found',
      title: expect.any(String),
    });
  });

  it('malformed JSON answers 400 problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"quantity": 1,',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, code: 'malformed_request' });
  });

  it('schema violations answer 422 with the failing fields', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { quantity: 0 },
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.quantity',
      'body.sku',
    ]);
  });

  it('5xx answers hide internals and the log keeps the request id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/test/boom',
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.json()).toMatchObject({ code: 'internal_error' });
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    const lines = t.logs.filter((l) => l['reqId'] === 'trace-abc-123');
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });

  it('logs one line per request, with what was asked, the answer and the time taken', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz?probe=1',
      headers: { 'x-request-id': 'one-line-42' },
    });
    expect(res.statusCode).toBe(200);
    const lines = t.logs.filter((l) => l['reqId'] === 'one-line-42');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', url: '/healthz?probe=1' },
      res: { statusCode: 200 },
    });
    expect(lines[0]!['responseTime']).toBeTypeOf('number');
  });

  it('serves an OpenAPI 3.1 document and the interactive docs', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toBe('3.1.0');
    expect(Object.keys(doc.json().paths)).toContain('/readyz');
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('sendback serve', () => {
  // `npm start` runs the bundle that scripts/build-server.ts makes; bin/sendback.js runs the
  // TypeScript sources. Both serve the same app.
  let bundleDir = '';
  beforeAll(async () => {
    mkdirSync('.tmp', { recursive: true });
    bundleDir = mkdtempSync(join('.tmp', 'bundle-'));
    await buildServer(undefined, join(bundleDir, 'sendback.mjs'));
  });
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

  it.each([
    ['the TypeScript sources (bin/sendback.js)', () => ['bin/sendback.js', 'serve']],
    ['the bundle npm start runs', () => [join(bundleDir, 'sendback.mjs'), 'serve']],
  ])(
    'serves from %s, then shuts down gracefully on SIGTERM',
    async (_, args) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sendback-serve-'));
      // Run as root, the embedded PostgreSQL runs as an unprivileged account that must reach it.
      chmodSync(dataDir, 0o755);
      const child = spawn(process.execPath, args(), {
        env: {
          ...process.env,
          PORT: '0',
          DATABASE_URL: '',
          SENDBACK_DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => {
        output += d;
      });
      child.stderr.on('data', (d) => {
        output += d;
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 60_000);
          child.stdout.on('data', () => {
            const match = /running at (http:\/\/\S+)/.exec(output);
            if (match?.[1]) {
              clearTimeout(timer);
              resolve(match[1]);
            }
          });
        });
        const health = await fetch(`${url}/healthz`);
        expect(health.status).toBe(200);
        // The UI and the demo data are there; the API answers.
        expect((await fetch(`${url}/`)).headers.get('content-type')).toContain('text/html');
        const demo = (await (await fetch(`${url}/v1/demo`)).json()) as { logins: unknown[] };
        expect(demo.logins.length).toBeGreaterThan(3);
        // 'close': the process has ended and its output has been read to the end (its last log
        // lines are written as it exits).
        const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        expect(output).toContain('shutting down');
        // The embedded PostgreSQL it started stopped with it.
        expect(output).toContain('Stopped the embedded PostgreSQL');
        expect(runningEmbeddedPid(dataDir)).toBeNull();
        // Nothing went wrong in the background meanwhile (workers included).
        expect(output).not.toMatch(/"level":(50|60)/);
      } finally {
        child.kill('SIGKILL');
        const orphan = runningEmbeddedPid(dataDir);
        if (orphan) process.kill(-orphan, 'SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
