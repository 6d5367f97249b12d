import http from 'node:http';

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked by the caller, field by field
  body: any;
  headers: http.IncomingHttpHeaders;
  /** End to end, from writing the request to the last byte of the answer. */
  ms: number;
  /** The server's own time from its `Server-Timing: app;dur=…` header, when present. */
  serverMs: number | undefined;
}

/**
 * A small keep-alive HTTP/1.1 client (node:http) for benchmarks: one connection per concurrent
 * caller, JSON in and out, and the time of each call. Lighter than fetch on a 2-core machine
 * where the driver shares the CPU with the server and the database.
 */
export class Client {
  readonly agent: http.Agent;
  readonly host: string;
  readonly port: number;

  constructor(baseUrl: string, connections: number) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  request(
    method: string,
    path: string,
    options: {
      headers?: Record<string, string>;
      body?: unknown;
      raw?: string;
      /** The answer's body as the text received, not parsed. */
      text?: boolean;
    } = {},
  ): Promise<Answer> {
    const payload =
      options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers: Record<string, string | number> = { ...options.headers };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.request(
        { host: this.host, port: this.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if (!options.text && (res.headers['content-type'] ?? '').includes('json') && text) {
              try {
                body = JSON.parse(text);
              } catch {
                body = text;
              }
            }
            const timing = /app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
            resolve({
              status: res.statusCode ?? 0,
              body,
              headers: res.headers,
              ms,
              serverMs: timing ? Number(timing[1]) : undefined,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Throws with the answer's body unless the status is the expected one. */
export function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
    );
  }
  return answer;
}
