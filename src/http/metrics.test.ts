import fc from 'fast-check';
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestMetrics } from './metrics.ts';

/** prom-client's own counter and histogram, as the metrics were first written. */
function promClientPair() {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'sendback_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'sendback_http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route template and status code.',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    registry,
    observe(method: string, route: string, status: number, seconds: number) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}

describe('RequestMetrics', () => {
  it("writes what prom-client's Counter and Histogram write for the same requests", async () => {
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'DELETE'),
      route: fc.constantFrom('/healthz', '/v1/returns/:id', 'unmatched'),
      status: fc.constantFrom(200, 201, 404, 422, 500),
      seconds: fc.oneof(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.constantFrom(0, 0.001, 0.0025, 0.005, 0.01, 1, 5, 5.0001),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(request, { maxLength: 40 }), async (requests) => {
        const ours = new RequestMetrics();
        const registry = new Registry();
        ours.registerIn(registry);
        const theirs = promClientPair();
        for (const r of requests) {
          ours.observe(r.method, r.route, r.status, r.seconds);
          theirs.observe(r.method, r.route, r.status, r.seconds);
        }
        expect(await registry.metrics()).toBe(await theirs.registry.metrics());
      }),
      { numRuns: 300 },
    );
  });

  it("forgets its counts when the registry's metrics are reset", async () => {
    const ours = new RequestMetrics();
    const registry = new Registry();
    ours.registerIn(registry);
    ours.observe('GET', '/healthz', 200, 0.002);
    expect(await registry.metrics()).toContain('sendback_http_requests_total{method="GET"');
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('method="GET"');
    ours.observe('POST', '/v1/returns', 201, 0.01);
    expect(await registry.metrics()).toContain(
      'sendback_http_requests_total{method="POST",route="/v1/returns",status="201"} 1',
    );
  });
});
