import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, helmetHeaders } from '../../src/http/protection.ts';

/** The headers helmet's middleware leaves on a real answer of Node's HTTP server. */
async function headersOnARealAnswer(
  middleware: ReturnType<typeof helmet>,
): Promise<Record<string, unknown>> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Powered-By', 'something');
    middleware(req, res, () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`);
    await res.text();
    const seen: Record<string, unknown> = {};
    res.headers.forEach((value, name) => {
      if (!['date', 'connection', 'keep-alive', 'content-length'].includes(name)) {
        seen[name] = value;
      }
    });
    return seen;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('helmetHeaders', () => {
  it.each([
    [
      'the server’s options',
      {
        contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
        crossOriginEmbedderPolicy: false,
        hsts: { maxAge: 15_552_000, includeSubDomains: true },
      },
    ],
    ['helmet’s defaults', {}],
  ] as const)('are the headers helmet itself sets, with %s', async (_name, options) => {
    const middleware = helmet(options);
    const listed = Object.fromEntries(
      helmetHeaders(middleware).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(listed['content-security-policy']).toContain("default-src 'self'");
    // Everything helmet put on a real answer, and nothing else (its X-Powered-By removed).
    expect(listed).toEqual(await headersOnARealAnswer(middleware));
  });
});
