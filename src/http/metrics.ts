import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, type Metric, Registry } from 'prom-client';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** One series: the requests of one method, route template and status. */
interface Series {
  labels: { method: string; route: string; status: string };
  count: number;
  sum: number;
  /** Requests per bucket (not cumulative); the last counts those over every bound. */
  buckets: number[];
}

/**
 * Request counts and latency, by method, route template and status: counted by one map lookup per
 * request and written out, when scraped, as prom-client's Counter and Histogram write theirs
 * (metrics.test.ts holds the two texts equal). prom-client's own hash and check the labels of
 * every observation, twice per request, a sixtieth of the server's CPU per command
 * (bench:lifecycle --cpu-prof).
 */
export class RequestMetrics {
  readonly #series = new Map<string, Series>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let s = this.#series.get(key);
    if (!s) {
      s = {
        labels: { method, route, status: String(status) },
        count: 0,
        sum: 0,
        buckets: new Array<number>(BUCKETS.length + 1).fill(0),
      };
      this.#series.set(key, s);
    }
    s.count++;
    s.sum += seconds;
    let b = 0;
    while (b < BUCKETS.length && seconds > BUCKETS[b]!) b++;
    s.buckets[b]!++;
  }

  /** Forgets every count (prom-client's `resetMetrics`). */
  reset(): void {
    this.#series.clear();
  }

  /** Adds the two metrics to `registry`. */
  registerIn(registry: Registry): void {
    const series = () => [...this.#series.values()];
    const reset = () => this.reset();
    registry.registerMetric(
      metric('sendback_http_requests_total', 'counter', REQUESTS_HELP, reset, () =>
        series().map((s) => ({ labels: s.labels, value: s.count })),
      ),
    );
    const name = 'sendback_http_request_duration_seconds';
    registry.registerMetric(
      metric(name, 'histogram', DURATION_HELP, reset, () =>
        series().flatMap((s) => {
          let below = 0;
          return [
            ...[...BUCKETS, '+Inf' as const].map((le, i) => {
              below += s.buckets[i]!;
              return { metricName: `${name}_bucket`, labels: { le, ...s.labels }, value: below };
            }),
            { metricName: `${name}_sum`, labels: s.labels, value: s.sum },
            { metricName: `${name}_count`, labels: s.labels, value: s.count },
          ];
        }),
      ),
    );
  }
}

const REQUESTS_HELP = 'HTTP requests answered, by method, route template and status code.';
const DURATION_HELP = 'HTTP request latency in seconds, by method, route template and status code.';

/** A metric as a prom-client Registry reads one: its name, and its type, help and values. */
function metric(
  name: string,
  type: 'counter' | 'histogram',
  help: string,
  reset: () => void,
  values: () => { metricName?: string; labels: Record<string, string | number>; value: number }[],
): Metric {
  return {
    name,
    reset,
    get: async () => ({ name, help, type, aggregator: 'sum', values: values() }),
  } as never;
}

/** Prometheus metrics: the process's (prom-client's defaults) and the requests'. */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new RequestMetrics();
  requests.registerIn(registry);
  app.addHook('onResponse', (request, reply, done) => {
    // Unknown URLs share one label so a scanner cannot blow up the series count.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  // For the platform's operators (an operator's API key or the admin token, as a bearer token):
  // the counts say how busy the marketplace is and which routes it uses.
  app.get(
    '/metrics',
    { schema: { hide: true }, config: { roles: ['operator'] } },
    async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
  return registry;
}
